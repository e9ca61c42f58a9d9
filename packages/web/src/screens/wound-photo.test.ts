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

// Issue 17: a wound photo on a check-in. It is re-encoded on the phone (no Exif, so no location),
// a HEIC the browser cannot open is explained, the result says whether the photo went (offline:
// the check-in is kept, the photo did not go), and the care team sees it beside the check-in.
const {
  server,
  browsers: [browser, staffBrowser],
  pages: [page],
} = await startBrowserTest({ browsers: [phone, phone] });
const context = browser.context;
const georgeId = await signInDemoPatient(server, page.request, 'george@demo.example');

/** A real 8×8 grey baseline JPEG made by the browser, with an Exif block holding a GPS pointer added. */
async function jpegWithGps(p: Page): Promise<Buffer> {
  const base64 = await p.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 8;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.fillStyle = '#b55';
    context.fillRect(0, 0, 8, 8);
    return canvas.toDataURL('image/jpeg').split(',')[1] as string;
  });
  const plain = Buffer.from(base64, 'base64');
  const tiff = [
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x25, 0x88, 0x04, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x1a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x4e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  const app1 = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}

async function toLastStep(): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('checkin-button').click();
  await page.getByRole('heading', { name: 'How are you today?' }).waitFor();
  await page.getByRole('button', { name: 'No, nothing new or worse' }).click();
  while ((await page.getByRole('button', { name: 'Send my check-in' }).count()) === 0)
    await page.getByRole('button', { name: 'Next', exact: true }).click();
}

async function photos(): Promise<{ id: string; checkinId: string | null }[]> {
  const response = await page.request.get(`${server.url}/api/patients/${georgeId}/photos`);
  assert.equal(response.status(), 200);
  return ((await response.json()) as { photos: { id: string; checkinId: string | null }[] }).photos;
}

test('a photo with a GPS location goes with the check-in without it, and the care team sees it', async () => {
  await page.goto(server.url);
  const withGps = await jpegWithGps(page);
  assert.ok(withGps.includes(Buffer.from('Exif\0\0')), 'the test photo carries Exif');
  await toLastStep();

  // A HEIC photo this browser cannot open: a clear message, nothing attached.
  const heic = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic\0\0\0\0mif1heic'),
    Buffer.alloc(64),
  ]);
  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heic });
  await page
    .getByTestId('photo-problem')
    .getByText(/cannot open that photo/)
    .waitFor();
  assert.equal(await page.getByTestId('photo-preview').count(), 0);

  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'wound.jpg', mimeType: 'image/jpeg', buffer: withGps });
  await page.getByTestId('photo-preview').waitFor();
  assert.equal(await page.getByTestId('photo-problem').count(), 0);
  await screenshot(page, '55-checkin-wound-photo');
  await page.getByRole('button', { name: 'Send my check-in' }).click();
  await page.locator('[data-level="routine"]').waitFor();
  await page.getByTestId('photo-sent').waitFor();

  const list = await photos();
  assert.equal(list.length, 1);
  const checkins = (await (
    await page.request.get(`${server.url}/api/patients/${georgeId}/checkins`)
  ).json()) as { checkins: { id: string }[] };
  assert.equal(list[0]?.checkinId, checkins.checkins[0]?.id, 'attached to the new check-in');
  const stored = await page.request.get(`${server.url}/api/photos/${list[0]?.id}`);
  assert.equal(stored.status(), 200);
  assert.equal(stored.headers()['content-type'], 'image/jpeg');
  const bytes = await stored.body();
  assert.equal(bytes.includes(Buffer.from('Exif\0\0')), false, 'no Exif (no location) kept');

  // The care team: the photo beside the check-in on the patient page.
  const nurse = await staffBrowser.context.newPage();
  await nurse.setViewportSize({ width: 1280, height: 900 });
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  await nurse.goto(`${server.url}/console/patients/${georgeId}`);
  const thumb = nurse.locator('#checkins [data-testid="wound-photo"]').first();
  await thumb.waitFor();
  await nurse.waitForFunction(
    () =>
      (document.querySelector('#checkins [data-testid="wound-photo"]') as HTMLImageElement | null)
        ?.naturalWidth === 8,
  );
  await thumb.scrollIntoViewIfNeeded();
  await screenshot(nurse, 'console-wound-photo');
  await nurse.close();
});

test('offline: the check-in is kept on the phone and the patient is told the photo did not go', async () => {
  await toLastStep();
  const withGps = await jpegWithGps(page);
  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'wound.jpg', mimeType: 'image/jpeg', buffer: withGps });
  await page.getByTestId('photo-preview').waitFor();
  const before = (await photos()).length;
  await context.setOffline(true);
  try {
    await page.getByRole('button', { name: 'Send my check-in' }).click();
    await page.getByTestId('not-sent').waitFor();
    await page
      .getByTestId('photo-not-sent')
      .getByText(/photo did not go/)
      .waitFor();
    const waiting = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('lamina.outbox.v1') ?? '[]') as unknown[]).length,
    );
    assert.equal(waiting, 1, 'the check-in waits on the phone');
  } finally {
    await context.setOffline(false);
  }
  assert.equal((await photos()).length, before, 'no photo was stored');
});

test('a photo on a message: stored without Exif and shown in the thread on both sides', async () => {
  await page.goto(`${server.url}/messages`);
  await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
  await page.getByLabel('Write to your care team').fill('Is this redness normal?');
  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'wound.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(page) });
  await page.getByTestId('photo-preview').waitFor();
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.locator('.thread [data-testid="wound-photo"]').waitFor();
  const list = await photos();
  const onMessage = list.find((p) => p.checkinId === null);
  assert.ok(onMessage, 'a photo attached to the message');
  const bytes = await (await page.request.get(`${server.url}/api/photos/${onMessage.id}`)).body();
  assert.equal(bytes.includes(Buffer.from('Exif\0\0')), false);

  const nurse = await staffBrowser.context.newPage();
  await nurse.setViewportSize({ width: 1280, height: 900 });
  await staffBrowser.context.clearCookies();
  await signInDemoStaff(server, nurse, 'nurse@demo.example');
  await nurse.goto(`${server.url}/console/patients/${georgeId}`);
  await nurse.locator('#messages [data-testid="wound-photo"]').first().waitFor();
  await nurse.close();
});
