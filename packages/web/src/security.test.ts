import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  phone,
  signInDemoStaff,
  signInWithCode,
  startBrowserTest,
} from './testing/browser.test-helper.ts';

// The web app under the server's Content-Security-Policy, and sign-out forgetting what the device
// kept. Its own browser: the service worker is allowed here (the other browser tests block it).
const { server } = await startBrowserTest();
let context: BrowserContext;
let profile: string;
const violations: string[] = [];

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'lamina-chromium-sec-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.LAMINA_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    viewport: phone,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    serviceWorkers: 'allow',
  });
  // Every CSP violation the browser reports, as an event and as a console message.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|CSP violation/i.test(message.text()))
      violations.push(`${message.page()?.url()}: ${message.text()}`);
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function signInPatient(page: Page, email: string) {
  await page.goto(server.url);
  await page.waitForURL('**/signin');
  await signInWithCode(server, page, email);
  await page.getByRole('heading', { name: /^Hello, / }).waitFor();
}

test('the app and console run under the CSP with no violation, the imaging viewer included', async () => {
  const page = await context.newPage();
  const response = await page.goto(server.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  await signInPatient(page, 'rosa@demo.example');
  for (const path of ['/recovery', '/exercises', '/questionnaires', '/messages', '/learn']) {
    await page.goto(`${server.url}${path}`);
    await page.locator('h1').first().waitFor();
  }
  await page.goto(server.url);
  await page.getByRole('heading', { name: /^Hello, / }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin');

  const staff = await context.newPage();
  await signInDemoStaff(server, staff, 'nurse@demo.example');
  const patients = (await (await staff.request.get(`${server.url}/api/patients`)).json()) as {
    patients: { id: string; givenName: string }[];
  };
  const rosa = patients.patients.find((p) => p.givenName === 'Rosa')?.id ?? '';
  await staff.goto(`${server.url}/console/patients/${rosa}`);
  await staff.getByRole('heading', { name: 'Scans and reports' }).waitFor();
  await staff.locator('.imaging-studies li').first().getByRole('button', { name: 'View' }).click();
  await staff.getByText('Image 1 of 8').waitFor();
  await staff.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.imaging-canvas');
    return canvas !== null && canvas.width > 0;
  });
  for (const path of ['/console', '/console/requests', '/console/settings']) {
    await staff.goto(`${server.url}${path}`);
    await staff.getByRole('navigation', { name: 'Console menu' }).waitFor();
  }
  await staff.getByRole('button', { name: 'Sign out' }).click();
  await staff.waitForURL('**/console/signin');
  await staff.close();
  await page.close();
  assert.deepEqual(violations, []);
});

test('sign-out clears the saved session and plan and the service worker cache', async () => {
  const page = await context.newPage();
  await signInPatient(page, 'rosa@demo.example');
  // Wait until the service worker controls the page, then open the plan through it.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole('heading', { name: /^Hello, / }).waitFor();
  const cachedPlans = () =>
    page.evaluate(async () => {
      if (!(await caches.has('lamina-data'))) return [];
      const cache = await caches.open('lamina-data');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
  for (let i = 0; i < 50 && (await cachedPlans()).length === 0; i++) await page.waitForTimeout(100);
  assert.equal((await cachedPlans()).length, 1, 'the plan was kept for offline reading');
  assert.ok(await page.evaluate(() => localStorage.getItem('lamina.plan')));

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/signin');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.deepEqual(await cachedPlans(), [], 'no plan left in the service worker cache');
  assert.equal(await page.evaluate(() => localStorage.getItem('lamina.plan')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('lamina.me')), null);
  await page.close();
});
