import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateClinic } from '../db/test-data.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { seedClinic } from '../http/test-fixtures.ts';
import {
  QuotaExceeded,
  releaseStorage,
  reserveStorage,
  storageUsed,
  uploadQuotaDefaults,
  uploadQuotasFromEnv,
} from './quota.ts';

test('quota settings: whole megabytes from the environment, defaults otherwise, a bad value named', () => {
  assert.deepEqual(uploadQuotasFromEnv({}), uploadQuotaDefaults);
  assert.deepEqual(uploadQuotasFromEnv({ LAMINA_UPLOAD_QUOTA_TOKEN_MB: ' 50 ' }), {
    ...uploadQuotaDefaults,
    tokenBytes: 50 * 1024 * 1024,
  });
  for (const bad of ['0', '-5', '1.5', '2GB', '99999999'])
    assert.throws(
      () => uploadQuotasFromEnv({ LAMINA_UPLOAD_QUOTA_REQUEST_MB: bad }),
      /^RangeError: LAMINA_UPLOAD_QUOTA_REQUEST_MB: expected whole megabytes/,
    );
});

/** A fresh database with one seeded clinic. */
async function aClinic(engine: TestEngine) {
  const { db } = await engine.open();
  const clinic = await seedClinic(db);
  return { db, clinic, clinicId: clinic.clinicId };
}

forEachEngine((engine) => {
  engine.test(
    'parallel reservations never pass a limit: 20 × 100 bytes against 1000, exactly 10 counted',
    async () => {
      const { db, clinicId } = await aClinic(engine);
      const charge = { scope: 'token', key: 'token-hash', limit: 1000, bytes: 100 } as const;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => reserveStorage(db, clinicId, [charge])),
      );
      const taken = results.filter((result) => result.status === 'fulfilled').length;
      assert.equal(taken, 10);
      for (const result of results)
        if (result.status === 'rejected') assert.ok(result.reason instanceof QuotaExceeded);
      assert.equal(await storageUsed(db, clinicId, 'token', 'token-hash'), 1000);
    },
  );

  engine.test(
    'all scopes or none: a full request takes nothing from the token or the clinic',
    async () => {
      const { db, clinicId } = await aClinic(engine);
      const charges = (bytes: number) =>
        [
          { scope: 'token', key: 't', limit: 1000, bytes },
          { scope: 'request', key: 'r', limit: 250, bytes },
          { scope: 'clinic', key: '', bytes: bytes * 2 },
        ] as const;
      await reserveStorage(db, clinicId, charges(200));
      await assert.rejects(
        reserveStorage(db, clinicId, charges(100)),
        (error: unknown) => error instanceof QuotaExceeded && error.scope === 'request',
      );
      assert.equal(await storageUsed(db, clinicId, 'token', 't'), 200);
      assert.equal(await storageUsed(db, clinicId, 'request', 'r'), 200);
      assert.equal(await storageUsed(db, clinicId, 'clinic', ''), 400);
      // A file that was not kept gives its bytes back.
      await releaseStorage(db, clinicId, charges(200));
      assert.equal(await storageUsed(db, clinicId, 'request', 'r'), 0);
      assert.equal(await storageUsed(db, clinicId, 'clinic', ''), 0);
      // One file larger than a whole limit is refused even on an empty counter.
      await assert.rejects(reserveStorage(db, clinicId, charges(300)), QuotaExceeded);
      // Inside a caller's transaction that goes on after the refusal: still nothing taken.
      await db.transaction().execute(async (trx) => {
        await reserveStorage(trx, clinicId, charges(200));
        await assert.rejects(reserveStorage(trx, clinicId, charges(100)), QuotaExceeded);
      });
      assert.equal(await storageUsed(db, clinicId, 'token', 't'), 200);
      assert.equal(await storageUsed(db, clinicId, 'clinic', ''), 400);
    },
  );

  engine.test(
    "the clinic's limit is its own setting, read in the same statement, and clinics do not share counters",
    async () => {
      const { db, clinic: small } = await aClinic(engine);
      const other = await seedClinic(db);
      await updateClinic(db, small.clinicId, { imaging_quota_bytes: 500 });
      const clinicCharge = (bytes: number) => [{ scope: 'clinic', key: '', bytes }] as const;
      await reserveStorage(db, small.clinicId, clinicCharge(400));
      await assert.rejects(
        reserveStorage(db, small.clinicId, clinicCharge(200)),
        (error: unknown) => error instanceof QuotaExceeded && error.scope === 'clinic',
      );
      await reserveStorage(db, other.clinicId, clinicCharge(200));
      assert.equal(await storageUsed(db, small.clinicId, 'clinic', ''), 400);
      assert.equal(await storageUsed(db, other.clinicId, 'clinic', ''), 200);
      // Parallel clinic charges against the setting: 10 × 30 bytes into the 100 left, 3 fit.
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => reserveStorage(db, small.clinicId, clinicCharge(30))),
      );
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 3);
      assert.equal(await storageUsed(db, small.clinicId, 'clinic', ''), 490);
    },
  );
});
