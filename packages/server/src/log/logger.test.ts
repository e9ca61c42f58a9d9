import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forEachEngine } from '../db/test-engines.ts';
import type { TestClient } from '../http/test-client.ts';
import { aSignedInPatient } from '../http/test-fixtures.ts';
import { createLogger, errorFields, sanitizeMessage } from './logger.ts';

/** Health data a patient typed; it must never reach a log line. */
const marker = 'ZEBRA-7731-night-sweats-and-my-divorce';

/**
 * Fault injection as the owner: every new row of `table` fails a CHECK, and PostgreSQL's error
 * then carries the whole failing row in `detail` (and PGlite's also the query's `params`).
 */
async function failEveryInsert(db: Kysely<Database>, table: string) {
  await sql
    .raw(`alter table ${table} add constraint lamina_test_forced check (false) not valid`)
    .execute(db);
}

/** Everything the process writes to the console while `run` runs, as the old code logged with console.error. */
async function consoleDuring(run: () => Promise<void>): Promise<string> {
  const seen: string[] = [];
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const keep = (...args: unknown[]) => {
    seen.push(
      args
        .map((arg) =>
          arg instanceof Error ? `${arg.stack} ${JSON.stringify({ ...arg })}` : String(arg),
        )
        .join(' '),
    );
  };
  Object.assign(console, { error: keep, warn: keep, log: keep });
  try {
    await run();
  } finally {
    Object.assign(console, saved);
  }
  return seen.join('\n');
}

function onlyLine(logs: string[]) {
  assert.equal(logs.length, 1, `expected one log line, got ${logs.length}: ${logs.join('')}`);
  return JSON.parse(logs[0] ?? '') as Record<string, unknown> & { err: Record<string, unknown> };
}

forEachEngine((engine) => {
  engine.test(
    'a database error in a check-in is logged as one JSON line without what the patient wrote',
    async () => {
      const { db, admin, patientId, patient } = await aSignedInPatient(engine);
      await failEveryInsert(db, 'checkins');
      admin.logs.length = 0;

      let response: Awaited<ReturnType<TestClient['post']>> | undefined;
      const printed = await consoleDuring(async () => {
        response = await patient.post(`/api/patients/${patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          checkin: { axialPain: 3, limbPain: 2, painControlled: 'yes', note: marker },
        });
      });
      assert.equal(response?.status, 500, response?.text);
      const requestId = response?.json.requestId;
      assert.match(String(requestId), /^[0-9a-f-]{36}$/);
      assert.equal(response?.headers.get('x-request-id'), requestId);

      const everything = `${admin.logs.join('')}\n${printed}`;
      assert.ok(
        !everything.includes(marker),
        `the patient's words reached the log:\n${everything}`,
      );
      assert.ok(!everything.includes('Failing row'), 'the failing row reached the log');
      const line = onlyLine(admin.logs);
      assert.equal(line.level, 'error');
      assert.equal(line.requestId, requestId);
      assert.equal(line.route, '/api/patients/:patientId/checkins');
      assert.equal(line.method, 'POST');
      assert.equal(line.err.sqlState, '23514');
      assert.equal(line.err.constraint, 'lamina_test_forced');
      assert.equal(line.err.table, 'checkins');
      assert.equal(typeof line.err.type, 'string');
      assert.equal(
        line.err.message,
        'new row for relation "checkins" violates check constraint "lamina_test_forced"',
      );
      for (const forbidden of ['detail', 'params', 'query', 'where', 'internalQuery']) {
        assert.ok(!(forbidden in line.err), `${forbidden} is logged`);
      }
    },
  );

  engine.test(
    'a failed message send logs neither the message nor the patient’s email',
    async () => {
      const { db, admin, patientId, email, patient } = await aSignedInPatient(engine);
      await failEveryInsert(db, 'messages');
      admin.logs.length = 0;
      const printed = await consoleDuring(async () => {
        const response = await patient.post(`/api/patients/${patientId}/messages`, {
          body: marker,
        });
        assert.equal(response.status, 500, response.text);
      });
      const everything = `${admin.logs.join('')}\n${printed}`;
      assert.ok(!everything.includes(marker), everything);
      assert.ok(!everything.includes(email), everything);
      const line = onlyLine(admin.logs);
      assert.equal(line.route, '/api/patients/:patientId/messages');
      assert.equal(typeof line.requestId, 'string');
    },
  );

  engine.test('a failed sign-in code logs no token hash and no email', async () => {
    const { db, clinic, admin, email } = await aSignedInPatient(engine);
    // What a code collision did: the unique violation's detail held the token hash.
    await failEveryInsert(db, 'sign_in_codes'); // where patient codes live since migration 012
    admin.logs.length = 0;
    const printed = await consoleDuring(async () => {
      const response = await admin
        .fork()
        .post('/api/auth/patient/code', { clinic: clinic.slug, email });
      assert.equal(response.status, 500, response.text);
    });
    const everything = `${admin.logs.join('')}\n${printed}`;
    assert.doesNotMatch(everything, /[0-9a-f]{64}/, 'a token hash reached the log');
    assert.ok(!everything.includes(email), everything);
    assert.equal(onlyLine(admin.logs).route, '/api/auth/patient/code');
  });
});

test('sanitizeMessage keeps object names and drops values, emails, tokens and long numbers', () => {
  assert.equal(
    sanitizeMessage('duplicate key value violates unique constraint "sign_in_tokens_pkey"'),
    'duplicate key value violates unique constraint "sign_in_tokens_pkey"',
  );
  assert.equal(
    sanitizeMessage('invalid input syntax for type uuid: "my back hurts"'),
    'invalid input syntax for type uuid: "[value]"',
  );
  assert.equal(sanitizeMessage("value 'a''b' is bad\nsecond line"), 'value "[value]" is bad');
  assert.equal(sanitizeMessage('550 <rosa.diaz@mail.example> rejected'), '550 <[email]> rejected');
  assert.equal(sanitizeMessage(`token ${'ab12'.repeat(16)} used`), 'token [hex] used');
  assert.equal(sanitizeMessage('code 123456 sent'), 'code [number] sent');
  const id = randomUUID();
  assert.equal(sanitizeMessage(`alert ${id} escalated`), `alert ${id} escalated`);
});

test('errorFields and the logger leave out everything but the safe fields', () => {
  const error = Object.assign(new Error('new row violates check constraint "x"'), {
    code: '23514',
    detail: `Failing row contains (${marker}).`,
    params: [marker],
    query: 'insert into t values ($1)',
    table: 'checkins',
  });
  assert.deepEqual(Object.keys(errorFields(error)).sort(), [
    'message',
    'sqlState',
    'stack',
    'table',
    'type',
  ]);
  const lines: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => lines.push(line) } });
  log.error(
    {
      err: error,
      email: 'x@y.example',
      body: { note: marker },
      user: { password: 'p', token: 't' },
    },
    'failed',
  );
  const text = lines.join('');
  assert.ok(!text.includes(marker), text);
  assert.ok(!text.includes('x@y.example'), text);
  const parsed = JSON.parse(text);
  assert.equal(parsed.user.password, '[redacted]');
  assert.equal(parsed.user.token, '[redacted]');
  assert.equal(parsed.msg, 'failed');
});
