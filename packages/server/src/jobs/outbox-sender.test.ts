import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../db/test-engines.ts';
import { seedClinic } from '../http/test-fixtures.ts';
import { retryDelayMinutes, sendOutbox, smtpDelivery } from './outbox-sender.ts';
import { smtpSink } from './smtp-sink.test-helper.ts';

forEachEngine((engine) => {
  engine.test(
    'the outbox sends each email once over SMTP, and keeps failures for a later retry',
    async () => {
      const { db } = await engine.open();
      const clinic = await seedClinic(db);
      const now = new Date('2026-11-20T15:00:00Z');
      for (const to of ['a@mail.example', 'b@mail.example']) {
        await db
          .insertInto('outbox')
          .values({
            clinic_id: clinic.clinicId,
            to_address: to,
            subject: 'Your code',
            body_text: 'Your sign-in code is 123456.',
            kind: 'patient_sign_in',
            next_attempt_at: now,
          })
          .execute();
      }
      const down = await smtpSink({ reject: true });
      try {
        assert.deepEqual(
          await sendOutbox(db, smtpDelivery(down.url, 'Lamina <no-reply@lamina.example>'), now),
          { sent: 0, failed: 2 },
        );
      } finally {
        await down.close();
      }
      const waiting = await db
        .selectFrom('outbox')
        .select(['attempts', 'last_error', 'next_attempt_at', 'sent_at'])
        .execute();
      assert.ok(
        waiting.every(
          (e) =>
            e.attempts === 1 &&
            e.sent_at === null &&
            /mailbox unavailable/.test(e.last_error ?? ''),
        ),
      );
      assert.ok(
        waiting.every((e) => e.next_attempt_at.getTime() === now.getTime() + 60_000),
        'retried after a minute',
      );

      const up = await smtpSink();
      try {
        const deliver = smtpDelivery(up.url, 'Lamina <no-reply@lamina.example>');
        assert.deepEqual(
          await sendOutbox(db, deliver, now),
          { sent: 0, failed: 0 },
          'not before the retry time',
        );
        const later = new Date(now.getTime() + 61_000);
        assert.deepEqual(await sendOutbox(db, deliver, later), { sent: 2, failed: 0 });
        assert.deepEqual(
          await sendOutbox(db, deliver, later),
          { sent: 0, failed: 0 },
          'never twice',
        );
        assert.equal(up.received.length, 2);
        assert.match(up.received[0] ?? '', /Your sign-in code is 123456\./);
      } finally {
        await up.close();
      }
    },
  );
});

test('retries back off from a minute up to an hour', () => {
  assert.deepEqual([1, 2, 3, 4, 7, 8, 20].map(retryDelayMinutes), [1, 2, 4, 8, 60, 60, 60]);
});
