import { sql } from 'kysely';
import { type ClinicChainReport, verifyAuditChain } from '../audit/chain.ts';
import { databaseConfig, describeDatabase, openOrExplain, parseOptions } from './db.ts';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina audit verify [--clinic ID] [--json] [--data-dir DIR]

Walks the audit log's hash chains (per clinic, in lanes) and reports the first row that was
changed, deleted or added around a chain. Exit code 0: every chain is whole; 1: one is broken.
Prints each clinic's head digest (over its lanes' last seq and hash): keep it somewhere else (a
ticket, an email) with the time and compare later, so that even a rewrite of the whole chain by
the database owner shows. --json also lists each lane's head.
Uses PostgreSQL when DATABASE_URL is set, else the embedded database (--data-dir, LAMINA_DATA_DIR).`;

const explain: Record<NonNullable<ClinicChainReport['firstBroken']>['problem'], string> = {
  'content-changed': 'its content no longer matches its hash (it was changed)',
  'link-broken': 'it does not follow the row before it (that row was rewritten, or rows replaced)',
  'rows-missing': 'rows before it are missing (deleted)',
  'head-mismatch':
    'the chain head does not match the last row (the newest rows were deleted, or rows added outside the chain)',
};

export const auditCommand: Command = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === '--help' || subcommand === '-h') {
    io.out(help);
    return 0;
  }
  if (subcommand !== 'verify') {
    throw new UsageError(
      subcommand === undefined
        ? `missing subcommand.\n${help}`
        : `unknown subcommand "${subcommand}".\n${help}`,
    );
  }
  const { values } = parseOptions(rest, {
    clinic: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (values.clinic !== undefined && !/^[0-9a-f-]{36}$/i.test(values.clinic)) {
    throw new UsageError('--clinic: expected a clinic id (a UUID).');
  }
  const config = databaseConfig(io, values['data-dir']);
  const database = await openOrExplain(config, io, { migrate: false });
  try {
    const { rows } = await sql<{ found: boolean }>`
      select exists (select from schema_migrations where name = '014-audit-chain') as found`
      .execute(database.db)
      .catch(() => ({ rows: [{ found: false }] }));
    if (!rows[0]?.found) {
      throw new UsageError(
        `${describeDatabase(config)} has no audit chain yet: run lamina db migrate first.`,
        1,
      );
    }
    const reports = await verifyAuditChain(
      database.db,
      values.clinic === undefined ? {} : { clinicId: values.clinic },
    );
    const broken = reports.filter((report) => report.firstBroken !== undefined);
    if (values.json) {
      io.out(JSON.stringify({ ok: broken.length === 0, clinics: reports }, null, 2));
      return broken.length === 0 ? 0 : 1;
    }
    if (reports.length === 0) io.out('No audit entries yet.');
    for (const report of reports) {
      const head = `head ${report.headDigest}`;
      if (!report.firstBroken) {
        io.out(`clinic ${report.clinicId}: OK, ${report.rows} entries, ${head}`);
        continue;
      }
      const row = report.firstBroken;
      io.out(
        `clinic ${report.clinicId}: BROKEN at lane ${row.lane} seq ${row.seq}` +
          (row.id ? ` (entry ${row.id}, ${row.at?.toISOString()})` : '') +
          `: ${explain[row.problem]}. ${report.rows} entries check out; ${head}`,
      );
    }
    return broken.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
};
