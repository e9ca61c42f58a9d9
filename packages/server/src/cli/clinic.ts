import { ClinicExistsError, createClinicWithAdmin, newClinicSchema } from '../clinics/create.ts';
import { resolveDatabaseConfig } from '../db/config.ts';
import { openDatabase } from '../db/open.ts';
import { parsePublicUrl } from '../http/public-url.ts';
import { type Command, parseOptions, UsageError } from './io.ts';

const help = `Usage: lamina clinic create --name NAME --slug CODE --time-zone ZONE --admin-email EMAIL
                            [--admin-name NAME] [--language en|es] [--data-dir DIR | --database-url URL]

Creates a clinic and its first admin, and prints a one-time link where the admin sets a password
(also emailed through the outbox when LAMINA_SMTP_URL is set). Links use LAMINA_PUBLIC_URL.
  --slug       the clinic code people type to sign in, e.g. north-spine
  --time-zone  an IANA time zone, e.g. America/Los_Angeles`;

/** `lamina clinic create`: the first run of a real clinic (issue 15). */
export const clinicCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(help);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'create')
    throw new UsageError(`unknown subcommand "${sub}". Run lamina clinic --help.`);
  const values: Record<string, string | boolean | undefined> = parseOptions(
    rest,
    {
      name: { type: 'string' },
      slug: { type: 'string' },
      'time-zone': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      language: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { help: 'Run lamina clinic --help.' },
  ).values;
  if (values.help) {
    io.out(help);
    return 0;
  }
  const flags: Record<string, string> = {
    name: '--name',
    slug: '--slug',
    timeZone: '--time-zone',
    adminEmail: '--admin-email',
    adminName: '--admin-name',
    defaultLanguage: '--language',
  };
  for (const required of ['name', 'slug', 'time-zone', 'admin-email'])
    if (typeof values[required] !== 'string')
      throw new UsageError(`--${required} is required. Run lamina clinic --help.`);
  const parsed = newClinicSchema.safeParse({
    name: values.name,
    slug: values.slug,
    timeZone: values['time-zone'],
    adminEmail: values['admin-email'],
    adminName: values['admin-name'] ?? 'Clinic admin',
    ...(values.language ? { defaultLanguage: values.language } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const given =
      field === 'timeZone'
        ? ` (got "${values['time-zone']}")`
        : field === 'slug'
          ? ` (got "${values.slug}")`
          : '';
    throw new UsageError(`${flags[field] ?? field} ${issue?.message ?? 'is not valid'}${given}.`);
  }
  // The setup link points at LAMINA_PUBLIC_URL, or where `lamina serve` listens by default.
  let publicUrl: URL;
  try {
    publicUrl = parsePublicUrl(io.env.LAMINA_PUBLIC_URL?.trim() || 'http://127.0.0.1:8080/');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = resolveDatabaseConfig(io.env, {
    ...(typeof values['data-dir'] === 'string' ? { dataDir: values['data-dir'] } : {}),
    ...(typeof values['database-url'] === 'string' ? { databaseUrl: values['database-url'] } : {}),
  });
  const database = await openDatabase(config, { onNotice: (line) => io.err(line) });
  try {
    const created = await createClinicWithAdmin(database.db, parsed.data, {
      now: new Date(),
      publicUrl,
      via: 'cli',
    });
    io.out(`Clinic "${parsed.data.name}" created (code: ${parsed.data.slug}).`);
    io.out(`First admin: ${parsed.data.adminEmail}. Setup link (works once, for 7 days):`);
    io.out(created.link);
    io.out(
      io.env.LAMINA_SMTP_URL?.trim()
        ? 'The link was also emailed to the admin.'
        : 'The link is also queued as an email; it is sent once LAMINA_SMTP_URL is set.',
    );
    return 0;
  } catch (error) {
    if (error instanceof ClinicExistsError) throw new UsageError(error.message, 1);
    throw error;
  } finally {
    await database.close();
  }
};
