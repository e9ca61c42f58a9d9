import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  axe,
  openBrowser,
  signInDemoPatient,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// Today suggests a second opinion in seed 000's windows (pathway's secondOpinionPrompt): the demo's
// Rosa is 10 days after surgery, George 21, Walter 4 (all in weeks 1 to 6), Frank 45 (past them).
const { server } = await startBrowserTest();

async function today(email: string) {
  const browser = await openBrowser();
  await signInDemoPatient(server, browser.context.request, email);
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByTestId('checkin-button').waitFor();
  return { browser, page };
}

test('Rosa, 10 days after surgery, sees the card on Today; it leads to the second opinion and stays dismissed', async () => {
  const { browser, page } = await today('rosa@demo.example');
  try {
    const card = page.getByTestId('second-opinion-prompt');
    await card.waitFor();
    await card.getByRole('heading', { name: 'A second opinion, if you want one' }).waitFor();
    await card.getByText(/In the first six weeks, a second opinion/).waitFor();
    await card.getByText('Source: clinic guide: recovery after neck surgery').waitFor();
    assert.deepEqual(await axe(page), [], 'axe-core violations on Today with the card');

    // In Spanish too.
    await page.getByRole('button', { name: 'Español' }).click();
    await card.getByRole('heading', { name: 'Una segunda opinión, si la quiere' }).waitFor();
    await card.getByText(/En las primeras seis semanas/).waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    await card.getByRole('link', { name: 'Start a second opinion' }).click();
    await page.getByRole('heading', { name: 'Second opinion', level: 1 }).waitFor();
    await page.goBack();
    await card.waitFor();
    await card.getByRole('button', { name: 'Not now' }).click();
    await card.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('checkin-button').waitFor();
    // The always-present link is still there; the card is not.
    await page.getByRole('link', { name: 'Ask for a second opinion' }).waitFor();
    assert.equal(await page.getByTestId('second-opinion-prompt').count(), 0);
  } finally {
    await browser.close();
  }
});

test('no card while the patient has a second opinion open, nor outside the windows', async () => {
  const george = await today('george@demo.example');
  try {
    await george.page.getByTestId('second-opinion-prompt').waitFor();
    const asked = await george.browser.context.request.post(`${server.url}/api/second-opinions`, {
      data: { question: 'Is my back healing as it should, three weeks after surgery?' },
    });
    assert.equal(asked.status(), 201, await asked.text());
    await george.page.reload();
    await george.page.getByTestId('checkin-button').waitFor();
    // Give the card's check time to answer, then make sure it stayed away.
    await george.page.waitForLoadState('networkidle');
    assert.equal(await george.page.getByTestId('second-opinion-prompt').count(), 0);
  } finally {
    await george.browser.close();
  }

  const frank = await today('frank@demo.example');
  try {
    await frank.page.waitForLoadState('networkidle');
    assert.equal(await frank.page.getByTestId('second-opinion-prompt').count(), 0, 'day 45');
  } finally {
    await frank.browser.close();
  }
});
