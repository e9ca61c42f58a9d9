import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { EscalationJobs } from '../alerts/escalation-jobs.ts';
import { createApp } from '../app.ts';
import { issueSetupToken } from '../clinics/setup.ts';
import { resolveDatabaseConfig } from '../db/config.ts';
import { openDatabase } from '../db/open.ts';
import { demoClinic, demoPatients, demoStaff, demoStaffPassword, seedDemo } from '../demo/seed.ts';
import { AlertFeed } from '../events/alert-feed.ts';
import { type HttpSettings, HttpSettingsError, resolveHttpSettings } from '../http/settings.ts';
import { mountWebApp } from '../http/web-app.ts';
import { smtpDelivery, startOutboxSender } from '../jobs/outbox-sender.ts';
import { createLogger, sanitizeMessage } from '../log/logger.ts';
import { smsProviderFromEnv } from '../messaging/sms.ts';
import { ReminderJobs } from '../reminders/jobs.ts';
import { FileStoreConfigError, openFileStore } from '../storage/file-store.ts';
import { uploadQuotasFromEnv } from '../storage/quota.ts';
import { type Command, UsageError } from './io.ts';

const help = `Usage: lamina serve [--port N] [--host H] [--demo] [--dev-mail] [--data-dir DIR | --database-url URL]

Runs the Lamina API and the web app. Without --database-url (or DATABASE_URL) it uses the
embedded database in ./.lamina/data (LAMINA_DATA_DIR). --demo adds a demo clinic the first time.

Settings: LAMINA_PUBLIC_URL (required unless --demo or NODE_ENV=development: the address in email
links), LAMINA_TRUST_PROXY (number of reverse proxies in front; true = 1), LAMINA_SECURE_COOKIES
(true behind TLS: Secure __Host- cookie and HSTS).
--demo and --dev-mail also print outgoing emails (sign-in codes, invitation tokens) to this
terminal, for trying Lamina without a mail server; never use them with real patients.
Logs are JSON lines on stderr (LAMINA_LOG_LEVEL: error, warn, info (default), debug).`;

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
  // Before anything opens: a server that would build email links from request headers does not start.
  const devOrDemo =
    values.demo === true || io.env.NODE_ENV === 'development' || io.env.NODE_ENV === 'test';
  let http: HttpSettings;
  try {
    http = resolveHttpSettings(io.env, devOrDemo);
  } catch (error) {
    throw error instanceof HttpSettingsError ? new UsageError(error.message) : error;
  }
  const level = logLevel(io.env.LAMINA_LOG_LEVEL);
  const config = resolveDatabaseConfig(io.env, {
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
  const uploadQuotas = (() => {
    try {
      return uploadQuotasFromEnv(io.env);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
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
  const log = createLogger({ level });
  // Messages from the jobs can quote a mail server's or the database's words: sanitized.
  // Their failures start with "job queue:" or "outbox:"; the rest is news (an alert escalated).
  const jobLog = (component: string) => (line: string) =>
    log[/^(job queue|outbox):/.test(line) ? 'warn' : 'info']({ component }, sanitizeMessage(line));
  // Before the database opens, like the file store: a partial SMS setting leaves nothing locked.
  let sms: ReturnType<typeof smsProviderFromEnv>;
  try {
    sms = smsProviderFromEnv(io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
  const escalation = await EscalationJobs.start(database, { log: jobLog('escalation') });
  const reminderJobs = await ReminderJobs.start(database, {
    log: jobLog('reminders'),
    pushSubject: io.env.LAMINA_PUSH_SUBJECT ?? 'mailto:no-reply@localhost',
    publicUrl: () => http.publicUrl ?? listeningUrl,
  });
  const smtpUrl = io.env.LAMINA_SMTP_URL?.trim();
  const outbox =
    smtpUrl || sms
      ? startOutboxSender(
          database.db,
          {
            ...(smtpUrl
              ? {
                  email: smtpDelivery(
                    smtpUrl,
                    io.env.LAMINA_MAIL_FROM ?? 'Lamina <no-reply@localhost>',
                  ),
                }
              : {}),
            ...(sms ? { sms: sms.provider } : {}),
          },
          { log: jobLog('outbox') },
        )
      : undefined;
  // Demo/development without LAMINA_PUBLIC_URL: links use the listening address, known once listening.
  let listeningUrl = new URL(`http://${host}:${port}/`);
  const app = createApp({
    db: database.db,
    alertFeed,
    escalation,
    files,
    uploadQuotas,
    now,
    secureCookies: http.secureCookies,
    trustProxy: http.trustProxy,
    get publicUrl() {
      return http.publicUrl ?? listeningUrl;
    },
    log,
    // Codes and tokens on the terminal only when asked for by name, never by a missing NODE_ENV.
    devLog: values.demo || values['dev-mail'] ? (line) => io.out(line) : undefined,
    // Demo staff sign in with the password only (browser tests, trying it out); real clinics need TOTP.
    mfaDefaultRoles: values.demo ? [] : ['admin', 'reviewer'],
    ...(io.env.LAMINA_AUTH_SECRET?.trim() ? { authSecret: io.env.LAMINA_AUTH_SECRET.trim() } : {}),
  });
  const setupToken = await issueSetupToken(database.db);
  if (existsSync(webDist)) {
    mountWebApp(app, webDist);
  }

  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  listeningUrl = new URL(`${url}/`);
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
  io.out(
    sms
      ? `SMS: ${sms.description}`
      : 'SMS: not sent (set LAMINA_SMS_TWILIO_ACCOUNT_SID, LAMINA_SMS_TWILIO_AUTH_TOKEN, LAMINA_SMS_FROM); messages wait in the outbox.',
  );
  io.out(`Files: ${fileStore.description}`);
  if (setupToken)
    io.out(
      `No clinic yet: run lamina clinic create, or open ${url}/console and use this one-time setup code: ${setupToken}`,
    );
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
      'dev-mail': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
function logLevel(value: string | undefined): (typeof logLevels)[number] {
  const level = value?.trim().toLowerCase() || 'info';
  if (!(logLevels as readonly string[]).includes(level)) {
    throw new UsageError(
      `LAMINA_LOG_LEVEL: expected one of ${logLevels.join(', ')}, got "${value}"`,
    );
  }
  return level as (typeof logLevels)[number];
}
