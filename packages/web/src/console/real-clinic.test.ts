import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { base32Decode, totpCode } from '../../../server/src/auth/totp.ts';
import {
  clinicDateIn,
  desk,
  freePort,
  noAxeViolations,
  openBrowser,
  phone,
  runLamina,
  serverHome,
  startBrowserTest,
  startServer,
} from '../testing/browser.test-helper.ts';

// From an empty machine to a patient's first check-in seen by a nurse (issue 15), on a server
// started WITHOUT --demo: the clinic and its admin made with `lamina clinic create`, the admin's
// setup link, two-step sign-in, a nurse invited from Settings, the clinic profile with a logo, a
// patient enrolled on the console's Enrol screen (with a surgeon override) and invited from the
// patient page, who opens the link in Spanish, signs in with the code from the printed outbox,
// switches to English (her switch beats the stored language arriving late) and checks in; the
// nurse sees it. Every page is checked with axe-core, in English and in Spanish.
const clinic = { name: 'North Spine Clinic', slug: 'north-spine' };
const adminEmail = 'ana@north.example';
const adminPassword = 'north admin password 1';
const nursePassword = 'north nurse password 1';
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// The address is known before the server starts, so the CLI can print the admin's link to it.
const home = serverHome();
const port = await freePort();
const env = { LAMINA_PUBLIC_URL: `http://127.0.0.1:${port}` };
const created = runLamina(
  home,
  [
    'clinic',
    'create',
    '--name',
    clinic.name,
    '--slug',
    clinic.slug,
    '--time-zone',
    'America/Los_Angeles',
    '--admin-email',
    adminEmail,
    '--admin-name',
    'Ana Admin',
  ],
  env,
);
const cliOutput = created.stdout;
assert.equal(created.status, 0, `${created.stdout}\n${created.stderr}`);
const setupLink = /^(http\S+\/console\?invitation=\S+)$/m.exec(created.stdout)?.[1] ?? '';
assert.ok(setupLink, `no setup link in:\n${created.stdout}`);
const {
  server,
  browsers: [admin, nurse, patient],
} = await startBrowserTest({
  server: { demo: false, home, port, env },
  browsers: [phone, phone, phone],
});

/** Waits for a line in the server's log (dev mail) and returns the first capture. */
async function fromLog(pattern: RegExp, since = 0): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = pattern.exec(server.output().slice(since))?.[1];
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not in the server log: ${pattern}\n${server.output()}`);
}

async function staffSignIn(page: Page, email: string, password: string) {
  await page.getByRole('heading', { name: 'Care team sign-in' }).waitFor();
  await page.getByLabel('Clinic code').fill(clinic.slug);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const menu = page.getByRole('navigation', { name: 'Console menu' });
  const mfa = page.getByRole('heading', { name: 'Set up two-step sign-in' });
  await menu.or(mfa).waitFor();
  if (await mfa.isVisible()) {
    // A real clinic (no --demo) requires an authenticator app for admins at their first sign-in:
    // the test is the authenticator, computing the code from the key the page shows.
    await noAxeViolations(page, 'two-step sign-in setup');
    await page.getByRole('button', { name: 'Start' }).click();
    const secret = (await page.locator('code.secret').innerText()).trim();
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page
      .getByLabel('6-digit code from your authenticator app')
      .fill(totpCode(base32Decode(secret), Math.floor(Date.now() / 1000)));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await menu.waitFor();
  }
}

test('a real clinic from an empty machine: CLI, setup link, admin, nurse, enrolment, invitation in Spanish, first check-in', async () => {
  assert.match(cliOutput, /Clinic "North Spine Clinic" created \(code: north-spine\)/);
  // The clinic exists: the server offers no setup code, and the setup page is not offered.
  assert.doesNotMatch(server.output(), /one-time setup code/);
  const page = await admin.context.newPage();
  await page.setViewportSize(desk);
  const setupState = await page.request.get(`${server.url}/api/setup`);
  assert.deepEqual(await setupState.json(), { setupNeeded: false });

  // 1. The admin opens the link the CLI printed, sets a password, signs in with two-step sign-in.
  await page.goto(setupLink);
  await page.getByRole('heading', { name: 'Set your password' }).waitFor();
  await noAxeViolations(page, 'admin set-password page (from the CLI link)');
  await page.getByLabel('Password', { exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.waitForURL('**/console/signin');
  await page.getByRole('heading', { name: 'Care team sign-in' }).waitFor();
  await noAxeViolations(page, 'staff sign-in');
  await staffSignIn(page, adminEmail, adminPassword);
  // The link worked once.
  const reused = await page.request.post(`${server.url}/api/auth/staff/accept-invitation`, {
    data: {
      token: new URL(setupLink).searchParams.get('invitation'),
      password: 'another long password 2',
    },
  });
  assert.equal(reused.status(), 400);

  // 2. The clinic profile, with a logo.
  await page.goto(`${server.url}/console/settings`);
  await page.getByRole('heading', { name: 'Clinic profile' }).waitFor();
  await page.getByLabel('Clinic phone line').fill('(415) 555-2671');
  await page.getByRole('button', { name: 'Save clinic profile' }).click();
  await page.getByText('Clinic profile saved.').waitFor();
  await page.getByLabel('Logo (PNG or JPEG, at most 200 KB)').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await page.getByText('Logo saved.').waitFor();
  await page.getByRole('img', { name: 'Current clinic logo' }).waitFor();

  // 3. The admin invites a nurse from Settings → Care team; she opens her link and signs in.
  const team = page.getByRole('region', { name: 'Care team' });
  await team.getByLabel('Name').fill('Nina Nurse');
  await team.getByLabel('Work email').fill('nina@north.example');
  await team.getByLabel('Role').selectOption('care_manager');
  const beforeNurse = server.output().length;
  await team.getByRole('button', { name: 'Send the invitation' }).click();
  await team.getByText('Invitation sent to nina@north.example.').waitFor();
  await team.getByTestId('team-members').getByText('Nina Nurse').waitFor();
  await noAxeViolations(page, 'settings: clinic profile and care team');
  const nurseLink = await fromLog(
    /to nina@north\.example: staff invitation link (http\S+)/,
    beforeNurse,
  );
  const nursePage = await nurse.context.newPage();
  await nursePage.setViewportSize(desk);
  await nursePage.goto(nurseLink);
  await nursePage.getByRole('heading', { name: 'Set your password' }).waitFor();
  await nursePage.getByLabel('Password', { exact: true }).fill(nursePassword);
  await nursePage.getByRole('button', { name: 'Save my password' }).click();
  await nursePage.waitForURL('**/console/signin');
  await staffSignIn(nursePage, 'nina@north.example', nursePassword);

  // 4. The nurse enrols a patient on the Enrol screen, with a surgeon override, and previews the plan.
  await nursePage.getByRole('link', { name: 'Patients' }).click();
  await nursePage.getByRole('link', { name: 'Enrol a patient' }).click();
  await nursePage.getByRole('heading', { name: 'Enrol a patient', level: 1 }).waitFor();
  await nursePage.getByLabel('Given name *').fill('Rosa');
  await nursePage.getByLabel('Family name *').fill('Diaz');
  await nursePage.getByLabel('Date of birth *').fill('1961-03-14');
  await nursePage.getByLabel('Email').fill('rosa@mail.example');
  await nursePage.getByLabel('Mobile phone').fill('(415) 555-0100');
  await nursePage.getByLabel('Preferred language').selectOption('es');
  await nursePage.getByLabel('Region *').selectOption('lumbar');
  await nursePage.getByLabel('Procedure *').selectOption('laminectomy');
  const surgeryDate = clinicDateIn(-7);
  await nursePage.getByLabel('Surgery date *').fill(surgeryDate);
  const overrides = nursePage.getByTestId('enrol-overrides');
  const firstRestriction = overrides.locator('fieldset.override').first();
  const restrictionText = (await firstRestriction.locator('legend').innerText()).trim();
  await firstRestriction.getByLabel('Ends').selectOption('when-cleared');
  await nursePage.getByRole('button', { name: 'Preview the plan' }).click();
  const preview = nursePage.getByTestId('plan-preview');
  await preview.getByRole('heading', { name: 'The first weeks of the plan' }).waitFor();
  await preview
    .getByTestId('preview-restrictions')
    .locator('li[data-set-by="surgeon"]', { hasText: restrictionText })
    .waitFor();
  await noAxeViolations(nursePage, 'enrol form with a surgeon override and the plan preview');
  await nursePage.getByRole('button', { name: 'Enrol the patient' }).click();
  await nursePage.waitForURL(/\/console\/patients\/[0-9a-f-]{36}$/);
  const patientId = nursePage.url().split('/').at(-1) as string;
  await nursePage.getByRole('heading', { name: 'Rosa Diaz', level: 1 }).waitFor();
  // The override was saved with the enrolment: the plan marks it as the surgeon's.
  await nursePage
    .locator('#plan li[data-set-by="surgeon"]', { hasText: restrictionText })
    .waitFor();
  const appCard = nursePage.getByTestId('patient-app-status');
  await appCard.locator('[data-app-state="not-invited"][data-checked-in="no"]').waitFor();
  await noAxeViolations(nursePage, 'patient page (English)');

  // 5. In Spanish, the nurse invites Rosa by email from her page.
  await nursePage.getByRole('button', { name: 'Español' }).click();
  await nursePage.getByRole('heading', { name: 'La app', level: 2 }).waitFor();
  const beforeInvite = server.output().length;
  await appCard.getByRole('button', { name: 'Invitar a la app por correo' }).click();
  await appCard.locator('[data-app-state="invited"]').waitFor();
  await appCard.getByText('Invitado · nunca hizo un control').waitFor();
  await noAxeViolations(nursePage, 'patient page (Spanish) after the invitation');
  await nursePage.getByRole('button', { name: 'English' }).click();
  await nursePage.getByRole('heading', { name: 'The app', level: 2 }).waitFor();
  const link = await fromLog(/patient invitation \S+: (http\S+)/, beforeInvite);

  // 6. Rosa opens the link on her phone: Spanish (her stored language), code sent to her email.
  const phonePage = await patient.context.newPage();
  const beforeCode = server.output().length;
  await phonePage.goto(link);
  await phonePage.getByText('Bienvenido. Su clínica le invitó').waitFor();
  assert.equal(await phonePage.evaluate(() => document.documentElement.lang), 'es');
  const code = await fromLog(/to rosa@mail\.example: sign-in code (\d{6})/, beforeCode);
  await noAxeViolations(phonePage, 'patient sign-in from an invitation (es)');
  await phonePage.getByLabel('Código de 6 números').fill(code);
  await phonePage.getByRole('button', { name: 'Entrar' }).click();
  await phonePage.getByRole('heading', { name: 'Hola, Rosa' }).waitFor();
  await phonePage.getByRole('img', { name: `Logo de ${clinic.name}` }).waitFor();
  await noAxeViolations(phonePage, 'patient Today in Spanish with the clinic logo');
  const reusedInvite = await phonePage.request.post(`${server.url}/api/auth/patient/invitation`, {
    data: { token: new URL(link).searchParams.get('invite') },
  });
  assert.equal(reusedInvite.status(), 400, 'the invitation link works once');

  // 7. She presses "English" while her stored language (Spanish) is still on its way: her choice
  // wins when it arrives, and becomes the stored one (issue 15: the switch race).
  let release: () => Promise<void> = async () => {};
  const held = new Promise<void>((resolve) => {
    void phonePage.route('**/api/patients/*/language', async (route: Route) => {
      if (route.request().method() !== 'GET') return route.continue();
      // The server answers now (Spanish); the app gets the answer only when released.
      const response = await route.fetch();
      release = () => route.fulfill({ response });
      resolve();
    });
  });
  await phonePage.reload();
  await held;
  await phonePage.getByRole('heading', { name: 'Hola, Rosa' }).waitFor();
  const switchStored = phonePage.waitForRequest(
    (r) => r.method() === 'PUT' && r.url().endsWith('/language'),
  );
  await phonePage.getByRole('button', { name: 'English' }).click();
  await phonePage.getByRole('heading', { name: 'Hello, Rosa' }).waitFor();
  await switchStored;
  // The late answer says Spanish; the app keeps English and stores it again over the stale answer.
  const kept = phonePage.waitForRequest(
    (r) => r.method() === 'PUT' && r.url().endsWith('/language'),
  );
  await release();
  await kept;
  await phonePage.unroute('**/api/patients/*/language');
  assert.equal(await phonePage.evaluate(() => document.documentElement.lang), 'en');
  await phonePage.getByRole('heading', { name: 'Hello, Rosa' }).waitFor();
  const stored = await phonePage.request.get(`${server.url}/api/patients/${patientId}/language`);
  assert.deepEqual(await stored.json(), { patientId, language: 'en' });
  await noAxeViolations(phonePage, 'patient Today in English');

  // 8. She checks in on her phone (a routine day).
  const group = (name: string) => phonePage.getByRole('group', { name, exact: true });
  const choose = (question: string, option: string) =>
    group(question).getByRole('radio', { name: option, exact: true }).check();
  await phonePage.getByTestId('checkin-button').click();
  await phonePage.getByRole('button', { name: 'No, nothing new or worse' }).click();
  await noAxeViolations(phonePage, 'check-in, first step');
  await phonePage.getByRole('button', { name: 'Next', exact: true }).click();
  await choose('Back pain right now', '2');
  await choose('Leg pain right now', '1');
  await choose('Is your pain under control with your medicine plan?', 'Yes');
  await phonePage.getByRole('button', { name: 'Next', exact: true }).click();
  await phonePage.getByLabel('Minutes you walked yesterday, in total').fill('25');
  await choose('Did you do your exercises?', 'All');
  await phonePage.getByRole('button', { name: 'Send my check-in' }).click();
  await phonePage.locator('[data-level="routine"]').waitFor();
  await noAxeViolations(phonePage, 'check-in answer');

  // 9. The nurse sees it: Rosa has signed in and checked in, on her page and in the Patients list.
  await nursePage.reload();
  await appCard.locator('[data-app-state="signed-in"][data-checked-in="yes"]').waitFor();
  assert.ok((await nursePage.locator('#checkins tbody tr').count()) >= 1, 'the check-in is listed');
  await nursePage.goto(`${server.url}/console/patients`);
  const row = nursePage.locator(`tr[data-patient-id="${patientId}"]`);
  await row.locator('[data-app-state="signed-in"][data-checked-in="yes"]').waitFor();
  await noAxeViolations(nursePage, 'patients list with the app status');
});

test('or without the CLI: a server with no clinic offers the setup page, guarded by the code in its log', async () => {
  const empty = await startServer({ demo: false });
  const browser = await openBrowser();
  try {
    const code = /one-time setup code: (\S+)/.exec(empty.output())?.[1];
    assert.ok(code, `no setup code in the log:\n${empty.output()}`);
    const page = await browser.context.newPage();
    await page.setViewportSize(desk);
    await page.goto(`${empty.url}/console`);
    await page.getByRole('heading', { name: 'Set up your clinic' }).waitFor();
    await noAxeViolations(page, 'setup page');
    await page.getByLabel('Setup code (from the server log)').fill(code);
    await page.getByLabel('Clinic name').fill('South Spine Clinic');
    await page.getByLabel('Clinic code (lowercase letters, digits, dashes)').fill('south-spine');
    await page.getByLabel('Time zone (like America/Los_Angeles)').fill('America/Chicago');
    await page.getByLabel('Your name').fill('Sol Admin');
    await page.getByLabel('Your work email').fill('sol@south.example');
    await page.getByLabel('Your password (at least 12 characters)').fill(adminPassword);
    await page.getByRole('button', { name: 'Create the clinic' }).click();
    await page.waitForURL('**/console/signin');
    await page.getByRole('heading', { name: 'Care team sign-in' }).waitFor();
    // The setup route now refuses, even with the same code.
    const again = await page.request.post(`${empty.url}/api/setup`, {
      data: {
        token: code,
        name: 'Another Clinic',
        slug: 'x-clinic',
        timeZone: 'UTC',
        adminEmail: 'x@x.example',
        adminName: 'X',
        password: 'another long password',
      },
    });
    assert.equal(again.status(), 409);
  } finally {
    await browser.close();
    await empty.stop();
  }
});
