import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clinicDateIn,
  noAxeViolations,
  screenshot,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 15 end to end: a nurse enrols a patient through the form (a field error first, then the plan
// preview, then saves), meets the duplicate warning, corrects the surgery date, and checks a CSV file.
const {
  server,
  browsers: [_browser],
  pages: [page],
} = await startBrowserTest({ browsers: [{ width: 1280, height: 900 }] });
let patientId: string;

async function fillForm(phone: string) {
  await page.getByLabel('Given name *').fill('Lena');
  await page.getByLabel('Family name *').fill('Ortiz');
  await page.getByLabel('Date of birth *').fill('1962-05-20');
  await page.getByLabel('Email').fill('lena.ortiz@mail.example');
  await page.getByLabel('Mobile phone').fill(phone);
  await page.getByLabel('Preferred language').selectOption('es');
  await page.getByLabel('Region *').selectOption('lumbar');
  await page.getByLabel('Procedure *').selectOption('laminectomy');
  await page.getByLabel('Surgery date *').fill(clinicDateIn(7));
  const surgeon = page.getByLabel('Surgeon');
  await surgeon.locator('option').nth(1).waitFor({ state: 'attached' });
  await surgeon.selectOption({ index: 1 });
}

test('a nurse enrols a patient: a field error first, then the plan preview, then saves', async () => {
  await signInDemoStaff(server, page, 'nurse@demo.example');
  await page.goto(`${server.url}/console/patients`);
  await page.getByRole('link', { name: 'Enrol a patient' }).click();
  await page.getByRole('heading', { name: 'Enrol a patient', level: 1 }).waitFor();
  await fillForm('12');
  await page.getByRole('button', { name: 'Enrol the patient' }).click();
  const phoneError = page.getByTestId('error-phone');
  await phoneError.waitFor();
  assert.match(await phoneError.innerText(), /not a phone number we can use/);
  assert.equal(await page.getByLabel('Mobile phone').getAttribute('aria-invalid'), 'true');
  await noAxeViolations(page, 'enrol form with a field error');
  await screenshot(page, 'console-enrol-error');

  await page.getByLabel('Mobile phone').fill('(415) 555-2671');
  await page.getByRole('button', { name: 'Preview the plan' }).click();
  const preview = page.getByTestId('plan-preview');
  await preview.getByRole('heading', { name: 'The first weeks of the plan' }).waitFor();
  assert.ok((await preview.locator('li').count()) >= 2, 'the preview lists the first weeks');
  await noAxeViolations(page, 'enrol form with the plan preview');
  await screenshot(page, 'console-enrol-preview');

  await page.getByRole('button', { name: 'Enrol the patient' }).click();
  await page.waitForURL(/\/console\/patients\/[0-9a-f-]{36}$/);
  patientId = page.url().split('/').at(-1) as string;
  await page.getByRole('heading', { name: 'Lena Ortiz', level: 1 }).waitFor();
});

test('enrolling the same patient again shows the duplicate warning with a link to the existing one', async () => {
  await page.goto(`${server.url}/console/patients/new`);
  await fillForm('(415) 555-2671');
  await page.getByRole('button', { name: 'Enrol the patient' }).click();
  const warning = page.getByTestId('enrol-message');
  await warning.getByText('This patient is already enrolled.').waitFor();
  const link = warning.getByRole('link', { name: 'Open the existing patient' });
  assert.equal(await link.getAttribute('href'), `/console/patients/${patientId}`);
  await noAxeViolations(page, 'duplicate warning');
  await link.click();
  await page.getByRole('heading', { name: 'Lena Ortiz', level: 1 }).waitFor();
});

test('correcting the surgery date moves the plan', async () => {
  const lead = page.locator('p.lead');
  const before = await lead.innerText();
  assert.match(before, /surgery in 7 days/);
  await page.getByLabel('Surgery date *').fill(clinicDateIn(-3));
  await page.getByLabel('Reason (kept in the record)').fill('Moved up by the surgeon');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await page.getByTestId('fix-message').getByText('Saved.', { exact: false }).waitFor();
  await page.locator('p.lead', { hasText: 'day 3 after surgery' }).waitFor();
  assert.notEqual(await lead.innerText(), before);
  const plan = (await (
    await page.request.get(`${server.url}/api/patients/${patientId}/plan`)
  ).json()) as { surgery: { surgeryDate: string }; dayOfRecovery: number };
  assert.equal(plan.surgery.surgeryDate, clinicDateIn(-3));
  await noAxeViolations(page, 'patient page after a surgery correction');
});

test('the CSV upload dry run lists each row with its problems', async () => {
  await page.goto(`${server.url}/console/patients/import`);
  await page.getByRole('heading', { name: 'Import patients from a CSV file', level: 1 }).waitFor();
  const csv = [
    'mrn,given_name,family_name,date_of_birth,email,region,procedure,surgery_date',
    'A1,Tom,Baker,1950-01-02,tom@mail.example,lumbar,laminectomy,2026-12-20',
    'A2,Ivy,Chen,1958-04-04,ivy@mail.example,lumbar,laminotomy,31/02/2026',
  ].join('\n');
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page
    .getByTestId('import-summary')
    .getByText('2 rows: 1 new, 0 already enrolled, 1 with problems.')
    .waitFor();
  const rows = page.getByTestId('import-row');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).innerText(), /surgery date "31\/02\/2026" is not a date/);
  assert.equal(
    await page.getByRole('button', { name: /^Import \d+ patients$/ }).count(),
    0,
    'no import while a row has a problem',
  );
  await noAxeViolations(page, 'CSV import dry run');
  await screenshot(page, 'console-import-dry-run');
});
