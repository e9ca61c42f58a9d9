import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { recordAudit } from '../audit/audit.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { runInProcess } from '../cli/run-cli.test-helper.ts';
import { enrolAndSignIn, seedClinic, signedInClinic } from '../http/test-fixtures.ts';
import { migrate } from './migrate.ts';
import { type LaminaDatabase, openDatabase, postgresDatabase } from './open.ts';
import { grantAppRole } from './roles.ts';
import type { Database } from './schema.ts';
import { forEachEngine } from './test-engines.ts';

const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || '';

/** Roles are global to the cluster: unique names, dropped when this file ends. */
const roles: string[] = [];
function aRoleName() {
  const role = `lamina_test_app_${process.pid}_${randomBytes(3).toString('hex')}`;
  roles.push(role);
  return role;
}
after(async () => {
  if (roles.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const role of roles) {
      const { rows } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      if (rows.length === 0) continue;
      await client.query(`drop owned by ${role} cascade`);
      await client.query(`drop role ${role}`);
    }
  } finally {
    await client.end();
  }
});

function schemaOf(database: LaminaDatabase): string {
  const backend = database.jobsBackend;
  if (backend.kind !== 'postgres' || !backend.searchPath) throw new Error('not a test schema');
  return backend.searchPath;
}

/** The test server's URL as another role, in one schema. */
function urlFor(role: string, schema: string): string {
  const url = new URL(postgresUrl);
  url.username = role;
  url.password = '';
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const refused = /permission denied|must be owner/;

forEachEngine((engine) => {
  if (engine.name !== 'postgres') return; // roles are PostgreSQL's; the embedded engine has one user

  engine.test(
    'as the application role, the audit log takes INSERT and SELECT, and nothing that changes it',
    async () => {
      const owner = await engine.open();
      const schema = schemaOf(owner);
      const role = aRoleName();
      const granted = await grantAppRole(owner.db, { role, jobsSchema: null });
      assert.equal(granted.created, true);
      assert.equal(granted.schema, schema);
      const app = postgresDatabase(urlFor(role, schema), 2);
      try {
        const db = app.db as Kysely<Database>;
        const { rows } = await sql<{ user: string }>`select current_user as user`.execute(db);
        assert.equal(rows[0]?.user, role);
        const clinic = await seedClinic(db);
        await recordAudit(db, {
          clinicId: clinic.clinicId,
          actor: null,
          action: 'test.insert',
          subjectType: 'test',
        });
        const seen = await db.selectFrom('audit_log').select('action').execute();
        assert.deepEqual(seen, [{ action: 'test.insert' }]);

        for (const attack of [
          'update audit_log set action = $$x$$',
          'delete from audit_log',
          'truncate audit_log',
          'alter table audit_log disable trigger audit_log_no_update_or_delete',
          'alter table audit_log disable trigger all',
          'drop trigger audit_log_chain on audit_log',
          'update audit_chain_heads set seq = 0',
          `insert into audit_chain_heads values ('${randomUUID()}', 1, 1, 'x')`,
          'create table lamina_test_forbidden (id int)',
        ]) {
          await assert.rejects(sql.raw(attack).execute(db), refused, attack);
        }
        const [report] = await verifyAuditChain(db, { clinicId: clinic.clinicId });
        assert.equal(report?.rows, 1);
        assert.equal(report?.firstBroken, undefined);
        // The server opens as this role and migrates on start: with nothing pending it changes nothing.
        assert.deepEqual((await migrate(db)).applied, []);
      } finally {
        await app.close();
      }
    },
  );

  engine.test(
    'the whole app runs as the application role: staff sign in, a patient checks in, all audited',
    async () => {
      const owner = await engine.open();
      const role = aRoleName();
      await grantAppRole(owner.db, { role, jobsSchema: null });
      const app = postgresDatabase(urlFor(role, schemaOf(owner)), 4);
      try {
        const db = app.db as Kysely<Database>;
        const { clinic, client: admin } = await signedInClinic(db, 'admin');
        const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
        const response = await patient.post(`/api/patients/${patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          checkin: { axialPain: 3, limbPain: 2, painControlled: 'yes' },
        });
        assert.equal(response.status, 201, response.text);
        const [report] = await verifyAuditChain(db, { clinicId: clinic.clinicId });
        assert.ok((report?.rows ?? 0) >= 3, 'sign-ins, enrolment and the check-in are audited');
        assert.equal(report?.firstBroken, undefined);
        assert.deepEqual(admin.logs, []);
      } finally {
        await app.close();
      }
    },
  );

  engine.test(
    'lamina db migrate --owner-url migrates as the owner while DATABASE_URL is the app role; the app role alone cannot',
    async () => {
      const fresh = await engine.open({ migrate: false });
      const schema = schemaOf(fresh);
      const role = aRoleName();
      await sql.raw(`create role ${role} login`).execute(fresh.db);
      await sql.raw(`grant usage on schema ${schema} to ${role}`).execute(fresh.db);
      const appUrl = urlFor(role, schema);
      const ownerUrl = urlFor(new URL(postgresUrl).username || 'postgres', schema);

      await assert.rejects(
        openDatabase({ engine: 'postgres', url: appUrl }),
        /may not change the schema.*lamina db migrate.*owner/,
      );
      const migrated = await runInProcess(['db', 'migrate', '--app-role', role], {
        env: { DATABASE_URL: appUrl, LAMINA_MIGRATE_DATABASE_URL: ownerUrl },
      });
      assert.equal(migrated.code, 0, migrated.stderr);
      assert.match(migrated.stdout, /applied 001-core-schema/);
      assert.match(
        migrated.stdout,
        new RegExp(`${role} may now use the tables in schema ${schema}`),
      );

      const server = await openDatabase({ engine: 'postgres', url: appUrl });
      try {
        const { rows } = await sql<{ owner: string }>`
        select tableowner as owner from pg_tables where schemaname = current_schema() and tablename = 'audit_log'`.execute(
          server.db,
        );
        assert.notEqual(rows[0]?.owner, role);
        await assert.rejects(sql`truncate audit_log`.execute(server.db), refused);
      } finally {
        await server.close();
      }
    },
  );
});
