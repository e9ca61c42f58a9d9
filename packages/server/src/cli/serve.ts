import cluster from 'node:cluster';
import { constants, existsSync } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { IsoDate } from '@lamina/pathway';
import { localDate } from '@lamina/pathway';
import { EscalationJobs } from '../alerts/escalation-jobs.ts';
import { createApp } from '../app.ts';
import { issueSetupToken } from '../clinics/setup.ts';
import type { resolveDatabaseConfig } from '../db/config.ts';
import { asOneRequest } from '../db/fair-pglite.ts';
import { openDatabase } from '../db/open.ts';
import { demoClinic, demoPatients, demoStaff, demoStaffPassword, seedDemo } from '../demo/seed.ts';
import { AlertFeed } from '../events/alert-feed.ts';
import { ExportJobs } from '../fhir/export-jobs.ts';
import { type HttpSettings, HttpSettingsError, resolveHttpSettings } from '../http/settings.ts';
import { RequestTurns } from '../http/turns.ts';
import { mountWebApp } from '../http/web-app.ts';
import { smtpDelivery, startOutboxSender } from '../jobs/outbox-sender.ts';
import { createLogger, sanitizeMessage } from '../log/logger.ts';
import { answerClusterMetrics, clusterMetricsFromPrimary, isEventStream } from '../log/metrics.ts';
import { smsProviderFromEnv } from '../messaging/sms.ts';
import { ReminderJobs } from '../reminders/jobs.ts';
import { DiskBlobStore } from '../storage/blob-store.ts';
import { uploadQuotasFromEnv } from '../storage/quota.ts';
import { type Command, parseOptions, UsageError } from './io.ts';
import { databaseConfigOf, fileStoreOf } from './stores.ts';

const help = `Usage: lamina serve [--port N] [--host H] [--workers N] [--demo] [--dev-mail] [--data-dir DIR | --database-url URL]

Runs the Lamina API and the web app. Without --database-url (or DATABASE_URL) it uses the
embedded database in ./.lamina/data (LAMINA_DATA_DIR). --demo adds a demo clinic the first time.

Settings: LAMINA_PUBLIC_URL (required unless --demo or NODE_ENV=development: the address in email
links), LAMINA_TRUST_PROXY (number of reverse proxies in front; true = 1), LAMINA_SECURE_COOKIES
(true behind TLS: Secure __Host- cookie and HSTS).
--demo and --dev-mail also print outgoing emails (sign-in codes, invitation tokens) to this
terminal, for trying Lamina without a mail server; never use them with real patients.
Logs are JSON lines on stderr (LAMINA_LOG_LEVEL: error, warn, info (default), debug).

--workers N (LAMINA_WORKERS): N server processes sharing the port (PostgreSQL only). Migrations
run once, in the first process, before the workers start.
Probes: GET /healthz (alive), GET /readyz (database, migrations, file store; 503 with a reason).
GET /metrics (Prometheus): from this machine only, or with Authorization: Bearer
LAMINA_METRICS_TOKEN when that is set. SIGTERM/SIGINT stop gracefully: no new connections,
requests in progress finish (up to LAMINA_SHUTDOWN_TIMEOUT seconds, default 10), event streams
close, jobs stop, the database closes.`;

const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * How long an idle keep-alive connection stays open: longer than the proxy in front keeps its idle
 * connections to Lamina (nginx's upstream `keepalive_timeout`, 60 s in deploy/nginx-lamina.conf;
 * cloud load balancers 60 s). The proxy then always closes an idle connection first and never
 * sends a request on one Lamina is closing at that moment: Node's default of 5 s made that a
 * reset, a 502 for the patient, now and then under load (decision 034).
 */
export const idleConnectionMs = 65_000;

export const serveCommand: Command = async (args, io) => {
  const { values } = parse(args);
  if (values.help) {
    io.out(help);
    return 0;
  }
  const port = Number(values.port ?? io.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: expected a port number, got "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const workers = Number(values.workers ?? io.env.LAMINA_WORKERS ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError(
      `--workers: expected a number of processes from 1 to 64, got "${values.workers ?? io.env.LAMINA_WORKERS}"`,
    );
  const shutdownSeconds = Number(io.env.LAMINA_SHUTDOWN_TIMEOUT ?? 10);
  if (!Number.isFinite(shutdownSeconds) || shutdownSeconds < 0)
    throw new UsageError(
      `LAMINA_SHUTDOWN_TIMEOUT: expected seconds, got "${io.env.LAMINA_SHUTDOWN_TIMEOUT}"`,
    );
  const metricsToken = io.env.LAMINA_METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16)
    throw new UsageError(
      'LAMINA_METRICS_TOKEN: use at least 16 characters (e.g. openssl rand -hex 24).',
    );
  // A worker of `--workers N`: the primary process migrated, seeded and printed the banner.
  const isWorker = cluster.isWorker && io.env.LAMINA_CLUSTER_WORKER === '1';
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
  const config = databaseConfigOf(io, values);
  const uploadQuotas = (() => {
    try {
      return uploadQuotasFromEnv(io.env);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  // Before the database opens, so a bad file store setting leaves nothing locked.
  const fileStore = await fileStoreOf(io, config);
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
  if (workers > 1 && !isWorker) {
    if (config.engine === 'pglite')
      throw new UsageError(
        `--workers ${workers} needs PostgreSQL (set DATABASE_URL): the embedded database in ${config.dataDir} can be used by one process only. Run without --workers, or move to PostgreSQL.`,
      );
    return runPrimary({ args, io, workers, host, port, demo: values.demo === true, files, config });
  }
  const database = await openDatabase(config, {
    onNotice: (line) => io.err(line),
    // Workers never migrate: the primary did, once, before starting them (a pending one fails /readyz).
    migrate: !isWorker,
  });
  const now = () => new Date();
  if (values.demo && !isWorker) {
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
  const exportJobs = await ExportJobs.start(database, files, { log: jobLog('fhir-export') });
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
  let shuttingDown = false;
  const checkFiles =
    files instanceof DiskBlobStore ? () => checkDiskStore(files.root) : () => fileStore.check();
  const app = createApp(
    {
      db: database.db,
      alertFeed,
      escalation,
      exportJobs,
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
      ...(io.env.LAMINA_AUTH_SECRET?.trim()
        ? { authSecret: io.env.LAMINA_AUTH_SECRET.trim() }
        : {}),
    },
    {
      ops: {
        database,
        checkFiles,
        ...(metricsToken ? { metricsToken } : {}),
        shuttingDown: () => shuttingDown,
        ...(isWorker ? { clusterMetrics: clusterMetricsFromPrimary() } : {}),
      },
    },
  );
  const setupToken = isWorker ? undefined : await issueSetupToken(database.db);
  if (existsSync(webDist)) {
    mountWebApp(app, webDist);
  }

  // Each request keeps its place in line for the embedded engine's one connection (db/fair-pglite.ts),
  // and on that engine starts on an event-loop turn of its own, so new connections are accepted
  // between requests instead of after every waiting one (http/turns.ts, decision 030).
  const turns = config.engine === 'pglite' ? new RequestTurns() : undefined;
  const handle = (request: Request, env: unknown) => asOneRequest(() => app.fetch(request, env));
  const server = serve({
    fetch: turns ? (request, env) => turns.run(() => handle(request, env)) : handle,
    port,
    hostname: host,
  }) as Server;
  server.keepAliveTimeout = idleConnectionMs;
  const inFlight = trackResponses(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  listeningUrl = new URL(`${url}/`);
  if (isWorker) {
    await untilSignal();
    shuttingDown = true;
    await drain(server, inFlight, shutdownSeconds * 1000);
    await stopJobs();
    // The channel to the primary keeps a worker alive: closing it lets the process end.
    cluster.worker?.disconnect();
    return 0;
  }
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

  await untilSignal();
  shuttingDown = true;
  io.out('Stopping Lamina: finishing the requests in progress…');
  await drain(server, inFlight, shutdownSeconds * 1000);
  await stopJobs();
  io.out('Lamina stopped.');
  return 0;

  async function stopJobs() {
    await outbox?.stop();
    await escalation.stop();
    await reminderJobs.stop();
    await exportJobs.stop();
    await alertFeed.close();
    // Last: closes the pool and releases the data-directory lock.
    await database.close();
  }
};

/** Resolves at the first SIGTERM or SIGINT; later ones are ignored (the shutdown is under way). */
function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The responses a server has not finished, so a shutdown can wait for them. */
function trackResponses(server: Server): Set<ServerResponse> {
  const open = new Set<ServerResponse>();
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    open.add(response);
    response.once('close', () => open.delete(response));
  });
  return open;
}

/**
 * A graceful stop: no new connections, idle keep-alive connections and event streams closed (a
 * browser's EventSource reconnects, through the load balancer, to a process still running), every
 * request in progress answered (up to the timeout), then whatever is left is closed.
 */
async function drain(server: Server, open: Set<ServerResponse>, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Event streams never end by themselves: closed at once, so their browsers reconnect elsewhere.
  for (const response of open) if (isEventStream(response)) response.destroy();
  const deadline = Date.now() + timeoutMs;
  const busy = () => [...open].some((response) => !isEventStream(response));
  while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  server.closeAllConnections();
  await closed;
}

/** The disk store is reachable when its directory exists (made owner-only) and can be written. */
async function checkDiskStore(root: string): Promise<void> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  await access(root, constants.W_OK);
}

/** Workers start as the `lamina` command does (bin/lamina.js: with Node's compile cache). */
const launcherPath = fileURLToPath(new URL('../../bin/lamina.js', import.meta.url));

/**
 * `--workers N`: this process migrates the database once (and seeds the demo, issues the setup
 * code), then starts N workers (node:cluster) that share the port, restarts one that dies, and on
 * SIGTERM/SIGINT passes the signal on and waits for each to finish gracefully.
 */
async function runPrimary(options: {
  args: string[];
  io: Parameters<Command>[1];
  workers: number;
  host: string;
  port: number;
  demo: boolean;
  files: import('../storage/blob-store.ts').BlobStore;
  config: Extract<ReturnType<typeof resolveDatabaseConfig>, { engine: 'postgres' }>;
}): Promise<number> {
  const { io, workers, host } = options;
  const database = await openDatabase(options.config, { onNotice: (line) => io.err(line) });
  let setupToken: string | undefined;
  try {
    if (options.demo) {
      const now = new Date();
      const seeded = await seedDemo(
        database.db,
        localDate(demoClinic.timezone, now) as IsoDate,
        now,
        options.files,
      );
      io.out(seeded.created ? 'Demo clinic created.' : 'Demo clinic already present.');
    }
    setupToken = await issueSetupToken(database.db);
  } finally {
    await database.close();
  }
  cluster.setupPrimary({ exec: launcherPath, args: ['serve', ...options.args] });
  // A scrape reaches one worker through the shared port; it asks here for every worker's metrics.
  answerClusterMetrics(cluster);
  const env = { ...io.env, LAMINA_CLUSTER_WORKER: '1' };
  let stopping = false;
  let listening = 0;
  let port = options.port;
  const failedStart = new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (listening < workers) {
        io.err(`A worker exited while starting (${signal ?? `code ${code}`}); stopping.`);
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
        resolve(1);
        return;
      }
      io.err(
        `Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another.`,
      );
      cluster.fork(env);
    });
  });
  const allListening = new Promise<void>((resolve) => {
    cluster.on('listening', (_worker, address) => {
      port = address.port;
      listening += 1;
      if (listening === workers) resolve();
    });
  });
  for (let i = 0; i < workers; i++) cluster.fork(env);
  const started = await Promise.race([allListening.then(() => 0), failedStart]);
  if (started !== 0) {
    await allExited();
    return started;
  }
  const url = `http://${host}:${port}`;
  if (options.demo) {
    io.out(`Demo clinic code: ${demoClinic.slug}`);
    const staff = demoStaff.map((s) => `${s.email} (${s.role})`).join(', ');
    io.out(`  Staff (password "${demoStaffPassword}"): ${staff}`);
  }
  if (setupToken)
    io.out(
      `No clinic yet: run lamina clinic create, or open ${url}/console and use this one-time setup code: ${setupToken}`,
    );
  io.out(`Lamina is running at ${url}  (database: PostgreSQL, ${workers} workers)`);
  await Promise.race([untilSignal(), failedStart]);
  stopping = true;
  io.out('Stopping Lamina: each worker finishes the requests in progress…');
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  await allExited();
  io.out('Lamina stopped.');
  return 0;
}

function allExited(): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

function parse(args: string[]) {
  return parseOptions(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      'dev-mail': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { help: 'Run lamina serve --help.' },
  );
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
