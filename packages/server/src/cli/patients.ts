import { readFile } from 'node:fs/promises';
import { HttpProblem } from '../http/problem.ts';
import {
  type DateFormat,
  dateFormats,
  type ImportReport,
  importPatients,
} from '../patients/import.ts';
import { databaseConfig, openOrExplain } from './db.ts';
import { type Command, parseOptions, UsageError } from './io.ts';

const help = `Usage: lamina patients import FILE.csv --clinic SLUG [--dry-run] [--date-format F] [--data-dir DIR]

Enrols patients from a CSV file (columns: docs/import-csv.md). Every row is checked first;
if any row has a problem, nobody is enrolled and each problem is listed. Patients already
enrolled (same MRN, email, or name and date of birth) are skipped, so a file can be imported again.
  --dry-run        check the file and list every row; enrol nobody
  --date-format F  how dates are written: ${dateFormats.join(', ')} (default YYYY-MM-DD)
Uses PostgreSQL when DATABASE_URL is set, else the embedded database.`;

function describe(report: ImportReport): string[] {
  const lines = report.rows.map((row) =>
    row.status === 'error'
      ? `row ${row.row}: ${row.errors.join('; ')}`
      : `row ${row.row}: ${row.name} — ${row.status === 'new' ? (report.enrolled ? 'enrolled' : 'will be enrolled') : 'already enrolled, skipped'}`,
  );
  const { rows, new: fresh, alreadyEnrolled, errors } = report.counts;
  lines.push(
    report.enrolled
      ? `Enrolled ${fresh} of ${rows} rows (${alreadyEnrolled} already enrolled).`
      : `${rows} rows: ${fresh} new, ${alreadyEnrolled} already enrolled, ${errors} with problems.${
          report.dryRun ? ' Dry run: nobody was enrolled.' : ''
        }`,
  );
  return lines;
}

export const patientsCommand: Command = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === '--help' || subcommand === '-h' || subcommand === undefined) {
    io.out(help);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand !== 'import') throw new UsageError(`unknown subcommand "${subcommand}".\n${help}`);
  const { values, positionals } = parseOptions(
    rest,
    {
      clinic: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'date-format': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { positionals: true },
  );
  if (values.help) {
    io.out(help);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`give one CSV file.\n${help}`);
  if (!values.clinic) throw new UsageError('--clinic SLUG is required (the clinic code).');
  const dateFormat = (values['date-format'] ?? 'YYYY-MM-DD') as DateFormat;
  if (!dateFormats.includes(dateFormat))
    throw new UsageError(`--date-format must be one of ${dateFormats.join(', ')}.`);
  let csv: string;
  try {
    csv = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 1);
  }
  const config = databaseConfig(io, values['data-dir']);
  const database = await openOrExplain(config, io, { migrate: true });
  try {
    const clinic = await database.db
      .selectFrom('clinics')
      .select('id')
      .where('slug', '=', values.clinic)
      .executeTakeFirst();
    if (!clinic) throw new UsageError(`no clinic with the code "${values.clinic}".`, 1);
    try {
      const report = await importPatients(database.db, {
        clinicId: clinic.id,
        actor: null,
        ip: null,
        csv,
        dryRun: values['dry-run'] === true,
        dateFormat,
      });
      io.out(describe(report).join('\n'));
      return report.counts.errors > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      const report = (error.problem as { report?: ImportReport }).report;
      if (report) io.out(describe(report).join('\n'));
      io.err(error.problem.detail ?? error.problem.title);
      if (!report) for (const e of error.problem.errors ?? []) io.err(`${e.field}: ${e.message}`);
      return 1;
    }
  } finally {
    await database.close();
  }
};
