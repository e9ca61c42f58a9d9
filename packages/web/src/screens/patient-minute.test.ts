import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  axe,
  focusHiddenByBottomBar,
  lowContrastText,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 17, "The patient's minute": the check-in in short steps, Today as a task list, and the
// defects found on the emergency screens. Henry: lumbar, day 15, demo clinic.
// A second browser for the nurse and the anonymous visitor (their own cookies).
const {
  server,
  browsers: [, other],
  pages: [henrysPage],
} = await startBrowserTest({ browsers: [phone, phone] });
let page = henrysPage;
const henryId = await signInDemoPatient(server, page.request, 'henry@demo.example');

const group = (name: string) => page.getByRole('group', { name, exact: true });
const choose = (question: string, option: string) =>
  group(question).getByRole('radio', { name: option, exact: true }).check();
const nextStep = () => page.getByRole('button', { name: 'Next', exact: true }).click();
const step = () => page.locator('[data-step]').getAttribute('data-step');

async function storedCount(): Promise<number> {
  const response = await page.request.get(`${server.url}/api/patients/${henryId}/checkins`);
  assert.equal(response.status(), 200);
  return ((await response.json()) as { checkins: unknown[] }).checkins.length;
}

async function openCheckin(): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('checkin-button').click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
}

async function assertReadable(where: string): Promise<void> {
  assert.deepEqual(await lowContrastText(page), [], `text contrast on ${where}`);
  assert.deepEqual(await axe(page), [], `axe-core on ${where}`);
}

test('a routine day takes at most 12 taps, and Today then shows the check-in as done', async (t) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
  // The task says what the server has: done when a check-in was stored today, else to do.
  const response = await page.request.get(`${server.url}/api/patients/${henryId}/checkins`);
  const { checkins } = (await response.json()) as { checkins: { submittedAt: string }[] };
  const doneAlready = await page.evaluate(
    (times) => times.some((at) => new Date(at).toDateString() === new Date().toDateString()),
    checkins.map((c) => c.submittedAt),
  );
  console.log(`[issue 17] Henry had checked in today before the test: ${doneAlready}`);
  await page
    .getByTestId('task-checkin')
    .getByText(doneAlready ? 'Done' : 'To do')
    .waitFor();
  const before = await storedCount();

  let taps = 0;
  const tap = async (action: () => Promise<void>) => {
    taps++;
    await action();
  };
  const started = performance.now();
  await tap(() => page.getByTestId('checkin-button').click());
  await page.getByText('Step 1 of 3').waitFor();
  await tap(() => page.getByRole('button', { name: 'No, nothing new or worse' }).click());
  await tap(nextStep);
  await page.getByText('Step 2 of 3').waitFor();
  await tap(() => choose('Back pain right now', '2'));
  await tap(() => choose('Leg pain right now', '1'));
  await tap(() => choose('Is your pain under control with your medicine plan?', 'Yes'));
  await tap(nextStep);
  await page.getByText('Step 3 of 3').waitFor();
  await tap(() => page.getByLabel('Minutes you walked yesterday, in total').click());
  await page.keyboard.type('25');
  await tap(() => choose('Did you do your exercises?', 'All'));
  await tap(() => page.getByRole('button', { name: 'Send my check-in' }).click());
  await page.locator('[data-level="routine"]').waitFor();
  const ms = Math.round(performance.now() - started);
  t.diagnostic(`routine day: ${taps} taps, ${ms} ms from Today to the answer (robot speed)`);
  console.log(`[issue 17] routine day: ${taps} taps, ${ms} ms`);
  assert.ok(taps <= 12, `${taps} taps`);
  assert.equal(await storedCount(), before + 1);

  await page.getByRole('link', { name: 'Back to today' }).click();
  await page.getByTestId('task-checkin').getByText('Done').waitFor();
});

test('defect: nothing is sent before Send; an unanswered screening is refused; a red flag cannot be skipped', async () => {
  const before = await storedCount();
  await openCheckin();
  await assertReadable('the screening step');
  await screenshot(page, '54-checkin-screening');
  // The screening step must be answered.
  await nextStep();
  await page
    .getByRole('alert')
    .getByText(/Please answer every line/)
    .waitFor();
  assert.equal(await step(), 'screening');

  // "Not sure" about the bladder group and "yes" to a fever: both get their own steps.
  await page.getByRole('button', { name: 'No, nothing new or worse' }).click();
  await choose('Trouble peeing or pooping, or numbness between your legs', 'Not sure');
  await choose('A fever, chills, or feeling very cold', 'Yes');
  await nextStep();
  assert.equal(await step(), 'bladder');
  await page.getByText('Step 2 of 5').waitFor();
  await assertReadable('a detail step');
  await nextStep();
  await page
    .getByRole('alert')
    .getByText(/Please answer at least one question here/)
    .waitFor();
  assert.equal(await step(), 'bladder', 'the details of a flagged group cannot be skipped');
  await choose('New numbness between your legs or around your bottom', 'No');
  await nextStep();
  assert.equal(await step(), 'temperature');

  // Enter in the temperature box or on an answer does not send anything (it used to send all).
  const box = page.getByLabel('Your temperature (if you took it)');
  await box.fill('38.2');
  await box.press('Enter');
  await group('Unit').getByRole('radio', { name: '°F' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  assert.equal(await step(), 'temperature');
  assert.equal(await storedCount(), before, 'nothing was sent');

  // Back keeps every answer.
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await step(), 'bladder');
  assert.equal(
    await group('New numbness between your legs or around your bottom')
      .getByRole('radio', { name: 'No', exact: true })
      .isChecked(),
    true,
  );
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(
    await group('A fever, chills, or feeling very cold')
      .getByRole('radio', { name: 'Yes', exact: true })
      .isChecked(),
    true,
  );
  await nextStep();
  await nextStep();
  assert.equal(await box.inputValue(), '38.2');
  assert.equal(await storedCount(), before, 'still nothing sent');
});

test('defect: keyboard focus is never hidden under the bottom bar', async (t) => {
  await openCheckin();
  const report: string[] = [];
  for (const where of ['check-in screening', 'check-in pain', 'check-in day']) {
    const [hidden, stops] = await focusHiddenByBottomBar(page);
    report.push(`${where}: ${stops} stops, ${hidden.length} hidden`);
    assert.deepEqual(hidden, [], `focus hidden on ${where}`);
    assert.ok(stops > 3, `${where}: ${stops} focus stops`);
    if (where === 'check-in screening')
      await page.getByRole('button', { name: 'No, nothing new or worse' }).click();
    if (where !== 'check-in day') await nextStep();
  }
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
  // Today fills in its tasks as their answers arrive: tab through it once they have.
  await page.getByTestId('task-checkin').locator('.task-state').waitFor();
  await page.waitForLoadState('networkidle');
  const [hidden, stops] = await focusHiddenByBottomBar(page);
  report.push(`Today: ${stops} stops, ${hidden.length} hidden`);
  assert.deepEqual(hidden, [], 'focus hidden on Today');
  t.diagnostic(report.join('; '));
});

test('defect: the patient emergency result is readable ("You said: 38.9 °C" on red), and Today then knows', async () => {
  await openCheckin();
  await page.getByRole('button', { name: 'No, nothing new or worse' }).click();
  await choose(
    'Chest pain, hard breathing, coughing up blood, or bleeding that will not stop',
    'Yes',
  );
  await choose('A fever, chills, or feeling very cold', 'Yes');
  await nextStep();
  assert.equal(await page.getByTestId('send-now').count(), 0);
  await choose('Chest pain', 'Yes');
  // An emergency answer can be sent at once; here the patient goes on to add the temperature.
  await page.getByTestId('send-now').waitFor();
  await nextStep();
  await page.getByLabel('Your temperature (if you took it)').fill('38.9');
  await group('Unit').getByRole('radio', { name: '°C' }).check();
  await page.getByRole('button', { name: 'Send my check-in now' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Call 911 now' });
  await dialog.waitFor();
  await dialog.getByText('You said: 38.9 °C').waitFor();
  await assertReadable('the patient emergency result');
  const paragraphs = await dialog.locator('p').allInnerTexts();
  assert.deepEqual(
    paragraphs.filter((p, i) => paragraphs.indexOf(p) !== i),
    [],
    'no paragraph shown twice',
  );
  await screenshot(page, '50-result-emergency-readable');
  await dialog.getByRole('link', { name: 'Back to today' }).click();

  // Today: the state after a red flag, from the patient's own alerts (when told, contact by when).
  const state = page.getByTestId('alert-state');
  await state.waitFor();
  assert.match(
    await state.innerText(),
    /Your care team was told at \d{1,2}:\d{2}\s?[AP]M and will contact you by \d{1,2}:\d{2}\s?[AP]M\. If you get worse, call 911\./,
  );
  await assertReadable('Today after a red flag');
});

test('Today: care team phone at the top, questionnaires and unread messages with a badge, one link per "More" item', async () => {
  const nurse = await other.context.newPage();
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  const sent = await nurse.request.post(`${server.url}/api/patients/${henryId}/messages`, {
    data: { body: 'How is the walking going?' },
  });
  assert.equal(sent.status(), 201, await sent.text());

  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
  const call = page.getByTestId('call-team');
  assert.equal(await call.getAttribute('href'), 'tel:+15550100100');
  const callBox = await call.boundingBox();
  const checkinBox = await page.getByTestId('checkin-button').boundingBox();
  assert.ok(callBox && checkinBox && callBox.y < checkinBox.y, 'the phone number comes first');
  const questionnaires = page.getByTestId('task-questionnaires').getByRole('link');
  assert.equal(await questionnaires.getAttribute('href'), '/questionnaires');
  await page.getByTestId('task-messages').getByText('1').waitFor();
  await page.getByTestId('messages-badge').getByText('1').waitFor();
  for (const item of await page.locator('.links > li').all())
    assert.equal(await item.getByRole('link').count(), 1, await item.innerText());
  await page.getByTestId('task-visit').waitFor();
  await assertReadable('Today');
  await screenshot(page, '51-today-tasks');

  await page.getByTestId('task-messages').getByRole('link').click();
  await page.getByText('How is the walking going?').waitFor();
  assert.equal(await page.getByTestId('messages-badge').count(), 0, 'no badge while reading');
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
  await page.getByTestId('task-messages').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('messages-badge').count(), 0, 'read now');
});

test('defect: the public emergency results are readable, say it once, and the Spanish call button fits', async () => {
  const visitor = await other.context.newPage();
  await visitor.context().clearCookies();
  const previous = page;
  page = visitor;
  try {
    await page.goto(`${server.url}/check/demo`);
    await page.getByRole('heading', { name: 'Could spine surgery help me?' }).waitFor();
    await choose('Where is the problem?', 'Lower back and legs');
    await nextStep();
    await choose('Do you have new trouble controlling your bladder or bowels?', 'Yes');
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.locator('.candidacy-result.emergency').waitFor();
    await page.getByRole('heading', { name: 'Why' }).waitFor();
    await assertReadable('the candidacy emergency result');
    const paragraphs = await page.locator('.candidacy-result .stmt > p').allInnerTexts();
    const twice = paragraphs.filter((p, i) => paragraphs.indexOf(p) !== i);
    assert.deepEqual(twice, [], 'no paragraph shown twice');
    await screenshot(page, '52-candidacy-emergency-readable');

    // The request form's red-flag screen, in Spanish.
    await page.goto(`${server.url}/request/callback?clinic=demo`);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByLabel('Su nombre').fill('Riley Flag');
    await page.getByLabel('Teléfono').fill('+1 555 0123');
    await page.getByRole('radio', { name: 'Zona lumbar (parte baja de la espalda)' }).check();
    await page.getByRole('radio', { name: 'Lo antes posible' }).check();
    await page
      .getByLabel('¿De qué quiere hablar?')
      .fill('Since last night I can’t pee and my groin feels numb.');
    await page.getByRole('checkbox', { name: /me contacte/ }).check();
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    const screen = page.getByTestId('intake-emergency');
    await screen.waitFor();
    const call = screen.getByRole('link', { name: 'Llame ahora al 911' });
    const fit = await call.evaluate((a) => {
      const range = document.createRange();
      range.selectNodeContents(a);
      const text = range.getBoundingClientRect();
      const box = a.getBoundingClientRect();
      return {
        left: text.left - box.left,
        right: box.right - text.right,
        overflow: a.scrollWidth - a.clientWidth,
      };
    });
    assert.ok(
      fit.left >= 12 && fit.right >= 12 && fit.overflow <= 0,
      `call button text against the edge: ${JSON.stringify(fit)}`,
    );
    await assertReadable('the Spanish request red-flag screen');
    await screenshot(page, '53-request-red-flag-es');
  } finally {
    page = previous;
  }
});

test('Spanish: the short check-in and Today read well, and a calm day is stored', async () => {
  const before = await storedCount();
  await page.goto(server.url);
  // Today has loaded (with the patient's stored language) before the switch is pressed.
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Hola, Henry' }).waitFor();
  await page.getByRole('link', { name: /Llame a su equipo de atención/ }).waitFor();
  await assertReadable('Today in Spanish');
  await page.getByTestId('checkin-button').click();
  await page.getByText('Paso 1 de 3').waitFor();
  await page.getByRole('heading', { name: '¿Hay algo nuevo o peor?' }).waitFor();
  await assertReadable('the Spanish screening step');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page
    .getByRole('alert')
    .getByText(/Conteste cada línea/)
    .waitFor();
  await page.getByRole('button', { name: 'No, nada nuevo ni peor' }).click();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByText('Paso 2 de 3').waitFor();
  await assertReadable('the Spanish pain step');
  // Medicine: the doses of strong pain medicine, checked before moving on.
  const doses = page.getByLabel(/Dosis de medicina fuerte para el dolor/);
  await doses.fill('dos');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page
    .getByRole('alert')
    .getByText(/Escriba las dosis como un número entero/)
    .waitFor();
  await doses.fill('1');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
  await page.locator('[data-level]').waitFor();
  assert.equal(await storedCount(), before + 1);
  const latest = await page.request.get(`${server.url}/api/patients/${henryId}/checkins`);
  const { checkins } = (await latest.json()) as {
    checkins: { answers: { opioidDoses?: number } }[];
  };
  assert.equal(checkins[0]?.answers.opioidDoses, 1);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Hello, Henry' }).waitFor();
});

test('Today says the check-in is still to do when none was sent today (Dorothy, before surgery)', async () => {
  const dorothy = await other.context.newPage();
  await signInDemoPatient(server, dorothy.request, 'dorothy@demo.example');
  await dorothy.goto(server.url);
  await dorothy.locator('h1').waitFor();
  // This browser was left in Spanish by the public request above.
  if ((await dorothy.getByRole('button', { name: 'English' }).count()) > 0)
    await dorothy.getByRole('button', { name: 'English' }).click();
  await dorothy.getByRole('heading', { name: 'Hello, Dorothy' }).waitFor();
  await dorothy.getByTestId('task-checkin').getByText('To do').waitFor();
  assert.equal(await dorothy.getByTestId('alert-state').count(), 0, 'no red flag, no alert state');
  assert.deepEqual(await lowContrastText(dorothy), [], 'text contrast on Today, to do');
  await dorothy.close();
});
