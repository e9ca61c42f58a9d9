import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { openDatabase } from '../db/open.ts';
import { demoClinic, demoPatients, demoStaff, demoStaffPassword, seedDemo } from '../demo/seed.ts';
import { type Command, parseOptions } from './io.ts';
import { databaseConfigOf, fileStoreOf } from './stores.ts';

/** `lamina demo`: puts the demo clinic (staff and a dozen patients) into the database, once. */
export const demoCommand: Command = async (args, io) => {
  const { values } = parseOptions(
    args,
    {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { help: 'Run lamina demo --help.' },
  );
  if (values.help) {
    io.out(
      'Usage: lamina demo [--data-dir DIR | --database-url URL]\n\nAdds the demo clinic, its staff and a dozen patients (once).',
    );
    return 0;
  }
  const config = databaseConfigOf(io, values);
  const { store: files } = await fileStoreOf(io, config);
  const database = await openDatabase(config, { onNotice: (line) => io.err(line) });
  try {
    const now = new Date();
    const result = await seedDemo(
      database.db,
      localDate(demoClinic.timezone, now) as IsoDate,
      now,
      files,
    );
    io.out(
      result.created
        ? `Demo clinic "${demoClinic.slug}" created with ${demoPatients.length} patients.`
        : `Demo clinic "${demoClinic.slug}" is already there; nothing changed.`,
    );
    io.out(
      `Staff sign-ins (password "${demoStaffPassword}"): ${demoStaff.map((s) => s.email).join(', ')}`,
    );
    io.out(`Patients: ${demoPatients.map((p) => p.email).join(', ')}`);
  } finally {
    await database.close();
  }
  return 0;
};
