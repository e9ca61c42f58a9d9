import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  desk,
  noAxeViolations,
  phone,
  screenshot,
  shortCandidacyCheck,
  signInDemoStaff,
  signOutStaff,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// The clinic's front door end to end: a visitor in one browser, a care manager in another, the
// real server (`lamina serve --demo`) between them. Tests run in order.
const {
  server,
  pages: [visitor, nurse],
} = await startBrowserTest({ browsers: [phone, desk] });

test('insurance check round trip: from the candidacy result to the console and back to the status page', async () => {
  // A short candidacy check (only the region answered) still ends on a result with the offers.
  await shortCandidacyCheck(server, visitor);
  for (const offer of [
    'Request a consultation',
    'Free MRI/CT review',
    'Check my insurance',
    'Get an info kit',
    'Call me back',
  ])
    await visitor.getByRole('link', { name: offer }).waitFor();
  await visitor.getByRole('link', { name: 'Check my insurance' }).click();
  await visitor.waitForURL(/\/request\/insurance\?clinic=demo&assessment=[0-9a-f-]{36}/);
  await visitor.getByRole('heading', { name: 'Check my insurance', level: 1 }).waitFor();
  await visitor.getByText('Your answers from the check will be added').waitFor();
  await noAxeViolations(visitor, 'insurance request form');

  // Sending without consent is refused in plain words, before anything leaves the browser.
  await visitor.getByLabel('Your name').fill('Vera Visitor');
  await visitor.getByLabel('Email').fill('vera@example.org');
  await visitor.getByLabel('Insurance company').fill('Acme Health');
  await visitor.getByLabel('Plan name').fill('Gold PPO');
  await visitor.getByLabel('Member ID (on your insurance card)').fill('AC-99812');
  await visitor.getByRole('button', { name: 'Send request' }).click();
  await visitor.getByRole('alert').getByText('Please tick the box').waitFor();
  await visitor.getByRole('checkbox', { name: /may contact me/ }).check();
  await visitor.getByRole('button', { name: 'Send request' }).click();

  await visitor.waitForURL(/\/request-status\/[0-9a-f-]{36}\?clinic=demo#token=/);
  await visitor.getByRole('heading', { name: 'Your request' }).waitFor();
  assert.equal(await visitor.getByTestId('request-status').textContent(), 'Received');
  await visitor.getByText('We are still checking your insurance.').waitFor();
  await noAxeViolations(visitor, 'request status page');
  const statusUrl = visitor.url();

  // The care manager finds it in the console queue and records the outcome.
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  await nurse.getByRole('link', { name: 'Requests' }).click();
  await nurse.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
  const table = nurse.getByTestId('requests-table');
  await table.waitFor();
  // The demo's red-flag call back tops the queue.
  assert.equal(await table.locator('tbody tr').first().getAttribute('data-urgent'), 'true');
  await noAxeViolations(nurse, 'console requests');
  await screenshot(nurse, '40-console-requests');
  await nurse.getByRole('button', { name: 'Open request from Vera Visitor' }).click();
  await nurse.getByRole('heading', { name: 'Insurance check from Vera Visitor' }).waitFor();
  await nurse.getByText('AC-99812').waitFor();
  await nurse.getByText(/From the candidacy check: Region: lower back/).waitFor();
  await noAxeViolations(nurse, 'console request detail');
  await nurse.getByRole('combobox', { name: 'Insurance outcome' }).selectOption('verified');
  await nurse
    .getByLabel('Message to the requester')
    .fill('Your plan covers a consultation. We will call you to book it.');
  await nurse.getByRole('button', { name: 'Record outcome and tell the requester' }).click();
  await nurse.getByText('Recorded: Verified. The requester was told.').waitFor();
  await nurse.getByRole('button', { name: 'Mark as In progress' }).click();
  await nurse.getByTestId('detail-status').getByText('In progress').waitFor();

  // The requester's status page shows it.
  await visitor.goto('about:blank');
  await visitor.goto(statusUrl);
  await visitor.getByText('Your insurance is verified.').waitFor();
  await visitor
    .getByText('Your plan covers a consultation. We will call you to book it.')
    .waitFor();
  assert.equal(
    await visitor.getByTestId('request-status').textContent(),
    'A care manager is working on it',
  );
  await screenshot(visitor, '41-request-status-insurance');
  // The token lives in the fragment: without it the page cannot open the request, and says to use
  // the link from the first email (issue 13: later emails link here without the token).
  await visitor.goto('about:blank');
  await visitor.goto(statusUrl.split('#')[0] ?? statusUrl);
  await visitor
    .getByText('This page opens only with the private link from our first email.')
    .waitFor();
});

async function requestKit(language: 'en' | 'es') {
  await visitor.goto(`${server.url}/request/info_kit?clinic=demo`);
  const spanish = language === 'es';
  if (spanish) await visitor.getByRole('button', { name: 'Español' }).click();
  await visitor
    .getByRole('heading', {
      name: spanish ? 'Recibir una guía informativa' : 'Get an info kit',
      level: 1,
    })
    .waitFor();
  await visitor.getByLabel(spanish ? 'Su nombre' : 'Your name').fill('Kit Reader');
  await visitor.getByLabel(spanish ? 'Correo electrónico' : 'Email').fill('kit@example.org');
  await visitor
    .getByRole('radio', { name: spanish ? 'Zona lumbar (parte baja de la espalda)' : 'Lower back' })
    .check();
  await visitor.getByRole('checkbox', { name: spanish ? /me contacte/ : /may contact me/ }).check();
  await noAxeViolations(visitor, `info kit form (${language})`);
  await visitor
    .getByRole('button', { name: spanish ? 'Enviar solicitud' : 'Send request' })
    .click();
  await visitor.waitForURL(/\/request-status\//);
  const download = visitor.waitForEvent('download');
  await visitor
    .getByRole('button', {
      name: spanish ? 'Descargar la guía informativa (PDF)' : 'Download the info kit (PDF)',
    })
    .click();
  const file = await download;
  const path = await file.path();
  assert.ok(path, 'the kit was saved');
  const bytes = readFileSync(path);
  await noAxeViolations(visitor, `info kit status page (${language})`);
  if (spanish) await visitor.getByRole('button', { name: 'English' }).click();
  return { bytes, name: file.suggestedFilename() };
}

test('the info kit PDF is generated in English and in Spanish from the browser', async () => {
  for (const language of ['en', 'es'] as const) {
    const { bytes, name } = await requestKit(language);
    const raw = bytes.toString('latin1');
    assert.equal(raw.slice(0, 5), '%PDF-', `${language}: a PDF`);
    assert.match(raw, new RegExp(`/Lang \\(${language}\\)`), `${language}: language metadata`);
    assert.match(name, new RegExp(`lumbar-laminectomy-${language}\\.pdf$`));
  }
});

test('a call back describing red-flag symptoms shows the emergency instruction first', async () => {
  await visitor.goto(`${server.url}/request/callback?clinic=demo`);
  await visitor.getByRole('heading', { name: 'Call me back', level: 1 }).waitFor();
  await noAxeViolations(visitor, 'call-back form');
  await visitor.getByLabel('Your name').fill('Riley Flag');
  await visitor.getByLabel('Phone').fill('+1 555 0123');
  await visitor.getByRole('radio', { name: 'Lower back' }).check();
  await visitor.getByRole('radio', { name: 'As soon as possible' }).check();
  await visitor
    .getByLabel('What would you like to talk about?')
    .fill('Since last night I can’t pee and my groin feels numb.');
  await visitor.getByRole('checkbox', { name: /may contact me/ }).check();
  await visitor.getByRole('button', { name: 'Send request' }).click();

  const screen = visitor.getByTestId('intake-emergency');
  await screen.waitFor();
  // First the heading, then the call button, then the instruction: nothing else comes before.
  const first = screen.locator(':scope > *').first();
  assert.equal(await first.textContent(), 'Please read this first');
  const call = screen.getByRole('link', { name: 'Call 911 now' });
  assert.equal(await call.getAttribute('href'), 'tel:911');
  await screen.getByText(/Do not wait for a call back/).waitFor();
  await screen.getByText('Your request was saved too').waitFor();
  await noAxeViolations(visitor, 'red-flag emergency instruction');
  await screenshot(visitor, '42-request-red-flag');

  // In the care manager's queue it is marked urgent, among the urgent ones on top.
  await nurse.goto(`${server.url}/console/requests`);
  const rows = nurse.getByTestId('requests-table').locator('tbody tr');
  await rows.first().waitFor();
  const urgentFlags = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute('data-urgent') === 'true'),
  );
  const riley = rows.filter({ hasText: 'Riley Flag' });
  assert.equal(await riley.getAttribute('data-urgent'), 'true');
  assert.ok(
    urgentFlags.indexOf(false) === -1 || urgentFlags.lastIndexOf(true) < urgentFlags.indexOf(false),
    'urgent first',
  );
});

test('an admin sets the clinic opening hours on the Requests screen', async () => {
  await signOutStaff(nurse);
  await signInDemoStaff(server, nurse, 'admin@demo.example');
  await nurse.goto(`${server.url}/console/requests`);
  await nurse.getByRole('heading', { name: 'Clinic opening hours' }).waitFor();
  await nurse.getByText('America/Los_Angeles').waitFor();
  assert.equal(await nurse.getByLabel('Open on Saturday').isChecked(), false);
  await nurse.getByLabel('Open on Saturday').check();
  await nurse.getByLabel('Closes on Saturday').fill('12:00');
  await nurse.getByLabel('Closes on Friday').fill('19:30');
  await nurse.getByRole('button', { name: 'Save opening hours' }).click();
  await nurse.getByRole('status').getByText('Saved.').waitFor();
  await noAxeViolations(nurse, 'opening hours editor');
  const saved = (await (await nurse.request.get(`${server.url}/api/clinic/hours`)).json()) as {
    hours: Record<string, { open: string; close: string } | null>;
  };
  assert.deepEqual(saved.hours.sat, { open: '08:00', close: '12:00' });
  assert.deepEqual(saved.hours.fri, { open: '08:00', close: '19:30' });
});
