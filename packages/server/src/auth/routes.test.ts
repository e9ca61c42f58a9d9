import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { auditOf, insertUser } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { hashPassword } from './password.ts';
import { base32Decode, newTotpSecret, totpCode } from './totp.ts';

/** The password the tests give their staff. */
const passphrase = 'a long passphrase';

async function aClinic(db: Kysely<Database>, slug: string) {
  const clinicId = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id: clinicId, slug, name: `${slug} spine` })
    .execute();
  const addUser = async (
    role: Role,
    email: string,
    password: string | null,
    totp: string | null = null,
  ) =>
    insertUser(db, clinicId, {
      role,
      email,
      passwordHash: password ? await hashPassword(password) : null,
      totpSecret: totp,
    });
  return { clinicId, addUser };
}

/** A fresh database, a clinic (by its slug) with one user, and a client that is not signed in. */
async function withUser(
  engine: TestEngine,
  slug: string,
  ...user: Parameters<Awaited<ReturnType<typeof aClinic>>['addUser']>
) {
  const { db } = await engine.open();
  const clinic = await aClinic(db, slug);
  await clinic.addUser(...user);
  return { db, clinic, client: new TestClient(db) };
}

/** A staff sign-in attempt (with the password the tests give their users unless another). */
const signIn = (client: TestClient, clinic: string, email: string, password = passphrase) =>
  client.post('/api/auth/sign-in', { clinic, email, password });

forEachEngine((engine) => {
  engine.test('staff sign in with a password, see who they are, and sign out', async () => {
    const { db, clinic, client } = await withUser(
      engine,
      'alpha',
      'care_manager',
      'nina@alpha.example',
      passphrase,
    );
    assert.equal((await client.get('/api/auth/me')).status, 401);
    const signedIn = await signIn(client, 'alpha', 'Nina@Alpha.example');
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.match(signedIn.headers.get('set-cookie') ?? '', /HttpOnly/i);
    assert.match(signedIn.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
    const me = await client.get('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.role, 'care_manager');
    assert.deepEqual(me.json.clinic, {
      name: 'alpha spine',
      slug: 'alpha',
      phone: null,
      emergencyNumber: '911',
    });
    assert.equal((await client.post('/api/auth/sign-out')).status, 200);
    assert.equal((await client.get('/api/auth/me')).status, 401);
    const audit = await auditOf(db, clinic.clinicId).select(['action']).execute();
    assert.deepEqual(
      audit.map((row) => row.action),
      ['session.create'],
    );
  });

  engine.test(
    'a wrong password, an unknown email and an unknown clinic get the same answer',
    async () => {
      const { client } = await withUser(
        engine,
        'beta',
        'clinician',
        'sam@beta.example',
        passphrase,
      );
      const answers = await Promise.all([
        signIn(client, 'beta', 'sam@beta.example', 'wrong one here'),
        signIn(client, 'beta', 'who@beta.example'),
        signIn(client, 'gamma', 'sam@beta.example'),
      ]);
      for (const answer of answers) {
        assert.equal(answer.status, 401);
        assert.equal(answer.json.detail, 'The clinic, email or password is not right.');
      }
    },
  );

  engine.test('failed sign-ins are rate limited per email, in the database', async () => {
    const { db, client } = await withUser(
      engine,
      'delta',
      'admin',
      'ann@delta.example',
      passphrase,
    );
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn(client, 'delta', 'ann@delta.example', `guess ${i}`)).status, 401);
    }
    // A second server process would see the same count: a new client on the same database.
    const other = new TestClient(db);
    const limited = await signIn(other, 'delta', 'ann@delta.example');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '900');
    other.clock = new Date(other.clock.getTime() + 16 * 60_000);
    assert.equal((await signIn(other, 'delta', 'ann@delta.example')).status, 200);
  });

  engine.test('staff with TOTP need the code from their app', async () => {
    const secret = newTotpSecret();
    const { client } = await withUser(
      engine,
      'eps',
      'clinician',
      'doc@eps.example',
      passphrase,
      secret,
    );
    const body = { clinic: 'eps', email: 'doc@eps.example', password: passphrase };
    const missing = await client.post('/api/auth/sign-in', body);
    assert.equal(missing.status, 401);
    assert.equal(missing.json.title, 'Second factor required');
    const code = totpCode(base32Decode(secret), Math.floor(client.clock.getTime() / 1000));
    const wrong = code === '000000' ? '111111' : '000000';
    assert.equal((await client.post('/api/auth/sign-in', { ...body, totp: wrong })).status, 401);
    assert.equal((await client.post('/api/auth/sign-in', { ...body, totp: code })).status, 200);
  });

  engine.test(
    'patients sign in with a one-time code sent by email; it works once and expires',
    async () => {
      const { db, client } = await withUser(engine, 'zeta', 'patient', 'pat@zeta.example', null);
      assert.equal(
        (
          await client.post('/api/auth/patient/code', {
            clinic: 'zeta',
            email: 'nobody@zeta.example',
          })
        ).status,
        202,
      );
      assert.equal(client.mail.length, 0, 'no mail for an unknown address, and the same answer');
      assert.equal(
        (await client.post('/api/auth/patient/code', { clinic: 'zeta', email: 'pat@zeta.example' }))
          .status,
        202,
      );
      const code = /code (\d{6})/.exec(client.mail[0] ?? '')?.[1] ?? assert.fail('no code mailed');
      const outbox = await db.selectFrom('outbox').select(['to_address', 'body_text']).execute();
      assert.equal(outbox.length, 1);
      assert.match(outbox[0]?.body_text ?? '', new RegExp(code));

      const verify = await client.post('/api/auth/patient/verify', {
        clinic: 'zeta',
        email: 'pat@zeta.example',
        code,
      });
      assert.equal(verify.status, 200, verify.text);
      assert.equal((await client.get('/api/auth/me')).json.role, 'patient');
      const again = await client
        .fork()
        .post('/api/auth/patient/verify', { clinic: 'zeta', email: 'pat@zeta.example', code });
      assert.equal(again.status, 401, 'a code works once');

      await client.post('/api/auth/patient/code', { clinic: 'zeta', email: 'pat@zeta.example' });
      const second =
        /code (\d{6})/.exec(client.mail[1] ?? '')?.[1] ?? assert.fail('no second code');
      client.clock = new Date(client.clock.getTime() + 16 * 60_000);
      assert.equal(
        (
          await client.fork().post('/api/auth/patient/verify', {
            clinic: 'zeta',
            email: 'pat@zeta.example',
            code: second,
          })
        ).status,
        401,
      );
    },
  );

  engine.test(
    'staff cannot use the patient code flow, and patients cannot use a password',
    async () => {
      const { client } = await withUser(engine, 'eta', 'clinician', 'doc@eta.example', passphrase);
      await client.post('/api/auth/patient/code', { clinic: 'eta', email: 'doc@eta.example' });
      assert.equal(client.mail.length, 0);
    },
  );

  engine.test(
    'bad input gets a 400 with field messages, and non-JSON writes are refused',
    async () => {
      const { db } = await engine.open();
      const client = new TestClient(db);
      const bad = await signIn(client, 'Not A Slug!', 'nope', '');
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json');
      const fields = (bad.json.errors as { field: string }[]).map((e) => e.field).sort();
      assert.deepEqual(fields, ['clinic', 'email', 'password']);
      const notJson = await client.request('POST', '/api/auth/sign-in', 'clinic=a', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(notJson.status, 415);
      const broken = await client.request('POST', '/api/auth/sign-in', '{"clinic":', {
        'content-type': 'application/json',
      });
      assert.equal(broken.status, 400);
      assert.equal(broken.json.detail, 'The request body must be JSON.');
    },
  );
});
