import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { base32Decode, totpCode } from '../../../server/src/auth/totp.ts';
import {
  axe,
  ensureBuilt,
  openBrowser,
  type Server,
  startServer,
} from '../testing/browser.test-helper.ts';

// From an empty server (no --demo) to a patient's first check-in seen by a nurse (issue 15):
// setup page with the code from the server log, the admin's password, a nurse invited, the clinic
// profile with a logo, a patient invited by email who opens the link in Spanish and checks in.
let server: Server;
let admin: Awaited<ReturnType<typeof openBrowser>>;
let nurse: Awaited<ReturnType<typeof openBrowser>>;
let patient: Awaited<ReturnType<typeof openBrowser>>;
const desk = { width: 1280, height: 800 };
const clinic = { name: 'North Spine Clinic', slug: 'north-spine' };
const adminEmail = 'ana@north.example';
const adminPassword = 'north admin password 1';
const nursePassword = 'north nurse password 1';
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

before(async () => {
  ensureBuilt();
  server = await startServer({ demo: false });
  [admin, nurse, patient] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
});

after(async () => {
  await Promise.all([admin?.close(), nurse?.close(), patient?.close()]);
  await server?.stop();
});

async function noViolations(page: Page, where: string) {
  assert.deepEqual(await axe(page), [], `axe-core violations on ${where}`);
}

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
    await noViolations(page, 'two-step sign-in setup');
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

test('a real clinic from an empty server: setup, admin, nurse, profile, patient invitation in Spanish, first check-in', async () => {
  const setupCode = await fromLog(/one-time setup code: (\S+)/);
  const page = await admin.context.newPage();
  await page.setViewportSize(desk);

  // 1. The setup page, guarded by the code from the log.
  await page.goto(`${server.url}/console`);
  await page.getByRole('heading', { name: 'Set up your clinic' }).waitFor();
  await noViolations(page, 'setup page');
  await page.getByLabel('Setup code (from the server log)').fill(setupCode);
  await page.getByLabel('Clinic name').fill(clinic.name);
  await page.getByLabel('Clinic code (lowercase letters, digits, dashes)').fill(clinic.slug);
  await page.getByLabel('Time zone (like America/Los_Angeles)').fill('America/Los_Angeles');
  await page.getByLabel('Your name').fill('Ana Admin');
  await page.getByLabel('Your work email').fill(adminEmail);
  await page.getByLabel('Your password (at least 12 characters)').fill(adminPassword);
  await page.getByRole('button', { name: 'Create the clinic' }).click();
  await page.waitForURL('**/console/signin');
  await staffSignIn(page, adminEmail, adminPassword);

  // The setup route now refuses, even with the same code.
  const again = await page.request.post(`${server.url}/api/setup`, {
    data: {
      token: setupCode,
      name: 'Another Clinic',
      slug: 'x-clinic',
      timeZone: 'UTC',
      adminEmail: 'x@x.example',
      adminName: 'X',
      password: 'another long password',
    },
  });
  assert.equal(again.status(), 409);

  // 2. Invite a nurse; she opens her link, sets her password and signs in.
  const since = server.output().length;
  const invited = await page.request.post(`${server.url}/api/staff/invitations`, {
    data: { email: 'nina@north.example', role: 'care_manager', name: 'Nina Nurse' },
  });
  assert.equal(invited.status(), 201);
  const nurseToken = await fromLog(/to nina@north\.example: staff invitation token (\S+)/, since);
  const nursePage = await nurse.context.newPage();
  await nursePage.setViewportSize(desk);
  await nursePage.goto(`${server.url}/console?invitation=${encodeURIComponent(nurseToken)}`);
  await nursePage.getByRole('heading', { name: 'Set your password' }).waitFor();
  await noViolations(nursePage, 'set-password page');
  await nursePage.getByLabel('Password', { exact: true }).fill(nursePassword);
  await nursePage.getByRole('button', { name: 'Save my password' }).click();
  await nursePage.waitForURL('**/console/signin');
  await staffSignIn(nursePage, 'nina@north.example', nursePassword);

  // 3. The clinic profile, with a logo.
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
  await noViolations(page, 'settings with the clinic profile');

  // 4. A patient, enrolled through the API (the enrolment screen is other work), set to Spanish,
  // invited from the console's Invitations screen.
  const surgeryDate = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const enrolled = await page.request.post(`${server.url}/api/patients`, {
    data: {
      givenName: 'Rosa',
      familyName: 'Diaz',
      email: 'rosa@mail.example',
      phone: '+1 415 555 0100',
      surgery: { region: 'lumbar', procedure: 'laminectomy', surgeryDate },
    },
  });
  assert.equal(enrolled.status(), 201, await enrolled.text());
  const patientId = ((await enrolled.json()) as { patientId: string }).patientId;
  const spanish = await page.request.put(`${server.url}/api/patients/${patientId}/language`, {
    data: { language: 'es' },
  });
  assert.equal(spanish.status(), 200);
  await page.goto(`${server.url}/console/invitations`);
  await page.getByRole('heading', { name: 'App invitations' }).waitFor();
  const row = page.locator(`tr[data-patient-id="${patientId}"]`);
  await row.getByText('Not invited').waitFor();
  const beforeInvite = server.output().length;
  await page.getByRole('button', { name: 'Invite Rosa Diaz by email' }).click();
  await row.locator('[data-state="invited"]').waitFor();
  await row.getByText('Never checked in').waitFor();
  await noViolations(page, 'invitations');
  const link = await fromLog(/patient invitation \S+: (http\S+)/, beforeInvite);

  // 5. The patient opens the link on her phone: Spanish, clinic and email filled in, code sent.
  const phonePage = await patient.context.newPage();
  const beforeCode = server.output().length;
  await phonePage.goto(link);
  await phonePage.getByText('Bienvenido. Su clínica le invitó').waitFor();
  assert.equal(await phonePage.evaluate(() => document.documentElement.lang), 'es');
  const code = await fromLog(/to rosa@mail\.example: sign-in code (\d{6})/, beforeCode);
  await noViolations(phonePage, 'patient sign-in from an invitation (es)');
  await phonePage.getByLabel('Código de 6 números').fill(code);
  await phonePage.getByRole('button', { name: 'Entrar' }).click();
  await phonePage.getByRole('link', { name: 'Hoy' }).first().waitFor();
  await phonePage.getByRole('img', { name: `Logo de ${clinic.name}` }).waitFor();
  await noViolations(phonePage, 'patient Today in Spanish with the clinic logo');
  // The link worked once.
  const reused = await phonePage.request.post(`${server.url}/api/auth/patient/invitation`, {
    data: { token: new URL(link).searchParams.get('invite') },
  });
  assert.equal(reused.status(), 400);

  // 6. She checks in (a red flag, so it goes to the top of the nurse's queue).
  const checked = await phonePage.request.post(`${server.url}/api/patients/${patientId}/checkins`, {
    data: { idempotencyKey: `real-clinic-${Date.now()}`, checkin: { chestPain: 'yes' } },
  });
  assert.equal(checked.status(), 201, await checked.text());
  await nursePage.goto(`${server.url}/console`);
  await nursePage.locator('article[data-level="emergency"]', { hasText: 'Rosa Diaz' }).waitFor();
  await nursePage.goto(`${server.url}/console/invitations`);
  const nurseRow = nursePage.locator(`tr[data-patient-id="${patientId}"]`);
  await nurseRow.locator('[data-state="opened"]').waitFor();
  assert.equal(await nurseRow.getByText('Never checked in').count(), 0);
});
