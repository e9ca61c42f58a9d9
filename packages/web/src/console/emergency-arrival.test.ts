import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  phone,
  screenshot,
  signInDemoPatient,
  signInDemoStaff,
  startBrowserTest,
} from '../testing/browser.test-helper.ts';

// Issue 17: the care team sees an emergency arrive — tab title, a brief highlight, the card at the
// top, the patient's phone (tel:), language and age, what they were told in their own language,
// and an optional chime that is off until the user turns it on (remembered in this browser).
const {
  server,
  browsers: [_staffBrowser, patientBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone, phone] });

const cardIds = (p: Page) =>
  p
    .locator('ol.alerts article')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-alert-id')));

test('an emergency posted by a patient arrives at the top of the open console, announced', async () => {
  await signInDemoStaff(server, page, 'nurse@demo.example');
  await page.getByTestId('stream').getByText('Live').waitFor();
  await page.locator('ol.alerts article').first().waitFor();

  // The demo starts with emergencies of its own; the team deals with them, so none is open.
  const queue = (await (await page.request.get(`${server.url}/api/alerts/queue`)).json()) as {
    redFlags: { id: string; level: string }[];
  };
  for (const card of queue.redFlags.filter((c) => c.level === 'emergency'))
    assert.equal(
      (await page.request.post(`${server.url}/api/alerts/${card.id}/resolve`, { data: {} })).ok(),
      true,
    );
  await page.waitForFunction(
    () => !document.querySelector('ol.alerts article[data-level="emergency"]'),
  );
  assert.equal(await page.title(), 'Lamina care team');
  const sound = page.getByTestId('emergency-sound');
  assert.equal(await sound.isChecked(), false, 'the sound is off by default');

  // Rosa checks in with chest pain on a phone set to Spanish.
  const patient = patientBrowser.context;
  const rosaId = await signInDemoPatient(server, patient.request, 'rosa@demo.example');
  const posted = await patient.request.post(`${server.url}/api/patients/${rosaId}/checkins`, {
    data: { idempotencyKey: `arrival-${Date.now()}`, lang: 'es', checkin: { chestPain: 'yes' } },
  });
  assert.equal(posted.status(), 201);
  const alertId = ((await posted.json()) as { alert: { id: string } }).alert.id;
  const card = page.locator(`article[data-alert-id="${alertId}"]`);
  await card.waitFor();

  await page.waitForFunction(() => document.title === '(1) Emergency – Lamina');
  assert.equal(await card.getAttribute('data-arrived'), 'true', 'highlighted when it arrives');
  assert.match((await card.getAttribute('class')) ?? '', /\barrived\b/);
  assert.equal((await cardIds(page))[0], alertId, 'the new emergency is at the top');
  assert.equal(
    await page.getByTestId('announce').textContent(),
    'New emergency alert: Rosa Martínez.',
  );

  const phone = card.getByTestId('patient-phone');
  assert.equal(await phone.getAttribute('href'), 'tel:+15550100110');
  assert.equal(await phone.textContent(), 'Call +1 555-010-0110');
  assert.equal(await card.getByTestId('patient-language').textContent(), ' · Speaks English');
  assert.equal(await card.getByTestId('patient-age').textContent(), ' · 67 years old');
  await screenshot(page, 'console-emergency-arrived');
  // What the patient was told: in the Spanish their phone showed, though the console is English.
  const told = card.getByTestId('patient-told');
  assert.equal(await told.getAttribute('lang'), 'es');
  assert.match((await told.innerText()) ?? '', /911/);
  assert.doesNotMatch(await told.innerText(), /\b(Call|call|you|your)\b/);

  // The highlight is brief: it goes once the moment has passed (the ring is not permanent).
  await page.waitForFunction(
    (id) =>
      !document.querySelector(`article[data-alert-id="${id}"]`)?.classList.contains('arrived'),
    alertId,
    { timeout: 40_000 },
  );

  // The patient page shows the same ways to reach her.
  await card.getByRole('link', { name: 'Rosa Martínez' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rosa Martínez' }).waitFor();
  assert.equal(await page.getByTestId('patient-phone').getAttribute('href'), 'tel:+15550100110');
  assert.equal(await page.getByTestId('patient-age').textContent(), ' · 67 years old');
  // The title still counts the open emergency on another screen.
  assert.equal(await page.title(), '(1) Emergency – Lamina');

  // The chime: turned on by the user, played for the next emergency, remembered after a reload.
  await page.goto(`${server.url}/console`);
  await page.getByTestId('stream').getByText('Live').waitFor();
  await page.getByTestId('emergency-sound').check();
  const second = await patient.request.post(`${server.url}/api/patients/${rosaId}/checkins`, {
    data: { idempotencyKey: `arrival-2-${Date.now()}`, checkin: { chestPain: 'yes' } },
  });
  assert.equal(second.status(), 201);
  await page.waitForFunction(
    () => (window as unknown as { __laminaChimes?: number }).__laminaChimes === 1,
  );
  await page.waitForFunction(() => document.title === '(2) Emergency – Lamina');
  // Server order among emergencies: the one waiting longest stays first, the new one next.
  const secondId = ((await second.json()) as { alert: { id: string } }).alert.id;
  assert.deepEqual((await cardIds(page)).slice(0, 2), [alertId, secondId]);
  await page.reload();
  await page.getByTestId('stream').getByText('Live').waitFor();
  assert.equal(await page.getByTestId('emergency-sound').isChecked(), true);
});

/**
 * Visible text nodes under `main` and the console's header that are an English catalogue string
 * (one that Spanish writes differently): the English the console would show by mistake.
 */
async function englishOnScreen(p: Page, english: string[]): Promise<string[]> {
  return p.evaluate((patterns) => {
    const regexes = patterns.map(
      (text) =>
        new RegExp(
          `^${text
            .split(/\{\w+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.+')}$`,
        ),
    );
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('[lang="en"], script, style')) continue;
      if (!parent.checkVisibility()) continue;
      if (regexes.some((r) => r.test(text))) found.push(text);
    }
    return found;
  }, english);
}

test('in Spanish, the queue, a patient page and the settings show no English console string', async () => {
  const { consoleEn } = await import('../i18n/console.en.ts');
  const { consoleEs } = await import('../i18n/console.es.ts');
  const es = consoleEs as Readonly<Record<string, string | undefined>>;
  // Strings Spanish writes the same way ("No", "Email" in a name…) cannot tell the languages apart.
  const english = Object.entries(consoleEn)
    .filter(([key, text]) => es[key] !== text && /\p{L}{3}/u.test(text.replace(/\{\w+\}/g, '')))
    .map(([, text]) => text);

  const context = patientBrowser.context;
  await context.clearCookies();
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInDemoStaff(server, admin, 'admin@demo.example');
  await admin.getByTestId('stream').getByText('Live').waitFor();
  await admin.getByRole('button', { name: 'Español' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Cola de triaje' }).waitFor();
  await admin.locator('ol.alerts article').first().waitFor();
  assert.deepEqual(await englishOnScreen(admin, english), [], 'queue');

  await admin.locator('ol.alerts article h2 a').first().click();
  await admin.locator('#timeline').waitFor();
  await admin.locator('#checkins table, #checkins p').first().waitFor();
  assert.deepEqual(await englishOnScreen(admin, english), [], 'patient page');

  await admin.goto(`${server.url}/console/settings`);
  await admin.getByRole('heading', { level: 1 }).first().waitFor();
  await admin.getByText('Orden de guardia').first().waitFor();
  assert.deepEqual(await englishOnScreen(admin, english), [], 'settings');
  await admin.close();
});
