import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  axe,
  phone,
  screenshot,
  signInDemoPatient,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 13: the check-in asks where the weakness is (and, after neck surgery, about clumsy hands
// and a low temperature) only when it matters, and both legs getting weaker is an emergency, on
// the server and offline alike. Henry: lumbar, day 15. Mei: cervical, day 200.
const {
  server,
  browsers: [browser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone] });
const context = browser.context;
let henryId: string;

const group = (name: string) => page.getByRole('group', { name, exact: true });
const choose = (question: string, option: string) =>
  group(question).getByRole('radio', { name: option, exact: true }).check();

async function openCheckin(): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('checkin-button').click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
}

/**
 * Issue 17: the check-in is short steps. The screening step comes first; a group answered "yes"
 * or "not sure" opens its own step. This answers "nothing new" except the groups named, then Next.
 */
async function flag(groups: string[], nothingNew = 'No, nothing new or worse', yes = 'Yes') {
  await page.getByRole('button', { name: nothingNew }).click();
  for (const name of groups) await choose(name, yes);
  await page.getByRole('button', { name: /^(Next|Siguiente)$/ }).click();
}
const nerves = 'Numbness, weakness, or trouble walking';
const nervesNeck = 'Numbness, weakness, clumsy hands, or trouble walking';
const temperature = 'A fever, chills, or feeling very cold';
async function send(label = 'Send my check-in') {
  while ((await page.getByRole('button', { name: label }).count()) === 0)
    await page.getByRole('button', { name: /^(Next|Siguiente)$/ }).click();
  await page.getByRole('button', { name: label }).click();
}

/** Waits for the "Call 911 now" dialog giving `reason`, and returns it. */
async function callNowFor(reason: RegExp) {
  const dialog = page.getByRole('alertdialog', { name: 'Call 911 now' });
  await dialog.waitFor();
  await dialog.getByText(reason).waitFor();
  return dialog;
}

async function latestStored(patientId: string) {
  const response = await page.request.get(`${server.url}/api/patients/${patientId}/checkins`);
  assert.equal(response.status(), 200);
  const { checkins } = (await response.json()) as {
    checkins: { level: string; answers: Record<string, unknown> }[];
  };
  return checkins[0];
}

test('lumbar: "which legs" appears only once weakness is worse, and both legs is an emergency', async () => {
  const patientId = await signInDemoPatient(server, page.request, 'henry@demo.example');
  henryId = patientId;
  await openCheckin();
  assert.equal(await group('Which legs feel weak?').count(), 0, 'not asked before it matters');
  assert.equal(
    await page.getByRole('group', { name: /newly clumsy/ }).count(),
    0,
    'no neck questions',
  );
  await flag([nerves]);
  assert.equal(await group('Which legs feel weak?').count(), 0, 'not asked before it matters');
  await choose('Weakness, compared with the last few days', 'Worse');
  await group('Which legs feel weak?').waitFor();
  assert.equal(await group('Which arms or hands feel weak?').count(), 0, 'arms: neck only');
  await choose('Which legs feel weak?', 'Both legs');
  assert.deepEqual(await axe(page), [], 'axe-core on the check-in with the where-question');
  await screenshot(page, '17-checkin-weakness-where');
  await send();

  const dialog = await callNowFor(/Weakness that is getting worse in both legs/);
  const stored = await latestStored(patientId);
  assert.equal(stored?.level, 'emergency');
  assert.deepEqual(stored?.answers.weakness, { change: 'worse', legs: 'both' });
  await dialog.getByRole('link', { name: 'Back to today' }).click();
});

test('lumbar, offline: the phone gives the same emergency for both legs', async () => {
  await openCheckin();
  await flag([nerves]);
  await choose('Weakness, compared with the last few days', 'Worse');
  await choose('Which legs feel weak?', 'Both legs');
  await context.setOffline(true);
  await send();
  await callNowFor(/Weakness that is getting worse in both legs/);
  await context.setOffline(false);
  await page.getByTestId('sent').waitFor();
});

test('lumbar: the where-question goes away when weakness is not worse, and is not sent', async () => {
  await page.goto(server.url);
  await page.getByTestId('checkin-button').click();
  await flag([nerves]);
  await choose('Weakness, compared with the last few days', 'Worse');
  await choose('Which legs feel weak?', 'Left leg');
  await choose('Weakness, compared with the last few days', 'Getting better');
  await group('Which legs feel weak?').waitFor({ state: 'detached' });
  await send();
  await page.locator('[data-level]').waitFor();
  assert.notEqual(await page.locator('[data-level]').getAttribute('data-level'), 'emergency');
  assert.deepEqual((await latestStored(henryId))?.answers.weakness, { change: 'improving' });
});

test('cervical: clumsy hands, arms and legs, a low temperature, and "not sure", in English and Spanish', async () => {
  const patientId = await signInDemoPatient(server, page.request, 'mei@demo.example');
  await openCheckin();
  await flag([nervesNeck, temperature]);
  // Clumsy hands is asked after neck surgery; getting worse fast is an emergency.
  await choose(
    'Since surgery, are your hands newly clumsy? For example, you drop things, or have trouble with buttons or writing.',
    'Yes, and getting worse fast',
  );
  // Arms and legs: both where-questions appear once weakness is "not sure" new.
  await choose('Is any weakness new since surgery?', 'Not sure');
  await choose('Which legs feel weak?', 'Right leg');
  await choose('Which arms or hands feel weak?', 'Right arm');
  // A low reading asks to measure again and whether the patient feels very unwell.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByLabel('Your temperature (if you took it)').fill('95.0');
  await page.getByText(/Thermometers often read low/).waitFor();
  await choose('Do you feel very unwell: shivery, confused or very weak?', 'No');
  assert.deepEqual(await axe(page), [], 'axe-core on the cervical check-in');
  await screenshot(page, '18-checkin-cervical-cord');
  await send();
  const dialog = await callNowFor(/Hands getting clumsy fast/);
  const stored = await latestStored(patientId);
  assert.equal(stored?.level, 'emergency');
  assert.equal(stored?.answers.handClumsiness, 'rapidly-worse');
  assert.equal(stored?.answers.feelsVeryUnwell, 'no');
  await dialog.getByRole('link', { name: 'Back to today' }).click();

  // "Not sure" about a danger sign: the team gets a contact item, the patient the "yes" words.
  await openCheckin();
  await flag(['Trouble peeing or pooping, or numbness between your legs'], undefined, 'Not sure');
  await choose('New numbness between your legs or around your bottom', 'Not sure');
  await send();
  await page.locator('[data-level="contact"]').waitFor();
  await page.getByRole('heading', { name: 'Please check a warning sign' }).waitFor();
  await page.getByText(/If the answer is yes, do what it says now/).waitFor();
  await page
    .locator('.finding')
    .getByText(/New numbness between your legs or around your bottom needs to be checked/)
    .waitFor();
  assert.equal((await latestStored(patientId))?.level, 'contact');
  await page.getByRole('link', { name: 'Back to today' }).click();

  // The same questions in Spanish.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByTestId('checkin-button').click();
  await page.getByRole('heading', { name: '¿Cómo está hoy?' }).waitFor();
  await flag(
    ['Adormecimiento, debilidad, manos torpes o dificultad para caminar'],
    'No, nada nuevo ni peor',
    'Sí',
  );
  await page
    .getByRole('group', { name: /Desde la cirugía, ¿tiene las manos más torpes/ })
    .waitFor();
  await choose('Debilidad, comparada con los últimos días', 'Peor');
  await choose('¿Qué piernas siente débiles?', 'Las dos piernas');
  await group('¿Qué brazos o manos siente débiles?').waitFor();
  await send('Enviar mis respuestas');
  const dialogEs = page.getByRole('alertdialog', { name: 'Llame al 911 ahora' });
  await dialogEs.waitFor();
  await dialogEs.getByText(/Una debilidad que empeora en las dos piernas/).waitFor();
});
