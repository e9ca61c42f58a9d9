import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { runInProcess } from '../cli/run-cli.test-helper.ts';
import { migrate } from '../db/migrate.ts';
import { type LaminaDatabase, openDatabase, postgresDatabase } from '../db/open.ts';
import { auditOf } from '../db/test-data.ts';
import { TestClient } from '../http/test-client.ts';
import { isTimeZone } from './create.ts';

const root = mkdtempSync(join(tmpdir(), 'lamina-clinic-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const postgresUrl = process.env.LAMINA_TEST_POSTGRES_URL?.trim() || undefined;

interface Target {
  args: string[];
  open(): Promise<LaminaDatabase>;
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = join(root, randomBytes(4).toString('hex'));
  return {
    args: ['--data-dir', dataDir],
    open: () => openDatabase({ engine: 'pglite', dataDir }, { onNotice: () => {} }),
  };
}

const schemas: string[] = [];
after(async () => {
  if (!postgresUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

async function postgresTarget(): Promise<Target> {
  if (!postgresUrl) throw new Error('LAMINA_TEST_POSTGRES_URL is not set');
  const schema = `lamina_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  schemas.push(schema);
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    args: ['--database-url', url],
    open: async () => {
      const database = postgresDatabase(postgresUrl, 2, { searchPath: schema });
      await migrate(database.db);
      return database;
    },
  };
}

const create = (target: Target, overrides: Record<string, string> = {}) => {
  const flags = {
    '--name': 'North Spine Clinic',
    '--slug': 'north-spine',
    '--time-zone': 'America/Los_Angeles',
    '--admin-email': 'Ana@North.example',
    '--admin-name': 'Ana Admin',
    ...overrides,
  };
  return runInProcess(['clinic', 'create', ...Object.entries(flags).flat(), ...target.args], {
    env: { LAMINA_PUBLIC_URL: 'https://lamina.north.example/' },
  });
};

for (const [name, target, skip] of [
  ['embedded database (PGlite)', pgliteTarget, false],
  ['PostgreSQL', postgresTarget, postgresUrl ? false : 'LAMINA_TEST_POSTGRES_URL is not set'],
] as const) {
  describe(`lamina clinic create on the ${name}`, () => {
    test('creates the clinic and its first admin; the setup link sets the password once; clinics stay apart', {
      skip,
    }, async () => {
      const t = await target();
      const result = await create(t);
      assert.equal(result.code, 0, result.stderr);
      const link = /https:\/\/lamina\.north\.example\/console\?invitation=(\S+)/.exec(
        result.stdout,
      );
      assert.ok(link?.[1], result.stdout);
      const token = decodeURIComponent(link[1]);
      assert.match(result.stdout, /Clinic "North Spine Clinic" created \(code: north-spine\)/);

      const again = await create(t, { '--name': 'Other' });
      assert.equal(again.code, 1);
      assert.equal(
        again.stderr,
        'lamina clinic: The clinic code "north-spine" is already taken.\n',
      );
      const second = await create(t, { '--slug': 'south-spine', '--name': 'South Spine' });
      assert.equal(second.code, 0, second.stderr);

      const database = await t.open();
      try {
        const { db } = database;
        const clinics = await db
          .selectFrom('clinics')
          .select(['id', 'slug', 'timezone', 'default_language'])
          .orderBy('slug')
          .execute();
        assert.deepEqual(
          clinics.map((c) => [c.slug, c.timezone, c.default_language]),
          [
            ['north-spine', 'America/Los_Angeles', 'en'],
            ['south-spine', 'America/Los_Angeles', 'en'],
          ],
        );
        const north = clinics[0]?.id ?? '';
        const admins = await db
          .selectFrom('users')
          .select(['clinic_id', 'email', 'role', 'password_hash'])
          .execute();
        assert.equal(admins.length, 2, 'one admin in each clinic');
        assert.ok(
          admins.every(
            (a) =>
              a.role === 'admin' && a.password_hash === null && a.email === 'ana@north.example',
          ),
        );
        const mail = await db
          .selectFrom('outbox')
          .select(['clinic_id', 'to_address', 'body_text', 'kind', 'channel'])
          .where('clinic_id', '=', north)
          .execute();
        assert.equal(mail.length, 1);
        assert.equal(mail[0]?.kind, 'staff_invite');
        assert.equal(mail[0]?.channel, 'email');
        assert.ok(mail[0]?.body_text.includes(link[0]), 'the email carries the same link');
        const audit = await auditOf(db, north).select(['action']).execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ['clinic.create'],
        );
        assert.ok(
          !(await db.selectFrom('sign_in_tokens').select('token_hash').execute()).some((r) =>
            token.includes(r.token_hash),
          ),
          'only the hash is stored',
        );

        const browser = new TestClient(db);
        const accepted = await browser.post('/api/auth/staff/accept-invitation', {
          token,
          password: 'a long enough password',
        });
        assert.equal(accepted.status, 200, accepted.text);
        const reused = await browser.post('/api/auth/staff/accept-invitation', {
          token,
          password: 'another long password',
        });
        assert.equal(reused.status, 400, 'the link works once');
        const signIn = await browser.post('/api/auth/sign-in', {
          clinic: 'north-spine',
          email: 'ana@north.example',
          password: 'a long enough password',
        });
        assert.equal(signIn.status, 200, signIn.text);
        const other = await browser.fork().post('/api/auth/sign-in', {
          clinic: 'south-spine',
          email: 'ana@north.example',
          password: 'a long enough password',
        });
        assert.equal(other.status, 401, 'the other clinic’s admin has no password yet');
      } finally {
        await database.close();
      }
    });

    test('a wrong slug or time zone is a one-line error with exit 2, and nothing is created', {
      skip,
    }, async () => {
      const t = await target();
      const badSlug = await create(t, { '--slug': 'North Spine!' });
      assert.equal(badSlug.code, 2);
      assert.match(
        badSlug.stderr,
        /^lamina clinic: --slug must be 2 to 63 lowercase letters.*\(got "North Spine!"\)\.\n$/,
      );
      const badZone = await create(t, { '--time-zone': 'Pacific Time' });
      assert.equal(badZone.code, 2);
      assert.equal(
        badZone.stderr,
        'lamina clinic: --time-zone must be an IANA time zone, like America/Los_Angeles (got "Pacific Time").\n',
      );
      const unknownZone = await create(t, { '--time-zone': 'Mars/Olympus_Mons' });
      assert.equal(unknownZone.code, 2);
      const missing = await runInProcess(['clinic', 'create', '--name', 'X', ...t.args]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--slug is required/);
      const database = await t.open();
      try {
        assert.equal((await database.db.selectFrom('clinics').select('id').execute()).length, 0);
      } finally {
        await database.close();
      }
    });
  });
}

test('time zones: IANA names only', () => {
  assert.deepEqual(
    ['America/Los_Angeles', 'Europe/Madrid', 'UTC', 'Pacific Time', 'Mars/Base', '../etc', ''].map(
      isTimeZone,
    ),
    [true, true, true, false, false, false, false],
  );
});
