import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  demoStaffPassword,
  desk,
  noAxeViolations,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  signOutStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// The care-team console end to end: real server (embedded database, pg-boss escalation), real
// Chromium for the nurse and, in a second browser, a demo patient. Tests run in order.
const {
  server,
  browsers: [, patientBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [desk, phone] });
const patient = patientBrowser.context;
let rosaId: string;
const password = demoStaffPassword;

let keys = 0;
async function submitCheckin(checkin: Record<string, unknown>) {
  const response = await patient.request.post(`${server.url}/api/patients/${rosaId}/checkins`, {
    data: { idempotencyKey: `console-test-${Date.now()}-${++keys}`, checkin },
  });
  assert.equal(response.status(), 201);
  return (await response.json()) as { decision: { level: string }; alert: { id: string } | null };
}

const levelsOnScreen = () =>
  page.locator('ol.alerts article').evaluateAll((cards) =>
    cards.map((c) => ({
      id: c.getAttribute('data-alert-id'),
      level: c.getAttribute('data-level'),
    })),
  );
const rank: Record<string, number> = { emergency: 0, urgent: 1, contact: 2 };

test('staff sign in at /console and land on the triage queue, red flags first', async () => {
  await page.goto(`${server.url}/console`);
  await page.waitForURL('**/console/signin');
  await page.getByRole('heading', { name: 'Care team sign-in' }).waitFor();
  await noAxeViolations(page, 'staff sign-in');
  await screenshot(page, 'console-signin');

  await signInDemoStaff(server, page, 'nurse@demo.example');
  await page.getByRole('heading', { name: 'Triage queue', level: 1 }).waitFor();
  await page.getByTestId('stream').getByText('Live').waitFor();
  await page.locator('ol.alerts article').first().waitFor();
  const cards = await levelsOnScreen();
  assert.ok(cards.length >= 2, 'the demo has open red flags');
  const ranks = cards.map((c) => rank[c.level ?? ''] ?? 9);
  assert.deepEqual(ranks, [...ranks].sort(), 'most urgent first, never reordered below calmer');
  assert.equal(cards[0]?.level, 'emergency');
  // A demo emergency is past its 5-minute deadline: it says so.
  await page.locator('article[data-level="emergency"]').first().getByTestId('overdue').waitFor();
  // Off-track patients are not in the red-flag queue.
  assert.equal(await page.locator('ol.alerts').getByText('Samuel Adeyemi').count(), 0);
});

test('a red-flag check-in from a patient in another browser appears live; the nurse acknowledges and resolves it', async () => {
  rosaId = await signInDemoPatient(server, patient.request, 'rosa@demo.example');
  const rosaCard = page.locator('article[data-level="emergency"]', { hasText: 'Rosa Martínez' });
  assert.equal(await rosaCard.count(), 0, 'Rosa has no open alert yet');
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  const appeared = rosaCard.waitFor({ timeout: 5_000 });
  const started = performance.now();
  const posted = await submitCheckin({ chestPain: 'yes' });
  await appeared;
  const latency = performance.now() - started;
  console.log(
    `live update: check-in POST to alert on the nurse's screen in ${latency.toFixed(0)} ms`,
  );
  assert.equal(posted.decision.level, 'emergency');
  assert.ok(posted.alert, 'the check-in raised an alert');
  // Live, without a reload: the card arrived while waiting above (bounded by its 5 s wait). The
  // "within a second" aim of issue 7 is measured in `npm run bench stream` (POST → event stream,
  // p50/p99), not here: a timed assertion fails on a busy 2-core machine (it did, at 1 033 ms).
  assert.equal(await rosaCard.getAttribute('data-alert-id'), posted.alert.id);
  assert.equal(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    true,
    'no page reload',
  );
  await page.getByTestId('announce').getByText('New emergency alert: Rosa Martínez.').waitFor();

  // Oldest first within a level: the new emergency is the last emergency, above every calmer one.
  const cards = await levelsOnScreen();
  const at = cards.findIndex((c) => c.id === posted.alert?.id);
  assert.ok(cards.slice(0, at).every((c) => c.level === 'emergency'));
  assert.ok(cards.slice(at + 1).every((c) => c.level !== 'emergency'));
  // What the nurse needs in one place: the finding, what the patient was told, the clock.
  await rosaCard.getByText('What the patient was told').waitFor();
  await rosaCard.getByText('Chest pain needs care right away. Call 911 now.').waitFor();
  await rosaCard.getByText(/day \d+ after surgery/).waitFor();
  await rosaCard.getByText('Acknowledge within').waitFor();
  const first = await rosaCard.locator('.countdown').innerText();
  await page.waitForFunction(
    ([id, before]) =>
      document.querySelector(`[data-alert-id="${id}"] .countdown`)?.textContent !== before,
    [posted.alert.id, first] as const,
  );
  await noAxeViolations(page, 'triage queue with a new emergency');
  await screenshot(page, 'console-queue');

  await rosaCard.getByLabel('Note (optional)').fill('Called patient, advised ER');
  await rosaCard.getByRole('button', { name: 'Acknowledge' }).click();
  await rosaCard.locator('[data-status="acknowledged"], .badge.acknowledged').first().waitFor();
  assert.equal(await rosaCard.getAttribute('data-status'), 'acknowledged');
  await rosaCard.getByText(/^Acknowledged /).waitFor();
  await rosaCard.getByLabel('Note (optional)').fill('Patient on the way to the ER');
  await rosaCard.getByRole('button', { name: 'Add note' }).click();
  await rosaCard.getByText('Patient on the way to the ER').waitFor();

  await rosaCard.getByRole('button', { name: 'Resolve' }).click();
  await rosaCard.waitFor({ state: 'detached' });

  const stored = (await (
    await page.request.get(`${server.url}/api/alerts/${posted.alert.id}`)
  ).json()) as {
    alert: { status: string };
    events: { kind: string; note: string | null }[];
  };
  assert.equal(stored.alert.status, 'resolved');
  assert.deepEqual(
    stored.events.map((e) => e.kind),
    ['created', 'acknowledged', 'note', 'resolved'],
  );
  assert.equal(stored.events[1]?.note, 'Called patient, advised ER');
});

test('an emergency nobody acknowledges escalates after the clinic’s shortened deadline', async () => {
  // The admin shortens the emergency deadline to 5 s and sets the on-call order (through the API).
  const admin = await patientBrowser.context.browser()?.newContext();
  const api = admin?.request ?? page.request;
  const idOf = async (email: string) => {
    assert.equal(
      (
        await api.post(`${server.url}/api/auth/sign-in`, {
          data: { clinic: 'demo', email, password },
        })
      ).status(),
      200,
    );
    return ((await (await api.get(`${server.url}/api/auth/me`)).json()) as { userId: string })
      .userId;
  };
  const surgeon = await idOf('surgeon@demo.example');
  const nurse = await idOf('nurse@demo.example');
  await idOf('admin@demo.example');
  const put = await api.put(`${server.url}/api/clinic/alert-settings`, {
    data: { ackDeadlines: { emergency: { seconds: 5 } }, onCall: [surgeon, nurse] },
  });
  assert.equal(put.status(), 200, await put.text());
  await admin?.close();
  if (!admin) await signInDemoStaff(server, page, 'nurse@demo.example');

  const posted = await submitCheckin({ bladderIncontinence: 'yes' });
  assert.equal(posted.decision.level, 'emergency');
  const card = page.locator(`[data-alert-id="${posted.alert?.id}"]`);
  await card.waitFor({ timeout: 5_000 });
  await card.getByText('Acknowledge within').waitFor();
  // The server's job queue checks every second; wait on the condition, not the clock.
  await card.getByTestId('escalated').waitFor({ timeout: 30_000 });
  await card.getByTestId('overdue').waitFor();
  await card.getByText(/past the deadline/).waitFor();
  assert.match(await card.getByTestId('escalated').innerText(), /Escalated \(step [1-9]/);
  await noAxeViolations(page, 'triage queue with an escalated alert');
});

test('the patient view shows the timeline, check-ins, charts and alert history', async () => {
  await page
    .locator('article[data-level="emergency"]', { hasText: 'Rosa Martínez' })
    .getByRole('link', { name: 'Rosa Martínez' })
    .click();
  await page.getByRole('heading', { name: 'Rosa Martínez', level: 1 }).waitFor();
  await page.locator('figure.chart svg').first().waitFor();
  assert.equal(await page.locator('figure.chart').count(), 3);
  assert.ok(
    (await page.locator('figure.chart').first().locator('.series circle').count()) >= 3,
    'pain points from the check-ins',
  );
  assert.ok((await page.locator('figure.chart').nth(2).locator('.series circle').count()) > 0);
  // Issue 17: red-flag days are marked, and the same numbers open as a table.
  const pain = page.locator('figure.chart').first();
  assert.ok((await pain.locator('.flag').count()) > 0, 'Rosa’s emergency days are marked');
  await pain.getByRole('button', { name: 'Show as a table' }).click();
  assert.ok((await pain.getByRole('table', { name: /Pain/ }).locator('tbody tr').count()) >= 2);
  assert.equal(await pain.getByRole('columnheader', { name: 'Red flag' }).count(), 1);
  const history = page.getByTestId('alert-history');
  assert.equal(await history.count(), 2, 'both of Rosa’s alerts, with their history');
  await history.getByText(/acknowledged \(.+\): Called patient, advised ER/).waitFor();
  await history.getByText('escalated to the next person on call').first().waitFor();
  await page.locator('#checkins tbody tr').first().waitFor();
  assert.ok(
    (await page.locator('#checkins tbody tr strong', { hasText: 'Emergency' }).count()) >= 2,
  );
  // A care manager sees the plan but does not change the surgeon's instructions.
  assert.equal(await page.getByRole('button', { name: /surgeon’s instructions/ }).count(), 0);
  await noAxeViolations(page, 'patient view');
  await screenshot(page, 'console-patient');
});

test('off-track, patients and inbox are separate, calm and accessible; a nurse takes a lead and assigns messages', async () => {
  await page.getByRole('link', { name: /^Off-track/ }).click();
  await page.getByRole('heading', { name: 'Off-track patients' }).waitFor();
  await page.getByText('Samuel Adeyemi').waitFor();
  assert.equal(await page.locator('article[data-level="emergency"]').count(), 0);
  // An open emergency elsewhere stays in sight on every other screen.
  await page.getByTestId('emergency-banner').waitFor();
  await noAxeViolations(page, 'off-track');
  await screenshot(page, 'console-off-track');

  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Rosa Martínez' }).waitFor();
  await noAxeViolations(page, 'patients');
  await screenshot(page, 'console-patients');

  // Rosa writes; the inbox counts it.
  const sent = await patient.request.post(`${server.url}/api/patients/${rosaId}/messages`, {
    data: { body: 'Is it normal that my incision itches?' },
  });
  assert.equal(sent.status(), 201);
  // Someone asks about surgery on the public page: a lead for the care team.
  const asked = await patient.request.post(`${server.url}/api/public/demo/candidacy`, {
    data: {
      answers: {
        region: 'lumbar',
        emergency: {
          newBladderOrBowelTrouble: false,
          saddleNumbness: true,
          rapidlyWorseningWeakness: false,
        },
      },
      contact: { name: 'Sam Lee', email: 'sam.lee@mail.example', consent: true },
    },
  });
  assert.equal(asked.status(), 201, await asked.text());
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  await page.getByText('1 unread').first().waitFor();
  await page.getByRole('heading', { name: 'People asking about surgery' }).waitFor();
  const rosaRow = page.locator('tr', { hasText: 'Rosa Martínez' });
  const selected = (select: ReturnType<Page['locator']>) =>
    select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? '');
  assert.equal(
    await selected(rosaRow.getByRole('combobox', { name: 'Assign Rosa Martínez to' })),
    'Not assigned',
  );

  // The nurse takes the lead with one click; the filter then shows only what is hers.
  const lead = page.locator('tr', { hasText: 'Sam Lee' });
  await lead.getByRole('button', { name: 'Assign to me: Sam Lee' }).click();
  await lead.getByRole('button', { name: 'Assign to me: Sam Lee' }).waitFor({ state: 'detached' });
  const leadOwner = lead.getByRole('combobox', { name: 'Assign Sam Lee to' });
  assert.match(await selected(leadOwner), /Nina Nurse .*\(you\)/);
  await page.getByLabel('Only what is assigned to me').check();
  await rosaRow.waitFor({ state: 'detached' });
  await lead.waitFor();
  await page.getByText('Nothing here is assigned to you.').waitFor();
  await page.getByLabel('Only what is assigned to me').uncheck();
  // Rosa's messages go to the surgeon, picked from the care team.
  await rosaRow
    .getByRole('combobox', { name: 'Assign Rosa Martínez to' })
    .selectOption({ label: 'Dr. Sam Surgeon' });
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('tr')]
        .find((row) => row.textContent?.includes('Rosa Martínez'))
        ?.querySelector('select')?.selectedOptions[0]?.text === 'Dr. Sam Surgeon',
  );
  const leads = (await (await page.request.get(`${server.url}/api/leads`)).json()) as {
    leads: { name: string; assignee: { name: string } | null }[];
  };
  assert.equal(
    leads.leads.find((l) => l.name === 'Sam Lee')?.assignee?.name,
    'Nina Nurse (care manager)',
  );
  const inbox = (await (await page.request.get(`${server.url}/api/messages/unread`)).json()) as {
    patients: { patientId: string; assignee: { name: string } | null }[];
  };
  assert.equal(
    inbox.patients.find((p) => p.patientId === rosaId)?.assignee?.name,
    'Dr. Sam Surgeon',
  );
  await noAxeViolations(page, 'inbox');
  await screenshot(page, 'console-inbox');
});

test('an admin sets deadlines, adds to and orders the on-call list, reads outcomes and changes the surgeon’s instructions', async () => {
  await signOutStaff(page);
  await signInDemoStaff(server, page, 'admin@demo.example');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Alert settings' }).waitFor();
  const emergency = page.getByRole('group', { name: 'Emergency' });
  assert.equal(await emergency.getByLabel('Within').inputValue(), '5');
  assert.equal(await emergency.getByLabel('Unit').inputValue(), 'seconds');
  const onCall = page.locator('ol.on-call li');
  assert.equal(await onCall.count(), 2);
  assert.match(await onCall.first().innerText(), /surgeon|Surgeon/);
  await page
    .getByRole('button', { name: /Move .* down/ })
    .first()
    .click();
  // Add the physical therapist from the care team, at the end of the list.
  await page.getByLabel('Person to add').selectOption({ label: 'Pat Therapist (PT) · clinician' });
  await page.getByRole('button', { name: 'Add to the on-call list' }).click();
  await onCall.nth(2).getByText('Pat Therapist (PT)').waitFor();
  assert.equal(
    await page
      .getByLabel('Person to add')
      .getByRole('option', { name: /Pat Therapist/ })
      .count(),
    0,
    'nobody is offered twice',
  );
  await emergency.getByLabel('Within').fill('20');
  await emergency.getByLabel('Unit').selectOption('minutes');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('alert').getByText('Emergency: at most 15 minutes.').waitFor();
  await emergency.getByLabel('Within').fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  const settings = (await (
    await page.request.get(`${server.url}/api/clinic/alert-settings`)
  ).json()) as {
    ackDeadlines: { emergency: { seconds: number } };
    onCall: { displayName: string }[];
  };
  assert.equal(settings.ackDeadlines.emergency.seconds, 180);
  assert.match(settings.onCall[1]?.displayName ?? '', /urgeon/i, 'the surgeon moved down');
  assert.equal(settings.onCall[2]?.displayName, 'Pat Therapist (PT)', 'the added person is last');
  await noAxeViolations(page, 'settings');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'console-settings');

  await page.getByRole('link', { name: 'Outcomes' }).click();
  await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
  assert.equal(
    await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'),
    '/api/outcomes.csv',
  );
  // A section per region and procedure, with its tables.
  await page.getByRole('heading', { name: 'Lower back (lumbar) · Laminectomy' }).waitFor();
  assert.ok((await page.locator('section.card table').count()) >= 3);
  await noAxeViolations(page, 'outcomes');
  await screenshot(page, 'console-outcomes');

  await page.goto(`${server.url}/console/patients/${rosaId}`);
  await page.getByRole('heading', { name: 'Rosa Martínez', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Change the surgeon’s instructions' }).click();
  await page
    .getByLabel(/Weight limit in lb/)
    .first()
    .fill('5');
  await noAxeViolations(page, 'editing the surgeon’s instructions');
  await page.getByRole('button', { name: 'Save instructions' }).click();
  await page.getByRole('status').getByText(/Saved/).waitFor();
  const surgeonSet = page.locator('#plan li[data-set-by="surgeon"]');
  await surgeonSet.first().waitFor();
  await surgeonSet.first().getByText('set by surgeon').waitFor();
  const plan = (await (
    await page.request.get(`${server.url}/api/patients/${rosaId}/plan`)
  ).json()) as { restrictions: { setBy: string; maxLoad?: { lb: number } }[] };
  assert.ok(plan.restrictions.some((r) => r.setBy === 'surgeon' && r.maxLoad?.lb === 5));
});

test('a reviewer sees only their cases; a patient never reaches the console', async () => {
  await signOutStaff(page);
  await signInDemoStaff(server, page, 'reviewer@demo.example');
  const menu = page.getByRole('navigation', { name: 'Console menu' });
  await menu.getByRole('link', { name: 'My cases' }).waitFor();
  assert.equal(await menu.getByRole('link').count(), 1);
  await page.getByRole('heading', { name: 'My cases', level: 1 }).waitFor();

  const patientPage = await patient.newPage();
  await patientPage.goto(`${server.url}/console`);
  await patientPage.getByRole('heading', { name: 'This is the care team console' }).waitFor();
  assert.equal(await patientPage.getByRole('navigation', { name: 'Console menu' }).count(), 0);
  await patientPage.close();
});
