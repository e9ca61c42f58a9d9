import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import {
  postDemoEmergency,
  type RunningServer,
  signIn,
  sseReader,
  startServer,
} from '../cli/spawn-server.test-helper.ts';

/**
 * Two Lamina processes on one PostgreSQL behind a real nginx (Debian's), with TLS from a
 * self-signed certificate made here by openssl, using deploy/nginx-lamina.conf as docs/deploy.md
 * shows it — and behind HAProxy (Debian's, deploy/haproxy-lamina.cfg) at the same time. What must hold across processes: sessions, live alerts, rate limits, escalation once.
 */
const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || undefined;
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const openssl = ['/usr/bin/openssl'].find((path) => existsSync(path));
/** HAProxy (Debian's), the second balancer in front of the same two processes; its part is left out without it. */
const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((path) => existsSync(path));
const skip = !postgresUrl
  ? 'LAMINA_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)'
  : !nginx
    ? 'nginx is not installed (apt-get install -y nginx-light): the load-balancer test needs a real one'
    : !openssl
      ? 'openssl is not installed (apt-get install -y openssl)'
      : false;

const template = fileURLToPath(new URL('../../../../deploy/nginx-lamina.conf', import.meta.url));
const haproxyTemplate = fileURLToPath(
  new URL('../../../../deploy/haproxy-lamina.cfg', import.meta.url),
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** An HTTPS request that trusts only the test's certificate (verification stays on). */
function viaTls(
  ca: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, ca, agent: false },
      (res) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : [value ?? '']) headers.append(name, one);
        }
        resolve(
          new Response(Readable.toWeb(res) as ReadableStream, {
            status: res.statusCode ?? 0,
            headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a load balancer (nginx or HAProxy in the foreground) and waits until `probe` answers 200 through it. */
async function startBalancer(
  name: string,
  [command, ...args]: string[],
  ca: string,
  probe: string,
): Promise<ChildProcess> {
  const child = spawn(command as string, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  await until(`${name} to answer`, () =>
    viaTls(ca, probe).then(
      (r) => r.status === 200,
      () => {
        if (child.exitCode !== null) throw new Error(`${name} exited: ${errors}`);
        return false;
      },
    ),
  );
  return child;
}

/** How many requests a process answered under a route pattern, from its own /metrics. */
async function served(server: RunningServer, route: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(
    /^lamina_http_request_duration_seconds_count\{method="[A-Z]+",route="([^"]+)",status="[0-9]xx"\} (\d+)$/gm,
  )) {
    if (match[1] === route) total += Number(match[2]);
  }
  return total;
}

test('two processes behind nginx and HAProxy with TLS: sessions, live alerts, rate limits and escalation are shared', {
  skip,
  timeout: 300_000,
}, async (t) => {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const database = `lamina_lb_${process.pid}_${randomUUID().slice(0, 8)}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl as string);
  url.pathname = `/${database}`;
  const dir = mkdtempSync(join(tmpdir(), 'lamina-lb-'));
  const servers: RunningServer[] = [];
  let proxy: ChildProcess | undefined;
  let balancer: ChildProcess | undefined;
  let boss: PgBoss | undefined;
  try {
    execFileSync(openssl as string, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' }); // biome-ignore format: one openssl command
    const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const lbPort = await freePort();
    const publicUrl = `https://localhost:${lbPort}`;
    const env = {
      DATABASE_URL: url.toString(),
      LAMINA_DATA_DIR: '',
      LAMINA_PUBLIC_URL: `${publicUrl}/`,
      LAMINA_TRUST_PROXY: '1',
      LAMINA_SECURE_COOKIES: 'true',
    };
    const a = await startServer(['--demo'], env);
    servers.push(a);
    const b = await startServer(['--dev-mail'], env);
    servers.push(b);

    const site = readFileSync(template, 'utf8')
      .replaceAll(
        '{{UPSTREAM_SERVERS}}',
        servers
          .map((s) => `server 127.0.0.1:${new URL(s.url).port} max_fails=1 fail_timeout=5s;`)
          .join('\n    '),
      )
      .replaceAll('{{LISTEN}}', `127.0.0.1:${lbPort} ssl http2`)
      .replaceAll('{{SERVER_NAME}}', 'localhost')
      .replaceAll('{{CERT}}', join(dir, 'cert.pem'))
      .replaceAll('{{KEY}}', join(dir, 'key.pem'));
    assert.doesNotMatch(site, /\{\{/, 'every placeholder replaced');
    writeFileSync(join(dir, 'lamina.conf'), site);
    // The rest of a minimal nginx.conf, as Debian's /etc/nginx/nginx.conf provides it.
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/lamina.conf;
}
`,
    );
    proxy = await startBalancer(
      'nginx',
      [nginx as string, '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')],
      ca,
      `${publicUrl}/healthz`,
    );

    // Through the load balancer: ready, and /metrics is not served to the internet.
    const ready = await viaTls(ca, `${publicUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { status: string }).status, 'ready');
    assert.equal((await viaTls(ca, `${publicUrl}/metrics`)).status, 404);

    // A session made through the load balancer works on every process behind it.
    const signedIn = await viaTls(ca, `${publicUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clinic: 'demo',
        email: 'nurse@demo.example',
        password: 'lamina-demo-only',
      }),
    });
    assert.equal(signedIn.status, 200, await signedIn.clone().text());
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^__Host-[^=]+=.*; Secure/i, 'a Secure __Host- cookie behind TLS');
    const nurse = setCookie.split(';')[0] as string;
    /** Eight session requests through a balancer reach both processes, and work on each. */
    const spreadOverBoth = async (balancerName: string, base: string) => {
      const beforeA = await served(a, '/api/auth/me');
      const beforeB = await served(b, '/api/auth/me');
      for (let i = 0; i < 8; i++) {
        const me = await viaTls(ca, `${base}/api/auth/me`, { headers: { cookie: nurse } });
        assert.equal(me.status, 200);
        await me.arrayBuffer();
      }
      const afterA = await served(a, '/api/auth/me');
      const afterB = await served(b, '/api/auth/me');
      assert.ok(
        afterA > beforeA && afterB > beforeB,
        `${balancerName} spread the requests over both processes: A ${beforeA} → ${afterA}, B ${beforeB} → ${afterB}`,
      );
    };
    await spreadOverBoth('nginx', publicUrl);
    // HAProxy in front of the same two processes: sessions spread over both, /metrics refused.
    let viaHaproxy: string | undefined;
    if (haproxy) {
      const haPort = await freePort();
      viaHaproxy = `https://127.0.0.1:${haPort}`;
      writeFileSync(
        join(dir, 'lamina.pem'),
        readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'key.pem'), 'utf8'),
      );
      const config = readFileSync(haproxyTemplate, 'utf8')
        .replaceAll('{{LISTEN}}', `127.0.0.1:${haPort}`)
        .replaceAll('{{PEM}}', join(dir, 'lamina.pem'))
        .replaceAll(
          '{{SERVERS}}',
          servers
            .map((s, i) => `server lamina${i} 127.0.0.1:${new URL(s.url).port} check`)
            .join('\n    '),
        );
      assert.doesNotMatch(config, /\{\{/, 'every placeholder replaced');
      writeFileSync(
        join(dir, 'haproxy.cfg'),
        `global\n    maxconn 256\n    pidfile ${dir}/haproxy.pid\n\n${config}`,
      );
      balancer = await startBalancer(
        'HAProxy',
        [haproxy, '-db', '-f', join(dir, 'haproxy.cfg')],
        ca,
        `${viaHaproxy}/readyz`,
      );
      assert.equal((await viaTls(ca, `${viaHaproxy}/metrics`)).status, 404);
      await spreadOverBoth('HAProxy', viaHaproxy);
    } else {
      t.diagnostic('HAProxy is not installed (apt-get install -y haproxy): its part was left out');
    }

    // And directly: made on one, used on the other.
    const direct = await signIn(a, { staff: 'surgeon@demo.example', password: 'lamina-demo-only' });
    assert.equal(
      (await fetch(`${b.url}/api/auth/me`, { headers: { cookie: direct } })).status,
      200,
    );

    // Live alerts: a stream on A and one through nginx both receive the check-in posted to B.
    const onA = sseReader(
      await fetch(`${a.url}/api/alerts/stream`, { headers: { cookie: nurse } }),
    );
    assert.equal((await onA.next()).event, 'ready');
    const throughProxy = sseReader(
      await viaTls(ca, `${publicUrl}/api/alerts/stream`, { headers: { cookie: nurse } }),
    );
    assert.equal((await throughProxy.next()).event, 'ready');
    const throughHaproxy = viaHaproxy
      ? sseReader(
          await viaTls(ca, `${viaHaproxy}/api/alerts/stream`, { headers: { cookie: nurse } }),
        )
      : undefined;
    if (throughHaproxy) assert.equal((await throughHaproxy.next()).event, 'ready');
    const posted = await postDemoEmergency(b);
    assert.equal(posted.status, 201);
    const { alert } = (await posted.json()) as { alert: { id: string } };
    for (const stream of [onA, throughProxy, ...(throughHaproxy ? [throughHaproxy] : [])]) {
      const event = await stream.next();
      assert.equal(event.event, 'alert');
      assert.equal((event.data as { alertId: string }).alertId, alert.id);
    }
    await onA.close();
    await throughProxy.close();
    await throughHaproxy?.close();

    // Rate limits live in the database: five wrong passwords spread over A and B, the sixth refused.
    const wrong = (server: RunningServer) =>
      fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clinic: 'demo',
          email: 'pt@demo.example',
          password: 'not-the-password',
        }),
      });
    for (const server of [a, b, a, b, a]) assert.equal((await wrong(server)).status, 401);
    const refused = await wrong(b);
    assert.equal(refused.status, 429, 'B counts the failures made on A');
    if (viaHaproxy) {
      const alsoRefused = await viaTls(ca, `${viaHaproxy}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clinic: 'demo',
          email: 'pt@demo.example',
          password: 'not-the-password',
        }),
      });
      assert.equal(alsoRefused.status, 429, 'through HAProxy too: the count is shared');
    }

    // Escalation: the alert is overdue and both processes run escalation jobs at once; it escalates once.
    await admin.end();
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      await db.query(
        `insert into on_call (clinic_id, position, user_id)
         select clinic_id, 1, id from users where email = 'surgeon@demo.example'`,
      );
      await db.query(`update alerts set deadline_at = now() - interval '1 minute' where id = $1`, [
        alert.id,
      ]);
      boss = new PgBoss({ connectionString: url.toString(), schema: 'pgboss', max: 2 });
      boss.on('error', () => {});
      await boss.start();
      const jobs: string[] = [];
      for (let i = 0; i < 8; i++) {
        const id = await boss.send('alert-escalation', {});
        if (id) jobs.push(id);
      }
      await until(
        'the escalation jobs to run',
        async () => {
          const { rows } = await db.query(
            `select count(*)::int as n from pgboss.job where id = any($1::uuid[]) and state = 'completed'`,
            [jobs],
          );
          return rows[0]?.n === jobs.length;
        },
        60_000,
      );
      const { rows } = await db.query(
        `select a.escalation_step,
                (select count(*)::int from alert_events e where e.alert_id = a.id and e.kind = 'escalated') as escalated
         from alerts a where a.id = $1`,
        [alert.id],
      );
      assert.deepEqual(rows[0], { escalation_step: 1, escalated: 1 });
    } finally {
      await db.end();
    }
  } finally {
    await boss?.stop({ graceful: false }).catch(() => {});
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((r) => proxy?.once('exit', r));
      proxy.kill('SIGQUIT');
      await exited;
    }
    if (balancer && balancer.exitCode === null) {
      const exited = new Promise((r) => balancer?.once('exit', r));
      balancer.kill('SIGTERM');
      await exited;
    }
    for (const server of servers) await server.stop();
    const cleanup = new pg.Client({ connectionString: postgresUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${database} with (force)`);
    await cleanup.end();
    await admin.end().catch(() => {});
  }
});

test('lamina serve --workers 2 on PostgreSQL: migrates once, two processes share the port, SIGTERM stops them all', {
  skip: postgresUrl
    ? false
    : 'LAMINA_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
  timeout: 180_000,
}, async () => {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const database = `lamina_workers_${process.pid}_${randomUUID().slice(0, 8)}`;
  await admin.query(`create database ${database}`);
  const url = new URL(postgresUrl as string);
  url.pathname = `/${database}`;
  let server: RunningServer | undefined;
  try {
    server = await startServer(['--workers', '2', '--demo'], {
      DATABASE_URL: url.toString(),
      LAMINA_DATA_DIR: '',
    });
    assert.match(server.output(), /Demo clinic created\.\n/);
    assert.match(
      server.output(),
      /running at http:\/\/127\.0\.0\.1:\d+ {2}\(database: PostgreSQL, 2 workers\)/,
    );
    const primary = server.child.pid as number;
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    assert.equal(workers.length, 2, `two worker processes: ${workers}`);
    // Migrated by the primary before the workers started (workers never migrate): ready at once.
    for (let i = 0; i < 4; i++) {
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      await ready.arrayBuffer();
    }
    const nurse = await signIn(server, {
      staff: 'nurse@demo.example',
      password: 'lamina-demo-only',
    });
    assert.equal(
      (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: nurse } })).status,
      200,
    );
    // One Prometheus scrape through the shared port sees the whole cluster: 20 probes on fresh
    // connections (spread over both workers by the cluster's round robin) are all counted, the
    // per-process series come from both processes, and the database facts appear once.
    const scrape = async () => {
      const answer = await fetch(`${server?.url}/metrics`, { headers: { connection: 'close' } });
      assert.equal(answer.status, 200);
      return answer.text();
    };
    const healthzCount = (text: string) =>
      Number(
        /^lamina_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="2xx"\} (\d+)$/m.exec(
          text,
        )?.[1] ?? 0,
      );
    const before = healthzCount(await scrape());
    for (let i = 0; i < 20; i++) {
      const probe = await fetch(`${server.url}/healthz`, { headers: { connection: 'close' } });
      assert.equal(probe.status, 200);
      await probe.arrayBuffer();
    }
    const text = await scrape();
    assert.equal(healthzCount(text) - before, 20, "every worker's requests are counted");
    assert.equal(text.match(/^lamina_outbox_backlog /gm)?.length, 1, 'database facts once');
    assert.equal(await server.stop(), 0, 'the primary exits 0 once every worker stopped');
    assert.match(server.output(), /Lamina stopped\./);
    for (const pid of workers) {
      assert.throws(() => process.kill(Number(pid), 0), /ESRCH/, `worker ${pid} is gone`);
    }
    server = undefined;
  } finally {
    await server?.stop();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});
