import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  axe,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 17, readable for patients: exercise drawings, timers and the log the care team sees;
// sources as names; the plan printed and downloaded. Henry: lumbar laminectomy, day 15 (early stage).
const {
  server,
  browsers: [browser, staffBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone, phone] });
const context = browser.context;
const henryId = await signInDemoPatient(server, page.request, 'henry@demo.example');

/** The days the server holds for Henry (what the care team sees). */
async function serverLog(): Promise<Record<string, string[]>> {
  const response = await page.request.get(`${server.url}/api/patients/${henryId}/exercise-log`);
  assert.equal(response.status(), 200);
  const body = (await response.json()) as { days: { day: string; done: string[] }[] };
  return Object.fromEntries(body.days.map((d) => [d.day, d.done]));
}

/** Waits until the server's log for `day` is `expected` (a state; the cap only turns a hang into a failure). */
async function serverHas(day: string, expected: string[]): Promise<void> {
  const want = JSON.stringify([...expected].sort());
  let seen = '';
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    seen = JSON.stringify([...((await serverLog())[day] ?? [])].sort());
    if (seen === want) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`the server's log for ${day} stayed ${seen}, expected ${want}`);
}

const phoneToday = () =>
  page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });

test('each exercise has its drawing; sources read as names with links, not ids', async () => {
  await page.goto(`${server.url}/exercises`);
  await page.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
  const items = page.locator('.exercise-list > li');
  await items.first().waitFor();
  const count = await items.count();
  assert.ok(count >= 4, `${count} exercises`);
  assert.equal(await page.locator('.exercise-list > li svg.exercise-art').count(), count);
  // One style: every drawing is strokes in the text colour, no fill.
  const styles = await page
    .locator('svg.exercise-art g')
    .evaluateAll((gs) =>
      gs.map((g) => `${g.getAttribute('fill')} ${g.getAttribute('stroke-width')}`),
    );
  assert.deepEqual([...new Set(styles)], ['none 2.5']);

  const sources = await page.locator('.sources').allInnerTexts();
  assert.ok(sources.length > 0);
  for (const text of sources) {
    assert.match(text, /^Source: /);
    assert.doesNotMatch(text, /seed:|ref:\d/, text);
  }
  const guide = page.locator('.sources a, .sources').filter({
    hasText: 'clinic guide: recovery after laminectomy',
  });
  assert.ok((await guide.count()) > 0, 'the clinic guide is named');
  assert.deepEqual(await axe(page), [], 'axe on Exercises');
  await screenshot(page, 'exercises');
});

test('the hold timer runs from the keyboard and announces each phase in a live region', async () => {
  const tummy = page.getByTestId('exercise-exercise.early.tummy');
  const status = tummy.getByTestId('timer-status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  await status.getByText('Hold 5 seconds, 10 times. Press start when you are ready.').waitFor();
  const start = tummy.getByRole('button', { name: 'Start timer' });
  await start.focus();
  await page.keyboard.press('Enter');
  await status.getByText('Hold. 1 of 10.').waitFor();
  await tummy.getByText(/^\d seconds?$/).waitFor();
  // After the 5-second hold comes the rest before the second one.
  await status.getByText('Relax. Next: 2 of 10.').waitFor({ timeout: 20_000 });
  await tummy.getByRole('button', { name: 'Pause' }).press('Enter');
  await status.getByText('Paused at 2 of 10.').waitFor();
  await tummy.getByRole('button', { name: 'Start over' }).press('Space');
  await status.getByText('Hold 5 seconds, 10 times. Press start when you are ready.').waitFor();

  // Without a hold it counts: five slow breaths.
  const breathing = page.getByTestId('exercise-exercise.early.breathing');
  await breathing.getByRole('button', { name: 'Start counting' }).click();
  for (let i = 1; i <= 4; i++) {
    await breathing.getByRole('button', { name: 'I did one' }).click();
    await breathing.getByTestId('timer-status').getByText(`${i} of 5 done.`).waitFor();
  }
  await breathing.getByRole('button', { name: 'I did one' }).click();
  await breathing.getByTestId('timer-status').getByText('Done: 5 of 5. Well done.').waitFor();
  assert.deepEqual(await axe(page), [], 'axe with timers running');
});

test('the exercise log reaches the server, waits on the phone while offline, and the care team sees it', async () => {
  const today = await phoneToday();
  const walk = page.getByTestId('exercise-exercise.early.walk');
  await walk.getByRole('checkbox', { name: 'I did this today' }).check();
  await serverHas(today, ['exercise.early.walk']);

  await context.setOffline(true);
  const tummy = page.getByTestId('exercise-exercise.early.tummy');
  await tummy.getByRole('checkbox', { name: 'I did this today' }).check();
  await page.getByTestId('exercise-waiting').waitFor();
  assert.deepEqual((await serverLog())[today], ['exercise.early.walk'], 'nothing sent offline');
  // Back online: the waiting day is sent with its key.
  await context.setOffline(false);
  await serverHas(today, ['exercise.early.tummy', 'exercise.early.walk']);
  await page.getByTestId('exercise-waiting').waitFor({ state: 'detached' });

  // The physical therapist opens Henry's page on the console.
  const pt = await staffBrowser.context.newPage();
  // The console is used at a desk (at phone width its check-in table scrolls without a tab stop).
  await pt.setViewportSize({ width: 1280, height: 900 });
  await signInDemoStaff(server, pt, 'pt@demo.example');
  await pt.goto(`${server.url}/console/patients/${henryId}`);
  const section = pt.locator('#exercises');
  await section
    .getByTestId('exercise-adherence')
    .getByText(/Exercises logged on \d+ of the last 14 days\./)
    .waitFor();
  await section.getByRole('cell', { name: 'Gentle tummy tightening, Short walks' }).waitFor();
  assert.deepEqual(await axe(pt), [], 'axe on the console patient page');
  await pt.close();
});

test('in Spanish: timers, source names and the log note', async () => {
  await page.goto(`${server.url}/exercises`);
  await page.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Español' }).click();
  const tummy = page.getByTestId('exercise-exercise.early.tummy');
  await tummy.getByRole('button', { name: 'Iniciar el temporizador' }).waitFor();
  await page.getByText('Su equipo médico y su fisioterapeuta ven esta lista.').waitFor();
  const sources = await page.locator('.sources').allInnerTexts();
  assert.ok(
    sources.some((s) => s.includes('guía de la clínica: recuperación tras la laminectomía')),
  );
  for (const text of sources) assert.match(text, /^Fuente: /);
  assert.deepEqual(await axe(page), [], 'axe on Exercises in Spanish');
  await page.getByRole('button', { name: 'English' }).click();
  await tummy.getByRole('button', { name: 'Start timer' }).waitFor();
});

test('the plan prints (plan and when to get help only) and downloads as a PDF', async () => {
  await page.goto(`${server.url}/recovery`);
  await page.getByRole('button', { name: 'Print my plan' }).waitFor();
  const link = page.getByRole('link', { name: 'Download my plan (PDF)' });
  const href = await link.getAttribute('href');
  assert.equal(href, `/api/patients/${henryId}/plan.pdf`);
  const pdf = await page.request.get(`${server.url}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

  // On screen: the warning section for paper is hidden; printing shows it and hides the rest.
  const paperHelp = page.getByRole('heading', { name: 'When to get help' });
  assert.equal(await paperHelp.isVisible(), false);
  await page.emulateMedia({ media: 'print' });
  await paperHelp.waitFor();
  assert.equal(await page.locator('nav.bottom').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Print my plan' }).isVisible(), false);
  assert.equal(
    await page.locator('.screen.recovery > section').first().isVisible(),
    false,
    'the charts and timeline stay on screen only',
  );
  assert.ok(await page.locator('#plan .card').first().isVisible());
  await screenshot(page, 'plan-print');
  await page.emulateMedia({ media: 'screen' });
});

test('questionnaires are named by what they ask about, not by their formal titles', async () => {
  // Dorothy: lumbar, 6 days before surgery, so her baseline questionnaires are open.
  const dorothyId = await signInDemoPatient(server, page.request, 'dorothy@demo.example');
  const due = await page.request.get(`${server.url}/api/patients/${dorothyId}/proms/due`);
  assert.equal(due.status(), 200);
  const report = (await due.json()) as { dueNow: { instrument: string }[] };
  await page.goto(`${server.url}/questionnaires`);
  await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
  await page.locator('.notice').first().waitFor();
  const headings = await page.locator('.screen h2').allInnerTexts();
  for (const h of headings)
    assert.doesNotMatch(h, /Index|Questionnaire|Oswestry|Zurich|\(0–10\)/, h);
  const patientFilled = report.dueNow.filter((d) => d.instrument !== 'mjoa');
  assert.ok(patientFilled.length > 0, JSON.stringify(report.dueNow));
  assert.ok(
    headings.some((h) =>
      ['Back and leg pain', 'Daily life with back pain', 'Walking and leg symptoms'].includes(h),
    ),
    headings.join(' | '),
  );
});

test('dates carry the year when it is not this year’s (console patient page)', async () => {
  await staffBrowser.context.clearCookies(); // the PT signed in here earlier
  const nurse = await staffBrowser.context.newPage();
  await nurse.setViewportSize({ width: 1280, height: 900 });
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  const list = await nurse.request.get(`${server.url}/api/patients`);
  const { patients } = (await list.json()) as {
    patients: { id: string; givenName: string }[];
  };
  const samuel = patients.find((p) => p.givenName === 'Samuel');
  assert.ok(samuel, 'Samuel (400 days after surgery) is in the demo');
  const thisYear = new Date().getFullYear();
  await nurse.goto(`${server.url}/console/patients/${samuel.id}`);
  const lead = nurse.locator('.patient-view .lead').first();
  await lead.waitFor();
  assert.match(await lead.innerText(), new RegExp(`\\b${thisYear - 1}\\b`), 'last year is written');
  await nurse.goto(`${server.url}/console/patients/${henryId}`);
  await nurse.getByRole('heading', { name: /Henry/ }).waitFor();
  assert.doesNotMatch(
    await nurse.locator('.patient-view .lead').first().innerText(),
    new RegExp(`\\b${thisYear}\\b`),
    'this year is not',
  );
  await nurse.close();
});
