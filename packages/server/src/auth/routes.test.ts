import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { auditOf, insertUser } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import { hashPassword } from './password.ts';
import { base32Decode, newTotpSecret, totpCode } from './totp.ts';

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

forEachEngine((engine) => {
  engine.test('staff sign in with a password, see who they are, and sign out', async () => {
    const { db } = await engine.open();
    const clinic = await aClinic(db, 'alpha');
    await clinic.addUser('care_manager', 'nina@alpha.example', 'a long passphrase');
    const client = new TestClient(db);
    assert.equal((await client.get('/api/auth/me')).status, 401);
    const signIn = await client.post('/api/auth/sign-in', {
      clinic: 'alpha',
      email: 'Nina@Alpha.example',
      password: 'a long passphrase',
    });
    assert.equal(signIn.status, 200, signIn.text);
    assert.match(signIn.headers.get('set-cookie') ?? '', /HttpOnly/i);
    assert.match(signIn.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
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
      const { db } = await engine.open();
      const clinic = await aClinic(db, 'beta');
      await clinic.addUser('clinician', 'sam@beta.example', 'a long passphrase');
      const client = new TestClient(db);
      const answers = await Promise.all([
        client.post('/api/auth/sign-in', {
          clinic: 'beta',
          email: 'sam@beta.example',
          password: 'wrong one here',
        }),
        client.post('/api/auth/sign-in', {
          clinic: 'beta',
          email: 'who@beta.example',
          password: 'a long passphrase',
        }),
        client.post('/api/auth/sign-in', {
          clinic: 'gamma',
          email: 'sam@beta.example',
          password: 'a long passphrase',
        }),
      ]);
      for (const answer of answers) {
        assert.equal(answer.status, 401);
        assert.equal(answer.json.detail, 'The clinic, email or password is not right.');
      }
    },
  );

  engine.test('failed sign-ins are rate limited per email, in the database', async () => {
    const { db } = await engine.open();
    const clinic = await aClinic(db, 'delta');
    await clinic.addUser('admin', 'ann@delta.example', 'a long passphrase');
    const client = new TestClient(db);
    for (let i = 0; i < 5; i++) {
      assert.equal(
        (
          await client.post('/api/auth/sign-in', {
            clinic: 'delta',
            email: 'ann@delta.example',
            password: `guess ${i}`,
          })
        ).status,
        401,
      );
    }
    // A second server process would see the same count: a new client on the same database.
    const other = new TestClient(db);
    const limited = await other.post('/api/auth/sign-in', {
      clinic: 'delta',
      email: 'ann@delta.example',
      password: 'a long passphrase',
    });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '900');
    other.clock = new Date(other.clock.getTime() + 16 * 60_000);
    assert.equal(
      (
        await other.post('/api/auth/sign-in', {
          clinic: 'delta',
          email: 'ann@delta.example',
          password: 'a long passphrase',
        })
      ).status,
      200,
    );
  });

  engine.test('staff with TOTP need the code from their app', async () => {
    const { db } = await engine.open();
    const clinic = await aClinic(db, 'eps');
    const secret = newTotpSecret();
    await clinic.addUser('clinician', 'doc@eps.example', 'a long passphrase', secret);
    const client = new TestClient(db);
    const body = { clinic: 'eps', email: 'doc@eps.example', password: 'a long passphrase' };
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
      const { db } = await engine.open();
      const clinic = await aClinic(db, 'zeta');
      await clinic.addUser('patient', 'pat@zeta.example', null);
      const client = new TestClient(db);
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
      const { db } = await engine.open();
      const clinic = await aClinic(db, 'eta');
      await clinic.addUser('clinician', 'doc@eta.example', 'a long passphrase');
      const client = new TestClient(db);
      await client.post('/api/auth/patient/code', { clinic: 'eta', email: 'doc@eta.example' });
      assert.equal(client.mail.length, 0);
    },
  );

  engine.test(
    'bad input gets a 400 with field messages, and non-JSON writes are refused',
    async () => {
      const { db } = await engine.open();
      const client = new TestClient(db);
      const bad = await client.post('/api/auth/sign-in', {
        clinic: 'Not A Slug!',
        email: 'nope',
        password: '',
      });
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
