import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { forEachEngine } from '../db/test-engines.ts';
import { forwardedClientIp } from './client-ip.ts';
import { contentSecurityPolicy, defaultJsonBodyBytes } from './edge.ts';
import { parsePublicUrl, publicLink } from './public-url.ts';
import { parseTrustProxy, resolveHttpSettings } from './settings.ts';
import { TestClient, testPublicUrl } from './test-client.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  feverCheckin,
  freshClinic,
  seedClinic,
  sendCheckin,
  signedInClinic,
  signInStaff,
  staffPassword,
  staffSignedIn,
} from './test-fixtures.ts';

// Friday 2026-11-21 05:00 UTC is 21:00 in Los Angeles: the test clinic is closed (on-call routing).
const afterHours = new Date('2026-11-21T05:00:00Z');
const visitor = { name: 'Sam Lee', email: 'sam@mail.example', phone: '+1 555 0100' };
const callback = {
  kind: 'callback',
  callback: { urgency: 'today', description: 'Questions about the waiting list.' },
  contact: visitor,
  consent: true,
};

test('publicLink builds links under the configured address only', () => {
  const deps = { publicUrl: parsePublicUrl('https://care.example.org/lamina') };
  assert.equal(
    publicLink(deps, '/request-status/1?clinic=a#token=t'),
    'https://care.example.org/lamina/request-status/1?clinic=a#token=t',
  );
  assert.throws(() => publicLink(deps, '//evil.example/x'));
  assert.throws(() => publicLink(deps, 'https://evil.example/'));
  assert.throws(() => parsePublicUrl('ftp://x.example'));
  assert.throws(() => parsePublicUrl('https://x.example/?a=1'));
});

test('LAMINA_PUBLIC_URL is required outside demo/development; LAMINA_TRUST_PROXY counts hops', () => {
  assert.throws(() => resolveHttpSettings({}, false), /LAMINA_PUBLIC_URL is required/);
  assert.equal(resolveHttpSettings({}, true).publicUrl, undefined);
  assert.equal(
    resolveHttpSettings({ LAMINA_PUBLIC_URL: 'https://a.example' }, false).publicUrl?.href,
    'https://a.example/',
  );
  assert.equal(parseTrustProxy(undefined), 0);
  assert.equal(parseTrustProxy('false'), 0);
  assert.equal(parseTrustProxy('true'), 1);
  assert.equal(parseTrustProxy('2'), 2);
  assert.throws(() => parseTrustProxy('yes'));
  assert.throws(() => parseTrustProxy('-1'));
});

test('X-Forwarded-For: only the entry the nearest trusted proxy appended is believed', () => {
  // The client wrote "6.6.6.6"; the one proxy appended the address it saw.
  assert.equal(forwardedClientIp('6.6.6.6, 203.0.113.9', 1, '10.0.0.2'), '203.0.113.9');
  // Two proxies: the outer appended the client, the inner appended the outer proxy.
  assert.equal(forwardedClientIp('6.6.6.6, 203.0.113.9, 10.0.0.1', 2, '10.0.0.2'), '203.0.113.9');
  assert.equal(forwardedClientIp('6.6.6.6, 203.0.113.9', 0, '10.0.0.2'), '10.0.0.2');
  assert.equal(forwardedClientIp(undefined, 1, '10.0.0.2'), '10.0.0.2');
  assert.equal(forwardedClientIp('not-an-ip', 1, '10.0.0.2'), '10.0.0.2');
  assert.equal(forwardedClientIp('203.0.113.9', 3, null), '203.0.113.9');
});

test('the CSP allows no inline script and no framing', () => {
  assert.match(contentSecurityPolicy, /script-src 'self'(;|$)/);
  assert.match(contentSecurityPolicy, /frame-ancestors 'none'/);
  assert.doesNotMatch(contentSecurityPolicy, /unsafe-inline|unsafe-eval/);
});

forEachEngine((engine) => {
  engine.test('emailed links use LAMINA_PUBLIC_URL, never the Host header', async () => {
    const { db } = await engine.open();
    const clinic = await seedClinic(db);
    await db
      .insertInto('on_call')
      .values({ clinic_id: clinic.clinicId, position: 1, user_id: clinic.staff.care_manager.id })
      .execute();
    const night = new TestClient(db, afterHours);
    // The attacker sends the request with their own host name (Host / absolute URL).
    const made = await night.request(
      'POST',
      `http://evil.example/api/public/${clinic.slug}/requests`,
      callback,
      { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    );
    assert.equal(made.status, 201, made.text);
    const mail = await db
      .selectFrom('outbox')
      .select(['kind', 'body_text'])
      .where('clinic_id', '=', clinic.clinicId)
      .execute();
    const status = mail.find((m) => m.kind === 'intake_received')?.body_text ?? '';
    const onCall = mail.find((m) => m.kind === 'intake_on_call')?.body_text ?? '';
    for (const body of [status, onCall]) {
      assert.doesNotMatch(body, /evil\.example/);
    }
    assert.ok(status.includes(`${testPublicUrl.origin}/request-status/`), status);
    assert.ok(onCall.includes(`${testPublicUrl.origin}/console/requests?open=`), onCall);
  });

  engine.test(
    'with one trusted proxy, a forged first X-Forwarded-For entry neither names the audit IP nor escapes the rate limit',
    async () => {
      const { db, clinic, client } = await freshClinic(engine, undefined, undefined, {
        trustProxy: true,
      });
      const attempts = [];
      for (let i = 0; i < 12; i++) {
        attempts.push(
          await client.request(
            'POST',
            '/api/auth/sign-in',
            { clinic: clinic.slug, email: `nobody${i}@x.example`, password: 'wrong password' },
            // A different forged address each time, the proxy's own entry (the real client) last.
            { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` },
          ),
        );
      }
      const ips = await db
        .selectFrom('login_attempts')
        .select('ip')
        .where('clinic_id', '=', clinic.clinicId)
        .execute();
      assert.ok(ips.length > 0);
      assert.deepEqual([...new Set(ips.map((r) => r.ip))], ['203.0.113.9']);
    },
  );

  engine.test('JSON bodies over the limit get 413 before they are read', async () => {
    const { clinic, client } = await freshClinic(engine);
    const big = JSON.stringify({
      clinic: clinic.slug,
      email: 'a@b.example',
      password: 'x'.repeat(defaultJsonBodyBytes + 10),
    });
    const declared = await client.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    assert.equal(declared.status, 413);
    assert.equal(declared.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await declared.json()) as { status: number }).status, 413);

    // Chunked: no Content-Length; counted as it streams and cut off past the limit.
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${'y'.repeat(16 * 1024)}",`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":['));
      },
      pull(controller) {
        pulled++;
        if (pulled > 1000)
          controller.close(); // 16 MB if nothing stops it
        else controller.enqueue(chunk);
      },
    });
    const chunked = await client.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);
    assert.ok(pulled < 20, `stopped reading after ${pulled} chunks`);

    // Under the limit it is an ordinary request.
    const small = await client.post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email: clinic.staff.admin.email,
      password: staffPassword,
    });
    assert.equal(small.status, 200);
  });

  engine.test(
    'security headers; behind TLS the session cookie is __Host- and HSTS is sent',
    async () => {
      const { db, clinic, client: plain } = await freshClinic(engine);
      const page = await plain.get('/api/auth/me');
      assert.equal(page.headers.get('content-security-policy'), contentSecurityPolicy);
      assert.equal(page.headers.get('strict-transport-security'), null);
      await signInStaff(plain, clinic, 'admin');

      const tls = new TestClient(db, undefined, undefined, { secureCookies: true });
      const signedIn = await tls.post('/api/auth/sign-in', {
        clinic: clinic.slug,
        email: clinic.staff.admin.email,
        password: staffPassword,
      });
      assert.equal(signedIn.status, 200, signedIn.text);
      const cookie = signedIn.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^__Host-lamina_session=/);
      assert.match(cookie, /; Secure/i);
      assert.match(cookie, /; Path=\//i);
      assert.doesNotMatch(cookie, /Domain=/i);
      assert.match(signedIn.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
      assert.equal((await tls.get('/api/auth/me')).status, 200, 'the prefixed cookie is read');
      // A plain lamina_session cookie (planted over http or by a subdomain) is not a session here.
      const planted = await tls.app.request('/api/auth/me', {
        headers: { cookie: `lamina_session=${cookie.split(';')[0]?.split('=')[1]}` },
      });
      assert.equal(planted.status, 401);
      const out = await tls.post('/api/auth/sign-out');
      assert.equal(out.status, 200, out.text);
      assert.match(out.headers.get('set-cookie') ?? '', /^__Host-lamina_session=;.*Secure/i);
    },
  );

  engine.test('state-changing requests from another site are refused (403 problem)', async () => {
    const { db } = await engine.open();
    const { client: admin } = await signedInClinic(db, 'admin');
    const enrol = (headers: Record<string, string>) =>
      admin.request(
        'POST',
        '/api/patients',
        {
          givenName: 'Ana',
          familyName: 'Ruiz',
          email: `p-${randomUUID().slice(0, 8)}@mail.example`,
          surgery: { region: 'lumbar', procedure: 'laminectomy', surgeryDate: '2026-11-10' },
        },
        headers,
      );
    const refusals: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:8080', host: 'evil.example' },
    ];
    for (const headers of refusals) {
      const refused = await enrol(headers);
      assert.equal(refused.status, 403, JSON.stringify(headers));
      assert.equal(refused.headers.get('content-type'), 'application/problem+json');
      assert.equal(refused.json.title, 'Cross-site request refused');
    }
    assert.equal((await enrol({ 'sec-fetch-site': 'same-origin' })).status, 201);
    assert.equal((await enrol({ origin: testPublicUrl.origin })).status, 201);
    assert.equal(
      (await enrol({ origin: 'http://localhost:8080', host: 'localhost:8080' })).status,
      201,
      'own host',
    );
    assert.equal((await enrol({})).status, 201, 'not a browser: no headers');
    // Reading stays open to every origin header (GET is safe).
    assert.equal(
      (await admin.request('GET', '/api/auth/me', undefined, { 'sec-fetch-site': 'cross-site' }))
        .status,
      200,
    );
  });

  engine.test(
    'NUL and lone surrogates in any text field or key are field errors, not 500s',
    async () => {
      const { db, clinic, client: visitorClient } = await freshClinic(engine);
      // Unauthenticated: a visitor's request, a patient sign-in code.
      for (const [path, body, field] of [
        [
          `/api/public/${clinic.slug}/requests`,
          { ...callback, contact: { ...visitor, name: 'Sam\u0000Lee' } },
          'contact.name',
        ],
        [
          `/api/public/${clinic.slug}/requests`,
          { ...callback, callback: { urgency: 'today', description: 'Pain \ud800 here' } },
          'callback.description',
        ],
        ['/api/auth/patient/code', { clinic: clinic.slug, email: 'a\u0000@b.example' }, 'email'],
        [
          '/api/auth/sign-in',
          { clinic: clinic.slug, email: 'a@b.example', password: 'x\udc00' },
          'password',
        ],
      ] as const) {
        const response = await visitorClient.post(path, body);
        assert.equal(response.status, 400, `${path} ${response.text}`);
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        const errors = response.json.errors as { field: string }[];
        assert.deepEqual(
          errors.map((e) => e.field),
          [field],
        );
      }
      // Signed in: a free-text note and a record key (questionnaire answers).
      const admin = new TestClient(db);
      await signInStaff(admin, clinic, 'admin');
      const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
      const message = await patient.post(`/api/patients/${patientId}/messages`, {
        body: 'hello\u0000',
      });
      assert.equal(message.status, 400, message.text);
      const keyed = await patient.post(`/api/patients/${patientId}/proms/odi`, {
        answers: { 'q\u00001': 1 },
      });
      assert.equal(keyed.status, 400, keyed.text);
      assert.deepEqual(
        (keyed.json.errors as { field: string }[]).map((e) => e.field),
        ['answers.q\ufffd1'],
      );
      // The query string too (audit filter).
      const audit = await admin.get('/api/audit?action=a%00b');
      assert.equal(audit.status, 400, audit.text);
    },
  );

  engine.test(
    'invalid JSON, wrong types, huge numbers and deep nesting are 4xx problems',
    async () => {
      const { clinic, client } = await freshClinic(engine);
      const path = `/api/public/${clinic.slug}/requests`;
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const body of [
        '{"kind":',
        '"just a string"',
        'null',
        '1e999',
        deep,
        JSON.stringify({ ...callback, consent: 1e308 }),
        JSON.stringify({ ...callback, contact: [visitor] }),
        `{"kind":"callback","x":${deep}}`,
      ]) {
        const response = await client.post(path, body);
        assert.ok(
          response.status >= 400 && response.status < 500,
          `${body.slice(0, 40)}: ${response.status}`,
        );
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
      }
    },
  );

  engine.test(
    "a patient sees their alerts' level, time, instructions and whether the team has seen them, never staff notes or names",
    async () => {
      const { clinic, admin, patientId, patient } = await aSignedInPatient(engine);
      const fever = await sendCheckin(patient, patientId, feverCheckin);
      assert.equal(fever.status, 201, fever.text);
      const alertId = (fever.json.alert as { id: string }).id;
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      const note = 'Staff only: patient sounded anxious, consider psych referral.';
      assert.equal((await nurse.post(`/api/alerts/${alertId}/acknowledge`, { note })).status, 200);

      const own = await patient.get(`/api/patients/${patientId}/alerts`);
      assert.equal(own.status, 200, own.text);
      assert.ok(!own.text.includes(note), 'no staff notes');
      assert.ok(!own.text.includes('care_manager'), 'no staff names');
      assert.doesNotMatch(own.text, /clinicianSummary|escalation|"notes"|"events"/);
      const [alert] = own.json.alerts as Record<string, unknown>[];
      assert.deepEqual(Object.keys(alert ?? {}).sort(), [
        'acknowledged',
        'createdAt',
        'deadlineAt',
        'id',
        'instructions',
        'level',
        'resolved',
      ]);
      assert.equal(alert?.level, 'urgent');
      assert.equal(alert?.acknowledged, true);
      const instructions = alert?.instructions as { id: string; text: string }[];
      assert.ok(instructions.length > 0 && instructions.every((s) => s.id && s.text));

      // The care team still sees the whole history.
      const staff = await nurse.get(`/api/patients/${patientId}/alerts`);
      assert.ok(staff.text.includes(note));
    },
  );
});
