#!/usr/bin/env node
import { DataDirLockedError } from '../db/lock.ts';
import { type CliIo, type Command, processIo, UsageError } from './io.ts';

/** Each command lives in its own file and is loaded only when asked for. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  plan: {
    summary: 'print a personalized recovery plan',
    load: async () => (await import('./plan.ts')).planCommand,
  },
  triage: {
    summary: 'triage a daily check-in (JSON on stdin) into a decision (JSON on stdout)',
    load: async () => (await import('./triage.ts')).triageCommand,
  },
  serve: {
    summary: 'run the API and web app (--demo adds the demo clinic)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  clinic: {
    summary: 'clinic create: a new clinic and its first admin, with a one-time setup link',
    load: async () => (await import('./clinic.ts')).clinicCommand,
  },
  demo: {
    summary: 'add the demo clinic with staff and a dozen patients to the database',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  db: {
    summary: 'database tasks: db migrate applies pending migrations',
    load: async () => (await import('./db.ts')).dbCommand,
  },
  audit: {
    summary:
      'audit log tasks: audit verify checks the hash chain and reports the first broken entry',
    load: async () => (await import('./audit.ts')).auditCommand,
  },
  backup: {
    summary: 'write the embedded database to a backup file',
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  restore: {
    summary: 'replace the embedded database with a backup file',
    load: async () => (await import('./backup.ts')).restoreCommand,
  },
  assess: {
    summary: 'candidacy self-check: answers JSON on stdin, fit result JSON out',
    load: async () => (await import('./assess.ts')).assessCommand,
  },
  score: {
    summary: 'score an outcome questionnaire (ODI, NDI, ZCQ, mJOA, NRS, ...)',
    load: async () => (await import('./score.ts')).scoreCommand,
  },
  patients: {
    summary: 'patients import FILE.csv --clinic SLUG [--dry-run]: enrol patients from a CSV file',
    load: async () => (await import('./patients.ts')).patientsCommand,
  },
  proms: {
    summary: 'outcome questionnaires: due, change from baseline, FHIR questionnaire',
    load: async () => (await import('./proms.ts')).promsCommand,
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`,
  );
  return [
    'Usage: lamina <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run lamina <command> --help for its options.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`lamina: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lamina ${name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof DataDirLockedError) {
      // A known refusal with a complete one-line explanation: no stack trace.
      io.err(`lamina ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2), processIo());
}
