import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  desk,
  noAxeViolations,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  signOutStaff,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// The virtual second opinion end to end on a real `lamina serve --demo` and Chromium: the demo
// patient Rosa asks (with her demo MR study attached), the admin assigns the demo reviewer, the
// reviewer (seeing only that case, de-identified, scans included) reports, and Rosa reads the
// answer. Tests run in order.
const {
  server,
  browsers: [, patientBrowser],
  pages: [staff, rosa],
} = await startBrowserTest({ browsers: [desk, phone] });
const question = 'My left leg still tingles when I walk. Is that normal at this point?';
const plainSummary =
  'Your nerves have more room now. Tingling often fades over months. Keep walking every day.';

test('Rosa asks a question from Today; it waits for a reviewer', async () => {
  await signInDemoPatient(server, patientBrowser.context.request, 'rosa@demo.example');
  await rosa.goto(`${server.url}/`);
  await rosa.getByRole('link', { name: 'Ask for a second opinion' }).click();
  await rosa.getByRole('heading', { name: 'Second opinion', level: 1 }).waitFor();
  assert.equal(
    await rosa.getByLabel('Hide my name and details (recommended)').isChecked(),
    true,
    'de-identified by default',
  );
  await rosa.getByLabel('Your question', { exact: true }).fill(question);
  // Her own scans to choose from, and the way to upload new ones first.
  const choice = rosa.getByTestId('so-scan-choice');
  await choice.first().waitFor();
  assert.equal(await choice.count(), 1, 'Rosa has one demo study');
  assert.equal(
    await rosa
      .getByRole('link', { name: 'Upload new scans on “My scans” first' })
      .getAttribute('href'),
    '/scans',
  );
  await choice.check();
  await rosa.getByRole('button', { name: 'Send my question' }).click();
  await rosa.getByText('Your question was sent.').waitFor();
  const mine = rosa.getByTestId('so-case');
  await mine.getByText('Waiting for a reviewer').waitFor();
  await mine
    .getByTestId('so-attached-scan')
    .getByText(/MR · LSPINE · 1 series, \d+ images/)
    .waitFor();
  await noAxeViolations(rosa, 'the second-opinion screen');
  // Before the report she may take the scan back and add it again.
  await mine.getByRole('button', { name: 'Change scans' }).click();
  await mine.getByTestId('so-scan-choice').uncheck();
  await mine.getByRole('button', { name: 'Save scans' }).click();
  await mine.getByText('No scans are sent with this question.').waitFor();
  await mine.getByRole('button', { name: 'Change scans' }).click();
  await mine.getByTestId('so-scan-choice').check();
  await mine.getByRole('button', { name: 'Save scans' }).click();
  await mine.getByTestId('so-attached-scan').waitFor();
});

let dueOn = '';

test('the admin assigns the demo reviewer and sees the due date', async () => {
  await signInDemoStaff(server, staff, 'admin@demo.example');
  await staff.getByRole('link', { name: 'Second opinions' }).click();
  const row = staff.getByTestId('so-row').filter({ hasText: 'Rosa' });
  await row.waitFor();
  await row
    .getByLabel('Reviewer for this case')
    .selectOption({ label: 'Dr. Rene Reviewer (independent)' });
  await row.getByRole('button', { name: 'Assign' }).click();
  await row.getByText('With the reviewer').waitFor();
  const listed = (await (await staff.request.get(`${server.url}/api/second-opinions`)).json()) as {
    cases: { deadline: { dueOn: string } | null }[];
  };
  dueOn = listed.cases[0]?.deadline?.dueOn ?? '';
  assert.match(dueOn, /^\d{4}-\d{2}-\d{2}$/);
  const dueText = new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${dueOn}T12:00:00Z`));
  assert.match(
    await row.getByTestId('so-due').innerText(),
    new RegExp(dueText.split(',')[0] ?? ''),
  );
  await noAxeViolations(staff, 'the admin second-opinion list');
  await screenshot(staff, 'second-opinion-admin');
  // Staff see the case's scan as sent, with its description and date (the original).
  await row.getByRole('link').click();
  const scan = staff.getByTestId('so-scan');
  await scan.getByText('MRI LUMBAR SPINE (DEMO, SYNTHETIC)').waitFor();
  assert.equal(await scan.getByText('De-identified copy', { exact: false }).count(), 0);
  await signOutStaff(staff);

  // Rosa sees when to expect the answer, in words ("Expected by Tuesday, December 8").
  await rosa.reload();
  assert.equal(await rosa.getByTestId('so-expected').innerText(), `Expected by ${dueText}`);
});

test('the reviewer sees only that case, de-identified, and submits a report', async () => {
  await signInDemoStaff(server, staff, 'reviewer@demo.example');
  await staff.getByRole('heading', { name: 'My cases' }).waitFor();
  const rows = staff.getByTestId('so-row');
  await rows.first().waitFor();
  // Only the case assigned to them: the demo's other (unassigned) case is not listed.
  assert.equal(await rows.count(), 1);
  const nav = await staff.getByRole('navigation', { name: 'Console menu' }).innerText();
  assert.doesNotMatch(nav, /Triage queue|Inbox|Outcomes|Settings/);
  await rows.getByRole('link').click();
  await staff.getByTestId('so-summary').waitFor();
  await staff.getByText('De-identified case').first().waitFor();
  const text = await staff.locator('body').innerText();
  for (const secret of ['Rosa', 'Martínez', 'rosa@demo.example', 'Dr. Sam Surgeon'])
    assert.ok(!text.includes(secret), `the reviewer's page shows ${secret}`);
  assert.match(text, /days since surgery/);
  assert.ok(text.includes(question));
  // The scan, de-identified: dated only relative to the surgery, opened in the viewer.
  const scan = staff.getByTestId('so-scan');
  await scan.getByText('30 days before surgery').waitFor();
  await scan.getByText('De-identified copy: no name, IDs or dates.').waitFor();
  await scan.getByRole('button', { name: 'Open viewer' }).click();
  // Waits for the state asserted (a drawn frame with some light in it), not for a fixed time.
  const drawn = await staff
    .waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.imaging-canvas');
        if (!canvas || canvas.dataset.drawn === undefined || canvas.width === 0) return false;
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        return !!data && data.some((value, index) => index % 4 === 0 && value > 0);
      },
      undefined,
      { timeout: 30_000 },
    )
    .then(() => true)
    .catch(() => false);
  assert.ok(drawn, 'the de-identified scan is drawn on the canvas');
  const withViewer = await staff.locator('body').innerText();
  for (const secret of ['Rosa', 'Martínez', 'DEMO-', 'MRI LUMBAR SPINE', 'SAG T2'])
    assert.ok(!withViewer.includes(secret), `the reviewer's scan shows ${secret}`);
  await noAxeViolations(staff, "the reviewer's case");
  await screenshot(staff, 'second-opinion-reviewer-scan');

  // The summary for the patient is required: the server's message is shown at the field.
  await staff.getByLabel('Yes').first().check();
  await staff.getByLabel('Continue the plan').check();
  await staff.getByLabel('Plain-language summary for the patient').fill('ok');
  await staff.getByRole('button', { name: 'Submit the report' }).click();
  await staff.getByText('write at least 20 characters for the patient').waitFor();
  await staff.getByLabel('Plain-language summary for the patient').fill(plainSummary);
  await staff.getByRole('button', { name: 'Submit the report' }).click();
  await staff.getByTestId('so-report').waitFor();
  assert.equal(await staff.getByRole('button', { name: 'Submit the report' }).count(), 0);
  // Read-only now; a correction is an addendum.
  await staff.getByLabel('Add a correction').fill('Also: short rests while walking are fine.');
  await staff.getByRole('button', { name: 'Add the correction' }).click();
  await staff.getByText('Also: short rests while walking are fine.').waitFor();
  await screenshot(staff, 'second-opinion-reviewer');
  // Reviewers reach nothing else: no patient record, no queue.
  const patients = await staff.request.get(`${server.url}/api/patients`);
  const visible = patients.ok()
    ? ((await patients.json()) as { patients: unknown[] }).patients
    : [];
  assert.deepEqual(visible, []);
  assert.equal((await staff.request.get(`${server.url}/api/alerts`)).status(), 403);
  await signOutStaff(staff);
});

test('Rosa reads the report with the expected-by date and the notice', async () => {
  await rosa.goto(`${server.url}/second-opinion`);
  const report = rosa.getByTestId('so-report');
  await report.waitFor();
  assert.equal(await rosa.getByTestId('so-patient-summary').innerText(), plainSummary);
  await report.getByText('Keep following your plan').waitFor();
  assert.match(
    await rosa.getByTestId('so-addendum').innerText(),
    /Added by the reviewer on .*: Also: short rests while walking are fine\./,
  );
  await report.getByText('does not replace your own surgeon').waitFor();
  // Her scan stays listed with the answered question; it can no longer change.
  const mine = rosa.getByTestId('so-case');
  await mine.getByTestId('so-attached-scan').waitFor();
  assert.equal(await mine.getByRole('button', { name: 'Change scans' }).count(), 0);
  await noAxeViolations(rosa, 'the second-opinion report');
  await screenshot(rosa, 'second-opinion-report');
  // In Spanish too: the recommendation's words come from pathway with their translation.
  await rosa.getByRole('button', { name: 'Español' }).click();
  await report.getByText('Siga su plan').waitFor();
  await report.getByText('no reemplaza a su propio cirujano').waitFor();
  await rosa.getByRole('button', { name: 'English' }).click();
});
