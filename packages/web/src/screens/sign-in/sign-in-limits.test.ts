import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, phone, startBrowserTest } from '../../testing/browser.test-helper.ts';

// Issue 12: code requests are limited per email; the sign-in screen says when the patient may ask
// again, in English and Spanish, and says the same for an email that has no account.
const {
  server,
  pages: [page],
} = await startBrowserTest({ browsers: [phone] });

test('after five codes in an hour the sign-in screen says when to ask again (English, Spanish)', async () => {
  const email = 'nobody@demo.example';
  for (let i = 0; i < 5; i++) {
    const asked = await page.request.post(`${server.url}/api/auth/patient/code`, {
      data: { clinic: 'demo', email },
    });
    assert.equal(asked.status(), 202);
  }
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Clinic code').fill('demo');
  await page.getByLabel('Your email').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page
    .getByRole('alert')
    .getByText(
      'You asked for many codes in a short time. You can ask for a new code in 60 minutes.',
    )
    .waitFor();
  assert.deepEqual(await axe(page), [], 'axe-core violations with the wait message');

  await page.getByRole('button', { name: 'Español' }).click();
  await page
    .getByRole('button', { name: /código/i })
    .first()
    .click();
  await page
    .getByRole('alert')
    .getByText('Pidió muchos códigos en poco tiempo. Puede pedir un código nuevo en 60 minutos.')
    .waitFor();
});
