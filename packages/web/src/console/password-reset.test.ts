import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axe, phone, startBrowserTest } from '../testing/browser.test-helper.ts';

// Issue 12: a staff member locked out by wrong passwords (maybe someone else's) gets back in with a
// reset link by email, chooses a new password (a common one is refused) and signs in.
const {
  server,
  browsers: [_browser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone] });
const email = 'pt@demo.example';

async function signIn(password: string) {
  await page.getByLabel('Clinic code').fill('demo');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('locked out, a staff member resets the password by email and signs in again', async () => {
  for (let i = 0; i < 5; i++) {
    const tried = await page.request.post(`${server.url}/api/auth/sign-in`, {
      data: { clinic: 'demo', email, password: `someone guessing ${i}` },
    });
    assert.equal(tried.status(), 401);
  }
  await page.goto(`${server.url}/console/signin`);
  await signIn('lamina-demo-only');
  await page
    .getByRole('alert')
    .getByText('Too many tries. You can try again in 15 minutes.')
    .waitFor();

  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.getByLabel('Clinic code').fill('demo');
  await page.getByLabel('Work email').fill(email);
  const since = server.output().length;
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await page
    .getByRole('status')
    .getByText(/a link is on its way/)
    .waitFor();
  assert.deepEqual(await axe(page), [], 'axe-core violations on the reset request');
  const link = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const found = /password reset link (\S+)/.exec(server.output().slice(since))?.[1];
      if (found) resolve(found);
      else if (Date.now() - started > 10_000) reject(new Error('no reset link in the log'));
      else setTimeout(look, 100);
    };
    look();
  });
  assert.ok(link.startsWith(`${server.url}/console/reset-password#token=`), link);

  await page.goto(link);
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel('New password').fill('password1234');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page
    .getByRole('alert')
    .getByText(/too common/)
    .waitFor();
  await page.getByLabel('New password').fill('river lantern copper meadow');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('status').getByText('Your password is changed.', { exact: false }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe-core violations on the reset screen');

  await page.getByRole('link', { name: 'Back to sign-in' }).click();
  await page.waitForURL('**/console/signin');
  await signIn('river lantern copper meadow');
  await page.getByRole('navigation', { name: 'Console menu' }).waitFor();
});
