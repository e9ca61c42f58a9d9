import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportDatabase, importDatabase, PortableError } from '../db/portable.ts';
import { databaseConfig, openOrExplain, parseOptions } from './db.ts';
import { type Command, UsageError } from './io.ts';

const exportHelp = `Usage: lamina export --out FILE [--data-dir DIR]

Writes every clinic's data to one portable file (JSON lines), from the embedded database or from
DATABASE_URL. Use it to move from the embedded database to PostgreSQL:
  lamina export --out lamina.jsonl                         (server stopped)
  DATABASE_URL=postgres://… lamina db migrate
  DATABASE_URL=postgres://… lamina import lamina.jsonl`;

const importHelp = `Usage: lamina import FILE [--data-dir DIR]

Loads a file made by lamina export into an empty database (DATABASE_URL, or the embedded one),
in one transaction: all of it or nothing.`;

export const exportCommand: Command = async (args, io) => {
  const { values } = parseOptions(args, {
    out: { type: 'string', short: 'o' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(exportHelp);
    return 0;
  }
  if (!values.out) throw new UsageError('--out FILE is required');
  const out = resolve(values.out);
  if (existsSync(out)) throw new UsageError(`${out} already exists; choose a new file`);
  const database = await openOrExplain(databaseConfig(io, values['data-dir']), io, {
    migrate: false,
  });
  try {
    const counts = await exportDatabase(database.db, out);
    io.out(
      `Exported to ${out}: ${Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}.`,
    );
  } finally {
    await database.close();
  }
  return 0;
};

export const importCommand: Command = async (args, io) => {
  const { values, positionals } = parseOptions(
    args,
    { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    io.out(importHelp);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(`give exactly one export file.\n${importHelp}`);
  const file = resolve(positionals[0] as string);
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const database = await openOrExplain(databaseConfig(io, values['data-dir']), io, {
    migrate: true,
  });
  try {
    const counts = await importDatabase(database.db, file);
    io.out(
      `Imported ${file}: ${Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}.`,
    );
  } catch (error) {
    if (error instanceof PortableError) throw new UsageError(error.message, 1);
    if (error instanceof SyntaxError)
      throw new UsageError(`${file} is not a Lamina export (${error.message})`, 1);
    throw error;
  } finally {
    await database.close();
  }
  return 0;
};
