import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { LaminaDatabase } from '../db/open.ts';
import { forEachEngine, type TestEngine } from '../db/test-engines.ts';
import { TestClient, testFiles } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  type SeededClinic,
  seedClinic,
  signInStaff,
} from '../http/test-fixtures.ts';
import { type ExportLimits, exportFileKey, runExportJob } from './export.ts';
import { ExportJobs } from './export-jobs.ts';
import { systemToken } from './smart.test-helper.ts';
import { fhirErrors } from './validator.test-helper.ts';

/**
 * Bulk Data export (FHIR Bulk Data Access 2.0) through the job queue: kick-off, status, files,
 * cancel, Patient-level export, _type and _since, and a job that outlives the process that queued it.
 */

interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: unknown[];
}

const async = { prefer: 'respond-async', accept: 'application/fhir+json' };

/** Polls the status address as a Bulk Data client would, until the manifest (or 3 minutes: a loaded machine). */
async function waitForManifest(client: TestClient, status: string, auth: Record<string, string>) {
  const path = new URL(status).pathname;
  const deadline = Date.now() + 180_000;
  const progress: string[] = [];
  while (Date.now() < deadline) {
    const answer = await client.request('GET', path, undefined, auth);
    if (answer.status === 200) return { manifest: answer.json as unknown as Manifest, progress };
    assert.equal(answer.status, 202, answer.text);
    assert.ok(answer.headers.get('retry-after'), 'Retry-After while running');
    progress.push(answer.headers.get('x-progress') ?? '');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the export did not finish in 3 minutes');
}

async function readFiles(client: TestClient, manifest: Manifest, auth: Record<string, string>) {
  const byType = new Map<string, Resource[]>();
  for (const entry of manifest.output) {
    const answer = await client.request('GET', new URL(entry.url).pathname, undefined, auth);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.headers.get('content-type'), 'application/fhir+ndjson');
    const lines = answer.text.split('\n').filter((line) => line.length > 0);
    assert.equal(lines.length, entry.count, `${entry.url} holds the count the manifest gives`);
    const resources = lines.map((line) => JSON.parse(line) as Resource);
    for (const resource of resources) assert.equal(resource.resourceType, entry.type);
    byType.set(entry.type, [...(byType.get(entry.type) ?? []), ...resources]);
  }
  return byType;
}

/** A fresh database with a clinic, its signed-in admin and a running export queue, stopped after `body`. */
async function withExportQueue(
  engine: TestEngine,
  limits: ExportLimits | undefined,
  body: (world: {
    db: LaminaDatabase['db'];
    jobs: ExportJobs;
    clinic: SeededClinic;
    admin: TestClient;
  }) => Promise<void>,
) {
  const database = await engine.open();
  const jobs = await ExportJobs.start(database, testFiles, {
    log: () => {},
    pollingSeconds: 0.5,
    ...(limits ? { limits } : {}),
  });
  try {
    const clinic = await seedClinic(database.db);
    const admin = new TestClient(database.db, new Date(), undefined, {
      exportJobs: jobs,
      now: () => new Date(),
    });
    await signInStaff(admin, clinic, 'admin');
    await body({ db: database.db, jobs, clinic, admin });
  } finally {
    await jobs.stop();
  }
}

forEachEngine((engine) => {
  engine.test(
    'a system client exports the clinic through the job queue: 202, progress, manifest, NDJSON in parts, valid FHIR',
    () =>
      // Small pages and parts, so several of each are written.
      withExportQueue(
        engine,
        { pageSize: 2, partLines: 3, partBytes: 1_000_000 },
        async ({ db, clinic, admin }) => {
          const patients = [];
          for (let i = 0; i < 3; i++) {
            const me = await enrolAndSignIn(admin, clinic);
            const posted = await me.client.post(`/api/patients/${me.patientId}/checkins`, {
              idempotencyKey: randomUUID(),
              checkin: { axialPain: 2 + i, limbPain: 1, walkingMinutes: 10 * (i + 1) },
            });
            assert.equal(posted.status, 201, posted.text);
            patients.push(me.patientId);
          }
          const { token } = await systemToken(admin, ['system/*.rs']);
          const auth = { authorization: `Bearer ${token}` };

          const kickOff = await admin.request('GET', '/fhir/r4/$export', undefined, {
            ...auth,
            ...async,
          });
          assert.equal(kickOff.status, 202, kickOff.text);
          const status = kickOff.headers.get('content-location') ?? '';
          assert.match(
            status,
            /^https:\/\/lamina\.test\/fhir\/r4\/\$export-status\/[0-9a-f-]{36}$/,
          );
          const { manifest } = await waitForManifest(admin, status, auth);
          assert.equal(manifest.requiresAccessToken, true);
          assert.deepEqual(manifest.error, []);
          assert.ok(
            manifest.output.filter((o) => o.type === 'Patient').length >= 1 &&
              manifest.output.length > new Set(manifest.output.map((o) => o.type)).size,
            'a type with more lines than a part fills several files',
          );
          const byType = await readFiles(admin, manifest, auth);
          assert.deepEqual(
            (byType.get('Patient') ?? []).map((p) => p.id).sort(),
            [...patients].sort(),
          );
          assert.equal(byType.get('QuestionnaireResponse')?.length, 3);
          const axial = (byType.get('Observation') ?? []).filter((o) =>
            (o as { code?: { coding?: { code?: string }[] } }).code?.coding?.some(
              (c) => c.code === 'axialPain',
            ),
          );
          assert.deepEqual(
            axial
              .map((o) => (o as { valueQuantity?: { value?: number } }).valueQuantity?.value)
              .sort(),
            [2, 3, 4],
            'the back pain each patient entered is an Observation',
          );
          for (const [, resources] of byType)
            for (const resource of resources)
              assert.deepEqual(fhirErrors(resource), [], `${resource.resourceType}/${resource.id}`);
          // The files are the clinic's, in the file store.
          const exportId = status.split('/').pop() ?? '';
          const first = manifest.output[0];
          assert.ok(first);
          assert.ok(
            await testFiles.exists(
              exportFileKey(
                clinic.clinicId,
                exportId,
                new URL(first.url).pathname.split('/').pop() ?? '',
              ),
            ),
          );
          // Another clinic's client finds nothing of it.
          const other = await seedClinic(db);
          const otherAdmin = new TestClient(db, new Date(), undefined, { now: () => new Date() });
          await signInStaff(otherAdmin, other, 'admin');
          const theirs = await systemToken(otherAdmin, ['system/*.rs']);
          const peek = await otherAdmin.request('GET', new URL(status).pathname, undefined, {
            authorization: `Bearer ${theirs.token}`,
          });
          assert.equal(peek.status, 404);
          assert.equal(peek.json.resourceType, 'OperationOutcome');
        },
      ),
  );

  engine.test(
    'Patient/$export gives the patients and what is about them; _type and _since are honoured; bad requests are OperationOutcomes',
    () =>
      withExportQueue(engine, undefined, async ({ db, jobs, clinic, admin }) => {
        const me = await enrolAndSignIn(admin, clinic);
        await me.client.post(`/api/patients/${me.patientId}/checkins`, {
          idempotencyKey: randomUUID(),
          checkin: { axialPain: 4, limbPain: 1 },
        });
        const staffOnly = { ...async };
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
        const kickOff = await admin.request(
          'GET',
          `/fhir/r4/Patient/$export?_type=Patient,Observation&_since=${encodeURIComponent(tomorrow)}`,
          undefined,
          staffOnly,
        );
        assert.equal(kickOff.status, 202, kickOff.text);
        const { manifest } = await waitForManifest(
          admin,
          kickOff.headers.get('content-location') ?? '',
          {},
        );
        // Nothing was reported after tomorrow; a patient keeps no change time, so is always given.
        assert.deepEqual(
          manifest.output.map((o) => o.type),
          ['Patient'],
        );
        const refusals: [string, Record<string, string>, number, string][] = [
          ['/fhir/r4/Patient/$export?_type=Practitioner', staffOnly, 400, '_type'],
          ['/fhir/r4/$export?_type=Banana', staffOnly, 400, '_type'],
          ['/fhir/r4/$export?_elements=id', staffOnly, 400, '_elements'],
          ['/fhir/r4/$export?_since=yesterday', staffOnly, 400, '_since'],
          ['/fhir/r4/$export', {}, 400, 'respond-async'],
        ];
        for (const [path, headers, status, names] of refusals) {
          const answer = await admin.request('GET', path, undefined, headers);
          assert.equal(answer.status, status, `${path}: ${answer.text}`);
          assert.equal(answer.json.resourceType, 'OperationOutcome');
          assert.ok(answer.text.includes(names), `${path} names ${names}: ${answer.text}`);
        }
        // A clinician may read patients but not export the clinic.
        const clinician = new TestClient(db, new Date(), undefined, { exportJobs: jobs });
        await signInStaff(clinician, clinic, 'clinician');
        assert.equal(
          (await clinician.request('GET', '/fhir/r4/Patient/$export', undefined, async)).status,
          403,
        );
        // A server that runs no export jobs says so instead of accepting work it cannot do.
        const noJobs = new TestClient(db, new Date());
        await signInStaff(noJobs, clinic, 'admin');
        const refused = await noJobs.request('GET', '/fhir/r4/$export', undefined, async);
        assert.equal(refused.status, 503);
        assert.equal(refused.json.resourceType, 'OperationOutcome');
      }),
  );

  engine.test(
    'a queued export outlives the process that queued it; DELETE cancels an export and removes its files',
    async () => {
      const database = await engine.open();
      // The first process polls rarely: it queues the export and stops before running it.
      const first = await ExportJobs.start(database, testFiles, {
        log: () => {},
        pollingSeconds: 60,
      });
      const { db } = database;
      const clinic = await seedClinic(db);
      const admin = new TestClient(db, new Date(), undefined, {
        exportJobs: first,
        now: () => new Date(),
      });
      await signInStaff(admin, clinic, 'admin');
      await enrolAndSignIn(admin, clinic);
      const kickOff = await admin.request(
        'GET',
        '/fhir/r4/$export?_type=Patient',
        undefined,
        async,
      );
      assert.equal(kickOff.status, 202, kickOff.text);
      const status = kickOff.headers.get('content-location') ?? '';
      await first.stop();
      const queued = await admin.request('GET', new URL(status).pathname);
      assert.equal(queued.status, 202);
      assert.equal(queued.headers.get('x-progress'), 'queued');
      // Another process (a restart, another worker) runs it.
      const second = await ExportJobs.start(database, testFiles, {
        log: () => {},
        pollingSeconds: 0.5,
      });
      try {
        const { manifest } = await waitForManifest(admin, status, {});
        assert.equal(manifest.output[0]?.count, 1);
        const file = new URL(manifest.output[0]?.url ?? '').pathname;
        const exportId = status.split('/').pop() ?? '';
        const key = exportFileKey(clinic.clinicId, exportId, file.split('/').pop() ?? '');
        assert.ok(await testFiles.exists(key));
        // Cancelled after it finished: the files go, the status and files answer 404.
        const cancelled = await admin.request('DELETE', new URL(status).pathname);
        assert.equal(cancelled.status, 202, cancelled.text);
        assert.equal(await testFiles.exists(key), false);
        assert.equal((await admin.request('GET', new URL(status).pathname)).status, 404);
        assert.equal((await admin.request('GET', file)).status, 404);
        assert.equal((await admin.request('DELETE', new URL(status).pathname)).status, 404);
      } finally {
        await second.stop();
      }
      // Cancelled before it ran: the job finds it cancelled and writes nothing.
      const idle = new TestClient(db, new Date(), undefined, {
        exportJobs: { enqueue: async () => {} },
        now: () => new Date(),
      });
      await signInStaff(idle, clinic, 'admin');
      const later = await idle.request('GET', '/fhir/r4/$export?_type=Patient', undefined, async);
      const laterId = (later.headers.get('content-location') ?? '').split('/').pop() ?? '';
      assert.equal(
        (await idle.request('DELETE', `/fhir/r4/$export-status/${laterId}`)).status,
        202,
      );
      assert.equal(
        (
          await runExportJob(
            db,
            testFiles,
            { clinicId: clinic.clinicId, exportId: laterId },
            () => new Date(),
          )
        ).status,
        'cancelled',
      );
      assert.equal(
        await testFiles.exists(exportFileKey(clinic.clinicId, laterId, 'Patient-1.ndjson')),
        false,
      );
    },
  );
});
