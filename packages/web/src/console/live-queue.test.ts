import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  phone,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 14: the live queue reads both lists once when its stream opens, then one card per event.
const {
  server,
  browsers: [_staffBrowser, patientBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone, phone] });

test('N alert events cause N single-card reads and no full-list, old-queue or patient-list reads', async () => {
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) requests.push(`${url.pathname}${url.search}`);
  });
  await signInDemoStaff(server, page, 'nurse@demo.example');
  await page.getByTestId('stream').getByText('Live').waitFor();
  await page.locator('ol.alerts article').first().waitFor();
  assert.equal(
    requests.filter((r) => r === '/api/alerts/queue').length,
    1,
    'one full read when the stream opens',
  );

  // Idle for longer than the old 30 s backstop: no audited read at all (before: two full lists).
  requests.length = 0;
  await page.waitForTimeout(31_000);
  assert.deepEqual(
    requests.filter((r) => r.startsWith('/api/alerts')),
    [],
    'an idle live tab reads nothing',
  );

  const patient = patientBrowser.context;
  const rosaId = await signInDemoPatient(server, patient.request, 'rosa@demo.example');
  requests.length = 0;
  const n = 3;
  const alertIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const response = await patient.request.post(`${server.url}/api/patients/${rosaId}/checkins`, {
      data: { idempotencyKey: `live-queue-test-${Date.now()}-${i}`, checkin: { chestPain: 'yes' } },
    });
    assert.equal(response.status(), 201);
    alertIds.push(((await response.json()) as { alert: { id: string } }).alert.id);
  }
  for (const id of alertIds) await page.locator(`article[data-alert-id="${id}"]`).waitFor();
  await page.waitForTimeout(500);

  const cardReads = requests.filter((r) => /^\/api\/alerts\/[0-9a-f-]{36}\/card\?stream=/.test(r));
  assert.equal(cardReads.length, n, `one card read per event: ${requests.join(', ')}`);
  assert.deepEqual(
    requests.filter((r) => r.startsWith('/api/alerts/queue') || r.startsWith('/api/alerts?')),
    [],
    'no full-list reads',
  );
  assert.deepEqual(
    requests.filter((r) => r.startsWith('/api/patients')),
    [],
    'no patient list for the queue',
  );
  // The new emergencies are the last emergencies, above every calmer card (the server's order).
  const levels = await page
    .locator('ol.alerts article')
    .evaluateAll((cards) =>
      cards.map((c) => [c.getAttribute('data-alert-id'), c.getAttribute('data-level')]),
    );
  const lastEmergency = levels.map((l) => l[1]).lastIndexOf('emergency');
  assert.deepEqual(
    levels.slice(lastEmergency - n + 1, lastEmergency + 1).map((l) => l[0]),
    alertIds,
  );

  // Measure: bytes of one full refresh, before (two lists + patients) and after (one answer).
  const size = async (path: string) =>
    (await (await page.request.get(`${server.url}${path}`)).body()).length;
  const redFlags = await size('/api/alerts');
  const offTrack = await size('/api/alerts?list=off-track');
  const patients = await size('/api/patients');
  const before = redFlags + offTrack;
  const afterBytes = await size('/api/alerts/queue');
  const card = await size(`/api/alerts/${alertIds[0]}/card`);
  console.log(
    `queue refresh on the demo clinic: before ${before} bytes (red flags ${redFlags} + off-track ${offTrack}; plus ${patients} for /api/patients when a new patient appeared), after ${afterBytes} bytes (one request, surgery dates included); one card ${card} bytes`,
  );
  assert.ok(afterBytes < before);
});
