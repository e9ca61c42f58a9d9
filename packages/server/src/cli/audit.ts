import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  type AnchorMismatch,
  type ClinicChainReport,
  checkAnchors,
  verifyAuditChain,
} from '../audit/chain.ts';
import { databaseConfig, describeDatabase, openOrExplain } from './db.ts';
import { type Command, parseOptions, UsageError } from './io.ts';

const help = `Usage: lamina audit verify [--clinic ID] [--json] [--anchor FILE] [--data-dir DIR]

Walks the audit log's hash chains (per clinic, in lanes) and reports the first row that was
changed, deleted or added around a chain. Exit code 0: every chain is whole; 1: one is broken.
Prints each clinic's head digest (over its lanes' last seq and hash): keep it somewhere else (a
ticket, an email) with the time and compare later, so that even a rewrite of the whole chain by
the database owner shows. --json also lists each lane's head; save that output and pass it
later as --anchor FILE to check that the rows it names are still there, unchanged.
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
    anchor: { type: 'string' },
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
  const anchors = values.anchor === undefined ? [] : await readAnchors(values.anchor);
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
    const mismatches = await checkAnchors(database.db, anchors);
    const ok = broken.length === 0 && mismatches.length === 0;
    if (values.json) {
      io.out(JSON.stringify({ ok, clinics: reports, anchorMismatches: mismatches }, null, 2));
      return ok ? 0 : 1;
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
    for (const mismatch of mismatches) io.out(describeMismatch(mismatch));
    if (anchors.length > 0 && mismatches.length === 0) {
      io.out(`Every head in ${values.anchor} is still in place.`);
    }
    return ok ? 0 : 1;
  } finally {
    await database.close();
  }
};

const anchorFile = z.object({
  clinics: z.array(
    z.object({
      clinicId: z.string(),
      heads: z.array(z.object({ lane: z.number().int(), seq: z.number().int(), hash: z.string() })),
    }),
  ),
});

async function readAnchors(file: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--anchor: cannot read ${file} as JSON (${(error as Error).message}).`);
  }
  const anchors = anchorFile.safeParse(parsed);
  if (!anchors.success) {
    throw new UsageError(`--anchor: ${file} is not the output of lamina audit verify --json.`);
  }
  return anchors.data.clinics;
}

function describeMismatch(mismatch: AnchorMismatch): string {
  return (
    `clinic ${mismatch.clinicId}: ANCHOR BROKEN at lane ${mismatch.lane} seq ${mismatch.seq}: ` +
    (mismatch.found === 'missing'
      ? 'the entry the anchor names is gone'
      : 'the entry the anchor names has another hash') +
    ' (the chain was rewritten since the anchor was taken).'
  );
}
