import { fromPglite, PgBoss } from 'pg-boss';
import type { LaminaDatabase } from '../db/open.ts';

/**
 * The job queue (pg-boss) in the same database on both engines, so jobs survive a restart and any
 * server process can run them: the embedded database through its own adapter, PostgreSQL in a
 * schema of its own (`pgboss`, or `<schema>_boss` beside a test schema). Started, with failures
 * reported to `log` as "job queue: …".
 */
export async function startBoss(
  database: LaminaDatabase,
  log: (line: string) => void,
): Promise<PgBoss> {
  const backend = database.jobsBackend;
  const boss =
    backend.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(backend.pglite), backend: 'pglite', schema: 'pgboss' })
      : new PgBoss({
          connectionString: backend.url,
          schema: backend.searchPath ? `${backend.searchPath}_boss` : 'pgboss',
          max: 2,
        });
  boss.on('error', (error: Error) => log(`job queue: ${error.message}`));
  await boss.start();
  return boss;
}
