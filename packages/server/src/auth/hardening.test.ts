import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { insertUser } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { hit, sweepLimit } from '../http/rate-limit.ts';
import { TestClient, testPublicUrl } from '../http/test-client.ts';
import { codeHmac } from './codes.ts';
import { codeGuessLimits, codeRequestLimits, codeTries, passwordLimits } from './limits.ts';
import { hashPassword, passwordWork } from './password.ts';
import { hashToken } from './tokens.ts';
import { base32Decode, newTotpSecret, totpCode } from './totp.ts';

/**
 * Issue 12: each attack on sign-in, reproduced. Every test here failed on the code before
 * migration 012 (parallel guesses all evaluated, old codes alive, no reset, replayable TOTP, …).
 */

const password = 'a long passphrase';

async function aClinic(db: Kysely<Database>) {
  const slug = `h-${randomUUID().slice(0, 8)}`;
  const clinicId = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id: clinicId, slug, name: `${slug} spine` })
    .execute();
  const addUser = async (role: Role, email: string, totpSecret: string | null = null) =>
    insertUser(db, clinicId, {
      role,
      email,
      passwordHash: role === 'patient' ? null : await hashPassword(password),
      totpSecret,
    });
  /** Signs `client` in to this clinic with a password (the shared one unless given). */
  const signIn = (client: TestClient, email: string, pw = password) =>
    client.post('/api/auth/sign-in', { clinic: slug, email, password: pw });
  /** Adds a staff user and answers a client signed in as them. */
  const signedIn = async (role: Role, email: string) => {
    await addUser(role, email);
    const client = new TestClient(db);
    await signIn(client, email);
    return client;
  };
  const askCode = (client: TestClient, email: string) =>
    client.post('/api/auth/patient/code', { clinic: slug, email });
  const verify = (client: TestClient, email: string, code: string) =>
    client.post('/api/auth/patient/verify', { clinic: slug, email, code });
  return { clinicId, slug, addUser, signIn, signedIn, askCode, verify };
}

/** A fresh database with a clinic (no users yet). */
async function freshClinic(engine: TestEngine) {
  const { db } = await engine.open();
  return { db, clinic: await aClinic(db), client: new TestClient(db) };
}

/** A fresh database with a clinic, its patient pat@h.example and a client that is not signed in. */
async function withPatient(engine: TestEngine) {
  const { db, clinic, client } = await freshClinic(engine);
  const userId = await clinic.addUser('patient', 'pat@h.example');
  return { db, clinic, userId, client };
}

const lastCode = (client: TestClient, email: string) =>
  /code (\d{6})/.exec(client.mail.filter((m) => m.includes(`to ${email}:`)).at(-1) ?? '')?.[1] ??
  assert.fail(`no code mailed to ${email}`);

/** A code that is not `code` (for wrong guesses). */
const wrong = (code: string, n: number) =>
  String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0');

const statuses = (answers: { status: number }[]) => {
  const count: Record<number, number> = {};
  for (const a of answers) count[a.status] = (count[a.status] ?? 0) + 1;
  return count;
};

forEachEngine((engine) => {
  engine.test('the rate limiter counts N parallel hits as N (one statement)', async () => {
    const { db } = await engine.open();
    const { clinicId } = await aClinic(db);
    const limit = { bucket: 'test', max: 10, windowSeconds: 60 };
    const at = new Date('2026-11-20T15:00:00Z');
    const hits = await Promise.all(
      Array.from({ length: 40 }, () => hit(db, clinicId, limit, 'k', at)),
    );
    assert.equal(hits.filter((h) => h.allowed).length, 10);
    assert.deepEqual(
      hits.map((h) => h.hits).sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i + 1),
      'every hit saw a different count',
    );
    assert.equal(hits[0]?.retryAfterSeconds, 60);
    const later = await hit(db, clinicId, limit, 'k', new Date(at.getTime() + 61_000));
    assert.deepEqual(later, { allowed: true, hits: 1, retryAfterSeconds: 60 }, 'a new window');
    await hit(db, clinicId, limit, 'old', at);
    assert.equal(await sweepLimit(db, clinicId, limit, new Date(at.getTime() + 61_000)), 1);
    const left = await db.selectFrom('rate_limit_counters').select('key').execute();
    assert.deepEqual(
      left.map((r) => r.key),
      ['k'],
      'only ended windows are swept',
    );
  });

  engine.test(
    'patient codes: parallel guesses count, at most 5 are ever checked, then even the right code is refused',
    async () => {
      const { db, clinic, userId, client } = await withPatient(engine);
      await clinic.askCode(client, 'pat@h.example');
      const code = lastCode(client, 'pat@h.example');
      const guesses = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          clinic.verify(client.fork(), 'pat@h.example', wrong(code, n)),
        ),
      );
      // Before: all 40 were checked (the failure count was read before any failure was written).
      assert.deepEqual(statuses(guesses), { 401: codeTries, 429: 40 - codeTries });
      const limited = guesses.find((g) => g.status === 429);
      assert.ok(Number(limited?.headers.get('retry-after')) > 0);
      assert.equal(limited?.json.retryAfterSeconds, Number(limited?.headers.get('retry-after')));
      const row = await db
        .selectFrom('sign_in_codes')
        .select('tries')
        .where('clinic_id', '=', clinic.clinicId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow();
      assert.equal(row.tries, codeTries, 'the code used up its tries');
      const right = await clinic.verify(client.fork(), 'pat@h.example', code);
      assert.equal(right.status, 429, 'the right code after the budget is spent is refused');
    },
  );

  engine.test(
    'patient codes: a code dies after 5 wrong tries, even from many addresses',
    async () => {
      const { db, clinic, client } = await withPatient(engine);
      await clinic.askCode(client, 'pat@h.example');
      const code = lastCode(client, 'pat@h.example');
      // The account's budget is given back here so only the code's own count stops the guesses.
      for (let n = 0; n < codeTries; n++) {
        const answer = await clinic.verify(client.fork(), 'pat@h.example', wrong(code, n));
        assert.equal(answer.status, 401);
        await db.deleteFrom('rate_limit_counters').execute();
      }
      const right = await clinic.verify(client.fork(), 'pat@h.example', code);
      assert.equal(right.status, 401, 'a code with no tries left is dead');
    },
  );

  engine.test('patient codes: only the newest code works, and signing in uses it up', async () => {
    const { db, clinic, client } = await withPatient(engine);
    const ask = () => clinic.askCode(client, 'pat@h.example');
    await ask();
    const first = lastCode(client, 'pat@h.example');
    await ask();
    const second = lastCode(client, 'pat@h.example');
    const verify = (code: string) =>
      client
        .fork()
        .post('/api/auth/patient/verify', { clinic: clinic.slug, email: 'pat@h.example', code });
    if (first !== second) assert.equal((await verify(first)).status, 401, 'replaced');
    assert.equal((await verify(second)).status, 200);
    assert.equal((await verify(second)).status, 401, 'used');
    assert.equal(
      await db.selectFrom('sign_in_codes').select('user_id').executeTakeFirst(),
      undefined,
      'no live code after sign-in',
    );
  });

  engine.test('patient codes are stored so that the database does not give them away', async () => {
    const { db, clinic, userId, client } = await withPatient(engine);
    await clinic.askCode(client, 'pat@h.example');
    const code = lastCode(client, 'pat@h.example');
    const stored = await db.selectFrom('sign_in_codes').selectAll().execute();
    const tokens = await db.selectFrom('sign_in_tokens').select('token_hash').execute();
    const everything = JSON.stringify({ stored, tokens });
    // Before: sha256(userId:code) in sign_in_tokens, found by hashing all 10^6 codes.
    assert.ok(!everything.includes(hashToken(`${userId}:${code}`)));
    assert.ok(!everything.includes(code));
    assert.equal(stored.length, 1);
    const key = await db
      .selectFrom('clinics')
      .select('sign_in_key')
      .where('id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow();
    assert.equal(Buffer.from(key.sign_in_key ?? '', 'base64url').length, 32);
  });

  engine.test(
    'code requests are limited per account, per address and per clinic; the answer says when, and is the same for unknown emails',
    async () => {
      const { db, clinic, client } = await withPatient(engine);
      const ask = (email: string) => clinic.askCode(client, email);
      for (let i = 0; i < codeRequestLimits.account.max; i++) {
        assert.equal((await ask('pat@h.example')).status, 202);
        assert.equal((await ask('nobody@h.example')).status, 202);
      }
      const known = await ask('pat@h.example');
      const unknown = await ask('nobody@h.example');
      assert.equal(known.status, 429);
      assert.deepEqual(unknown.json, known.json, 'the same answer whether the account exists');
      assert.equal(known.headers.get('retry-after'), '3600');
      assert.equal(known.json.retryAfterSeconds, 3600);
      assert.match(String(known.json.detail), /ask for a new code in 60 minutes/);
      assert.equal(client.mail.length, codeRequestLimits.account.max, 'no mail past the limit');
      // Per address: many different emails from one address. The address has used 12 so far;
      // take it to one below its limit (the counter is the state), then two more emails.
      await db
        .updateTable('rate_limit_counters')
        .set({ hits: codeRequestLimits.ip.max - 1 })
        .where('bucket', '=', codeRequestLimits.ip.bucket)
        .execute();
      assert.equal((await ask('x1@h.example')).status, 202, 'the last one within the limit');
      assert.equal(
        (await ask('x2@h.example')).status,
        429,
        'one address cannot ask for every email',
      );
      // Parallel requests for one account count: at most the limit get through.
      const parallel = await Promise.all(
        Array.from({ length: 20 }, () => clinic.askCode(new TestClient(db), 'other@h.example')),
      );
      assert.ok((statuses(parallel)[202] ?? 0) <= codeRequestLimits.account.max);
      assert.ok(codeRequestLimits.clinic.max >= 100, 'a clinic-wide ceiling exists');
      // After the window the patient can ask again.
      client.clock = new Date(client.clock.getTime() + 3601_000);
      await db
        .deleteFrom('rate_limit_counters')
        .where('bucket', '=', codeRequestLimits.ip.bucket)
        .execute();
      assert.equal((await ask('pat@h.example')).status, 202);
    },
  );

  engine.test('wrong codes for an unknown email get the same answer as for a patient', async () => {
    const { clinic, client } = await withPatient(engine);
    const verify = (email: string) => clinic.verify(client, email, '123456');
    for (let i = 0; i < codeGuessLimits.account.max; i++)
      assert.deepEqual(
        (await verify('nobody@h.example')).json,
        (await verify('pat@h.example')).json,
      );
    const a = await verify('nobody@h.example');
    const b = await verify('pat@h.example');
    assert.equal(a.status, 429);
    assert.deepEqual(a.json, b.json);
  });

  engine.test(
    'staff passwords: 30 parallel tries count as 30, 5 are checked, then the right password waits',
    async () => {
      const { clinic, client } = await freshClinic(engine);
      await clinic.addUser('admin', 'ann@h.example');
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          clinic.signIn(client.fork(), 'ann@h.example', `guess number ${n}`),
        ),
      );
      // Before: 30 × 401 (every try checked), so an attacker's list was tried in full.
      assert.deepEqual(statuses(answers), {
        401: passwordLimits.account.max,
        429: 30 - passwordLimits.account.max,
      });
      const right = await clinic.signIn(client, 'ann@h.example');
      assert.equal(right.status, 429);
      assert.match(String(right.json.detail), /reset your password by email/);
    },
  );

  engine.test('staff passwords: one address spraying many accounts is stopped', async () => {
    const { clinic, client } = await freshClinic(engine);
    const answers = [];
    for (let n = 0; n <= passwordLimits.ip.max; n++)
      answers.push(await clinic.signIn(client, `user${n}@h.example`, 'Summer2026!!'));
    assert.deepEqual(statuses(answers), { 401: passwordLimits.ip.max, 429: 1 });
  });

  engine.test('an unknown email costs the same argon2 work as a wrong password', async () => {
    const { clinic, client } = await freshClinic(engine);
    await clinic.addUser('clinician', 'doc@h.example');
    const work = async (email: string) => {
      const before = passwordWork.verifications;
      const answer = await clinic.signIn(client, email, 'not the password');
      assert.equal(answer.status, 401);
      return passwordWork.verifications - before;
    };
    assert.equal(await work('doc@h.example'), 1);
    // Before: no verification at all for an unknown email (~5 ms against ~22 ms).
    assert.equal(await work('nobody@h.example'), 1);
  });

  engine.test(
    'a locked-out staff member resets the password by email and gets back in',
    async () => {
      const { db, clinic, client: laptop } = await freshClinic(engine);
      await clinic.addUser('admin', 'ann@h.example');
      const signIn = (client: TestClient, pw: string) => clinic.signIn(client, 'ann@h.example', pw);
      assert.equal((await signIn(laptop, password)).status, 200);
      const attacker = laptop.fork();
      for (let n = 0; n < passwordLimits.account.max; n++)
        await signIn(attacker, `guess ${n} guess`);
      assert.equal((await signIn(laptop.fork(), password)).status, 429, 'locked');

      const ask = (email: string) =>
        laptop.fork().post('/api/auth/password/reset-request', { clinic: clinic.slug, email });
      const unknown = await ask('nobody@h.example');
      const known = await ask('ann@h.example');
      assert.equal(known.status, 202);
      assert.deepEqual(unknown.json, known.json, 'the same answer for unknown emails');
      const mail = await db
        .selectFrom('outbox')
        .select(['to_address', 'body_text'])
        .where('kind', '=', 'password_reset')
        .execute();
      assert.equal(mail.length, 1);
      const link = /(http\S+reset-password#token=(\S+))/.exec(mail[0]?.body_text ?? '');
      assert.ok(link?.[2], 'a reset link in the email');
      // Built from the configured public URL (LAMINA_PUBLIC_URL), never from the request's Host.
      assert.ok(link[1]?.startsWith(`${testPublicUrl.href}console/reset-password`), link[1]);
      const token = link[2];
      const stored = await db
        .selectFrom('sign_in_tokens')
        .select('token_hash')
        .where('purpose', '=', 'password_reset')
        .execute();
      assert.ok(!JSON.stringify(stored).includes(token.split('.')[1] ?? '?'), 'stored hashed');

      const reset = (pw: string) =>
        laptop.fork().post('/api/auth/password/reset', { token, password: pw });
      const common = await reset('password1234');
      assert.equal(common.status, 400, 'a common password is refused');
      assert.match(String((common.json.errors as { message: string }[])[0]?.message), /common/);
      assert.equal((await reset('short')).status, 400);
      const done = await reset('a brand new long passphrase');
      assert.equal(done.status, 200, done.text);
      assert.equal((await reset('another new long passphrase')).status, 400, 'single use');
      assert.equal((await laptop.get('/api/auth/me')).status, 401, 'old sessions end');
      assert.equal((await signIn(laptop, 'a brand new long passphrase')).status, 200, 'back in');

      // A newer link replaces an older one, and links expire.
      await ask('ann@h.example');
      await ask('ann@h.example');
      const links = (
        await db
          .selectFrom('outbox')
          .select('body_text')
          .where('kind', '=', 'password_reset')
          .execute()
      ).map((m) => /#token=(\S+)/.exec(m.body_text)?.[1] ?? '');
      const [, older, newer] = links;
      assert.equal(
        (
          await laptop.fork().post('/api/auth/password/reset', {
            token: older,
            password: 'yet another long passphrase',
          })
        ).status,
        400,
      );
      // The app reads the clock of the client that made it (forks share it).
      laptop.clock = new Date(laptop.clock.getTime() + 31 * 60_000);
      const late = laptop.fork();
      assert.equal(
        (
          await late.post('/api/auth/password/reset', {
            token: newer,
            password: 'yet another long passphrase',
          })
        ).status,
        400,
        'expired after 30 minutes',
      );
    },
  );

  engine.test(
    'staff change their password with the current one; common ones are refused',
    async () => {
      const { db, clinic } = await freshClinic(engine);
      const client = await clinic.signedIn('clinician', 'doc@h.example');
      const change = (currentPassword: string, newPassword: string) =>
        client.post('/api/auth/password/change', { currentPassword, newPassword });
      const notCurrent = await change('not my password', 'a brand new long passphrase');
      assert.equal(notCurrent.status, 400);
      assert.equal((notCurrent.json.errors as { field: string }[])[0]?.field, 'currentPassword');
      assert.equal((await change(password, 'qwertyuiop123')).status, 400, 'common');
      assert.equal((await change(password, 'lamina12345')).status, 400, 'too short');
      assert.equal((await change(password, 'a brand new long passphrase')).status, 200);
      const fresh = await clinic.signIn(
        new TestClient(db),
        'doc@h.example',
        'a brand new long passphrase',
      );
      assert.equal(fresh.status, 200);
    },
  );

  engine.test(
    'a TOTP code works once, and a wrong password answers the same with or without TOTP',
    async () => {
      const { clinic, client } = await freshClinic(engine);
      const secret = newTotpSecret();
      await clinic.addUser('clinician', 'doc@h.example', secret);
      await clinic.addUser('clinician', 'nurse@h.example');
      const code = totpCode(base32Decode(secret), Math.floor(client.clock.getTime() / 1000));
      const body = { clinic: clinic.slug, email: 'doc@h.example', password, totp: code };
      assert.equal((await client.post('/api/auth/sign-in', body)).status, 200);
      const replay = await client.fork().post('/api/auth/sign-in', body);
      assert.equal(replay.status, 401, 'the same code again (seen over a shoulder) is refused');
      const withTotp = await client
        .fork()
        .post('/api/auth/sign-in', { ...body, password: 'wrong password here' });
      const without = await clinic.signIn(client.fork(), 'nurse@h.example', 'wrong password here');
      assert.deepEqual(withTotp.json, without.json);
      const next = client.fork();
      next.clock = new Date(client.clock.getTime() + 30_000);
      const nextCode = totpCode(base32Decode(secret), Math.floor(next.clock.getTime() / 1000));
      assert.equal((await next.post('/api/auth/sign-in', { ...body, totp: nextCode })).status, 200);
    },
  );

  engine.test(
    'a clinic requires TOTP for a role: a password-only session can only set it up',
    async () => {
      const { db, clinic, client: admin } = await freshClinic(engine);
      await clinic.addUser('admin', 'ann@h.example');
      await clinic.addUser('clinician', 'doc@h.example');
      await clinic.signIn(admin, 'ann@h.example');
      const policy = await admin.put('/api/clinic/mfa-policy', { requiredRoles: ['clinician'] });
      assert.equal(policy.status, 200, policy.text);
      assert.deepEqual(policy.json.inForce, ['clinician']);

      const doc = new TestClient(db);
      const signedIn = await clinic.signIn(doc, 'doc@h.example');
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.json.mfaSetupRequired, true);
      assert.equal((await doc.get('/api/patients')).status, 401, 'nothing else until TOTP is on');
      assert.equal((await doc.get('/api/auth/me')).json.mfaSetupRequired, true);
      const setup = await doc.post('/api/auth/totp/setup', {});
      assert.equal(setup.status, 200, setup.text);
      const code = totpCode(
        base32Decode(String(setup.json.secret)),
        Math.floor(doc.clock.getTime() / 1000),
      );
      const enabled = await doc.post('/api/auth/totp/enable', { password, code });
      assert.equal(enabled.status, 200, enabled.text);
      assert.equal((await doc.get('/api/patients')).status, 200);
      assert.equal((await admin.get('/api/patients')).status, 200, 'admins were not required');
    },
  );

  engine.test(
    'the server default requires TOTP for admins and reviewers (not --demo)',
    async () => {
      const { db, clinic } = await freshClinic(engine);
      await clinic.addUser('admin', 'ann@h.example');
      await clinic.addUser('care_manager', 'cm@h.example');
      const client = new TestClient(db, undefined, undefined, {
        mfaDefaultRoles: ['admin', 'reviewer'],
      });
      const signIn = async (email: string) =>
        (await clinic.signIn(client.fork(), email)).json as { mfaSetupRequired?: boolean };
      assert.equal((await signIn('ann@h.example')).mfaSetupRequired, true);
      assert.equal((await signIn('cm@h.example')).mfaSetupRequired, undefined);
    },
  );

  engine.test(
    'an idle staff session ends after 30 minutes; last_seen is written at most once a minute',
    async () => {
      const { db, clinic } = await freshClinic(engine);
      const nurse = await clinic.signedIn('care_manager', 'cm@h.example');
      const lastSeen = async () =>
        (
          await db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow()
        ).last_seen_at.getTime();
      const start = nurse.clock.getTime();
      nurse.clock = new Date(start + 30_000);
      assert.equal((await nurse.get('/api/auth/me')).status, 200);
      assert.equal(await lastSeen(), start, 'no write within the minute');
      nurse.clock = new Date(start + 20 * 60_000);
      assert.equal((await nurse.get('/api/auth/me')).status, 200);
      assert.equal(await lastSeen(), start + 20 * 60_000);
      nurse.clock = new Date(start + 49 * 60_000);
      assert.equal((await nurse.get('/api/auth/me')).status, 200, 'active: 29 minutes idle');
      nurse.clock = new Date(start + 80 * 60_000);
      assert.equal((await nurse.get('/api/auth/me')).status, 401, '31 minutes idle: ended');
    },
  );

  engine.test(
    'with LAMINA_AUTH_SECRET the whole database is not enough to check a code',
    async () => {
      const { db, clinic } = await freshClinic(engine);
      const userId = await clinic.addUser('patient', 'pat@h.example');
      const client = new TestClient(db, undefined, undefined, {
        authSecret: 'a server secret kept outside the database',
      });
      await clinic.askCode(client, 'pat@h.example');
      const code = lastCode(client, 'pat@h.example');
      const { sign_in_key } = await db
        .selectFrom('clinics')
        .select('sign_in_key')
        .where('id', '=', clinic.clinicId)
        .executeTakeFirstOrThrow();
      const { code_hmac } = await db
        .selectFrom('sign_in_codes')
        .select('code_hmac')
        .executeTakeFirstOrThrow();
      assert.notEqual(
        code_hmac,
        codeHmac(Buffer.from(sign_in_key ?? '', 'base64url'), userId, code),
        'the key in the database alone does not reproduce the stored HMAC',
      );
      const verified = await clinic.verify(client, 'pat@h.example', code);
      assert.equal(verified.status, 200);
    },
  );
});
