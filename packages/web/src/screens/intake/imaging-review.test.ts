import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  desk,
  noAxeViolations,
  openBrowser,
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// The free MRI/CT review end to end (issue 13): a visitor asks, a surgeon writes the result in the
// console, the visitor reads it on their status page. Real server (`lamina serve --demo`), no mocks.
const {
  server,
  pages: [visitor, surgeon],
} = await startBrowserTest({ browsers: [phone, desk] });

/** A visitor asks for a free MRI/CT review in this language; answers the status page URL. */
async function askForReview(name: string, language: 'en' | 'es'): Promise<string> {
  const es = language === 'es';
  await visitor.goto(`${server.url}/request/imaging_review?clinic=demo`);
  if (es) await visitor.getByRole('button', { name: 'Español' }).click();
  await visitor
    .getByRole('heading', {
      name: es ? 'Revisión gratuita de resonancia o tomografía' : 'Free MRI/CT review',
      level: 1,
    })
    .waitFor();
  await visitor.getByLabel(es ? 'Su nombre' : 'Your name').fill(name);
  await visitor.getByLabel(es ? 'Correo electrónico' : 'Email').fill('mri@example.org');
  await visitor
    .getByLabel(es ? /¿Qué imágenes tiene\?/ : /Which scans do you have\?/)
    .fill(es ? 'Resonancia de marzo' : 'MRI from March');
  await visitor.getByRole('checkbox', { name: es ? /me contacte/ : /may contact me/ }).check();
  await visitor.getByRole('button', { name: es ? 'Enviar solicitud' : 'Send request' }).click();
  await visitor.waitForURL(/\/request-status\/[0-9a-f-]{36}\?clinic=demo#token=/);
  await visitor.getByTestId('review-pending').waitFor();
  if (es) await visitor.getByRole('button', { name: 'English' }).click();
  return visitor.url();
}

/** The surgeon opens the request in the console and writes the result. */
async function writeResult(name: string, step: string, summary: string, languageWord: string) {
  await surgeon.goto(`${server.url}/console/requests`);
  await surgeon.getByRole('heading', { name: 'Free MRI/CT reviews', level: 1 }).waitFor();
  await surgeon.getByRole('button', { name: `Open request from ${name}` }).click();
  await surgeon.getByRole('heading', { name: `MRI/CT review from ${name}` }).waitFor();
  // A clinician writes results; the queue's own controls are not theirs.
  assert.equal(await surgeon.getByRole('heading', { name: 'Assigned to' }).count(), 0);
  await surgeon.getByText(`Write in ${languageWord}, the language of the request.`).waitFor();
  await surgeon.getByRole('radio', { name: step }).check();
  await surgeon.getByTestId('result-preview').waitFor();
  await surgeon.getByLabel('What you found, in plain words for the requester').fill(summary);
  await noAxeViolations(surgeon, `console result form (${languageWord})`);
  await surgeon.getByRole('button', { name: 'Save the result and tell the requester' }).click();
  await surgeon.getByRole('status').getByText('Saved. The requester was emailed').waitFor();
  await surgeon.getByTestId('review-result').getByText(summary).waitFor();
  // Written once: the form is gone; a correction is an addendum.
  assert.equal(
    await surgeon.getByRole('button', { name: 'Save the result and tell the requester' }).count(),
    0,
  );
  await surgeon.getByLabel('Add a correction (addendum)').waitFor();
}

test('a visitor asks for a free MRI review, a surgeon writes the result, the visitor reads it', async () => {
  const statusUrl = await askForReview('Morgan Scan', 'en');
  await visitor
    .getByText('A clinician will look at your scans and write the result here.')
    .waitFor();
  await noAxeViolations(visitor, 'status page waiting for the result');

  await signInDemoStaff(server, surgeon, 'surgeon@demo.example');
  await surgeon.getByRole('link', { name: 'MRI/CT reviews' }).click();
  await surgeon.getByRole('heading', { name: 'Free MRI/CT reviews', level: 1 }).waitFor();
  // Only scan reviews are in a clinician's queue (read once its rows are drawn: a state, not a time).
  await surgeon.getByTestId('requests-table').locator('tbody tr').nth(2).waitFor();
  const kinds = await surgeon
    .getByTestId('requests-table')
    .locator('tbody tr td:first-child')
    .allTextContents();
  assert.ok(kinds.length >= 3, kinds.join(' | '));
  assert.ok(
    kinds.every((k) => k.includes('MRI/CT review')),
    kinds.join(' | '),
  );
  await noAxeViolations(surgeon, 'clinician MRI/CT review queue');
  const summary =
    'Your MRI shows narrowing of the spinal canal at one level of the lower back. This can press on nerves.';
  await writeResult('Morgan Scan', 'Consultation with a spine specialist', summary, 'English');
  await noAxeViolations(surgeon, 'console result written');
  await screenshot(surgeon, 'console-imaging-review-result');

  await visitor.goto('about:blank');
  await visitor.goto(statusUrl);
  const result = visitor.getByTestId('review-result');
  await result.waitFor();
  assert.equal(await visitor.getByTestId('review-summary').textContent(), summary);
  assert.equal(
    await visitor.getByTestId('review-next-step').textContent(),
    'See a spine specialist',
  );
  await result.getByText(/This is a review of your scans, not a diagnosis\./).waitFor();
  await result.getByText('Written by Dr. Sam Surgeon', { exact: false }).waitFor();
  await result.getByRole('link', { name: 'Ask for a consultation' }).waitFor();
  assert.equal(await visitor.getByTestId('request-status').textContent(), 'Done');
  await noAxeViolations(visitor, 'status page with the result');
  await screenshot(visitor, 'request-status-imaging-review');
});

test('a Spanish request: the result page opens in Spanish, whatever the browser speaks', async () => {
  const statusUrl = await askForReview('Lucía Imagen', 'es');
  const summary =
    'Su resonancia no muestra presión sobre los nervios. Los cambios que se ven son comunes con la edad.';
  await writeResult('Lucía Imagen', 'Nothing needed here', summary, 'Spanish');

  // A new browser in English opens the link from the first email.
  const fresh = await openBrowser();
  try {
    const page = await fresh.context.newPage();
    await page.goto(statusUrl);
    const result = page.getByTestId('review-result');
    await result.waitFor();
    await page.getByRole('heading', { name: 'Lo que encontró el clínico' }).waitFor();
    assert.equal(await page.getByTestId('review-summary').textContent(), summary);
    assert.equal(
      await page.getByTestId('review-next-step').textContent(),
      'Por ahora no se necesita nada aquí',
    );
    await result.getByText(/no un diagnóstico/).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    await noAxeViolations(page, 'Spanish status page with the result');
  } finally {
    await fresh.close();
  }
});

test('a signed-in patient sees the result with their own requests', async () => {
  const patient = await openBrowser();
  try {
    const patientId = await signInDemoPatient(server, patient.context.request, 'rosa@demo.example');
    const made = await patient.context.request.post(
      `${server.url}/api/patients/${patientId}/requests`,
      { data: { kind: 'imaging_review', language: 'en', consent: true } },
    );
    assert.equal(made.status(), 201, await made.text());
    const { requestId } = (await made.json()) as { requestId: string };
    // The surgeon (signed in above) writes it through the same API the console uses.
    const summary = 'Your scans look as expected for your age. Keep up the care you have now.';
    const written = await surgeon.request.post(
      `${server.url}/api/requests/${requestId}/imaging-review-result`,
      { data: { nextStep: 'conservative_care', summary } },
    );
    assert.equal(written.status(), 201, await written.text());

    const page = await patient.context.newPage();
    await page.goto(`${server.url}/request`);
    const own = page.getByTestId('own-request').filter({ hasText: summary });
    await own.getByTestId('review-result').waitFor();
    await own.getByText('More care without surgery').waitFor();
    await own.getByText(/not a diagnosis/).waitFor();
    await noAxeViolations(page, "the patient's requests with a result");
  } finally {
    await patient.close();
  }
});
