import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { EscalationJobs } from '../alerts/escalation-jobs.ts';
import { createApp } from '../app.ts';
import { resolveDatabaseConfig } from '../db/config.ts';
import { openDatabase } from '../db/open.ts';
import { demoClinic, demoPatients, demoStaff, demoStaffPassword, seedDemo } from '../demo/seed.ts';
import { AlertFeed } from '../events/alert-feed.ts';
import { smtpDelivery, startOutboxSender } from '../jobs/outbox-sender.ts';
import { ReminderJobs } from '../reminders/jobs.ts';
import { FileStoreConfigError, openFileStore } from '../storage/file-store.ts';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina serve [--port N] [--host H] [--demo] [--data-dir DIR | --database-url URL]

Runs the Lamina API and the web app. Without --database-url (or DATABASE_URL) it uses the
embedded database in ./.lamina/data (LAMINA_DATA_DIR). --demo adds a demo clinic the first time.`;

const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export const serveCommand: Command = async (args, io) => {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run lamina serve --help.`);
  }
  if (values.help) {
    io.out(help);
    return 0;
  }
  const port = Number(values.port ?? io.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected a port number, got "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const config = resolveDatabaseConfig(io.env, {
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
  // Before the database opens, so a bad file store setting leaves nothing locked.
  const fileStore = await openFileStore(
    io.env,
    config.engine === 'pglite' ? config.dataDir : undefined,
  ).catch((error: unknown) => {
    throw error instanceof FileStoreConfigError
      ? new UsageError(error.message, error.exitCode)
      : error;
  });
  const files = fileStore.store;
  const database = await openDatabase(config, { onNotice: (line) => io.err(line) });
  const now = () => new Date();
  if (values.demo) {
    const seeded = await seedDemo(
      database.db,
      localDate(demoClinic.timezone, now()) as IsoDate,
      now(),
      files,
    );
    io.out(seeded.created ? 'Demo clinic created.' : 'Demo clinic already present.');
  }
  const alertFeed = await AlertFeed.start(database);
  const escalation = await EscalationJobs.start(database, { log: (line) => io.err(line) });
  const reminderJobs = await ReminderJobs.start(database, {
    log: (line) => io.err(line),
    pushSubject: io.env.LAMINA_PUSH_SUBJECT ?? 'mailto:no-reply@localhost',
  });
  const smtpUrl = io.env.LAMINA_SMTP_URL?.trim();
  const outbox = smtpUrl
    ? startOutboxSender(
        database.db,
        smtpDelivery(smtpUrl, io.env.LAMINA_MAIL_FROM ?? 'Lamina <no-reply@localhost>'),
        {
          log: (line) => io.err(line),
        },
      )
    : undefined;
  const app = createApp({
    db: database.db,
    alertFeed,
    escalation,
    files,
    now,
    secureCookies: io.env.LAMINA_SECURE_COOKIES === 'true',
    trustProxy: io.env.LAMINA_TRUST_PROXY === 'true',
    devLog: io.env.NODE_ENV === 'production' ? undefined : (line) => io.out(line),
  });
  if (existsSync(webDist)) {
    app.use('/*', serveStatic({ root: webDist }));
    // The web app routes in the browser: any other non-API path gets its index.html.
    app.get('*', serveStatic({ root: webDist, rewriteRequestPath: () => '/index.html' }));
  }

  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  if (!existsSync(webDist)) {
    io.out('The web app is not built yet: run npm run build -w @lamina/web. The API is at /api.');
  }
  if (values.demo) {
    io.out(`Demo clinic code: ${demoClinic.slug}`);
    const staff = demoStaff.map((s) => `${s.email} (${s.role})`).join(', ');
    io.out(`  Staff (password "${demoStaffPassword}"): ${staff}`);
    io.out(
      `  Patients sign in with a one-time code shown in this log, e.g. ${demoPatients[0]?.email}`,
    );
  }
  if (!smtpUrl)
    io.out(
      'Email: not sent (set LAMINA_SMTP_URL, e.g. smtp://user:pass@host:587); messages wait in the outbox.',
    );
  io.out(`Files: ${fileStore.description}`);
  // Last, so whoever waits for this line has everything above it.
  const where = config.engine === 'pglite' ? config.dataDir : 'PostgreSQL';
  io.out(`Lamina is running at ${url}  (database: ${where})`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      io.out('Stopping Lamina…');
      server.close(() => resolve());
      // Open keep-alive or event-stream connections must not hold the shutdown.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await outbox?.stop();
  await escalation.stop();
  await reminderJobs.stop();
  await alertFeed.close();
  await database.close();
  return 0;
};

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
