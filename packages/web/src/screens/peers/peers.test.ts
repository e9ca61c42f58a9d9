import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  noAxeViolations,
  openFromConsoleMenu,
  phone,
  signInDemoPatient,
  startBrowserTest,
} from '../../testing/browser.test-helper.ts';

// Connect with a past patient, end to end in two browsers: Walter (a demo patient after surgery)
// volunteers; a care manager approves him in the console; Rosa asks, picks him and consents;
// nothing can be sent until Walter accepts; they write; Walter ends it; sending is refused.
const {
  server,
  browsers: [walterBrowser, rosaBrowser],
  pages: [walter, rosa],
} = await startBrowserTest({ browsers: [phone, phone] });
let connectionId: string;

const messageBox = (page: Page) => page.getByLabel('Your message');

test('a past patient volunteers from the patient app and waits for approval', async () => {
  await signInDemoPatient(server, walterBrowser.context.request, 'walter@demo.example');
  await walter.goto(`${server.url}/peers/volunteer`);
  await walter.getByRole('heading', { name: 'Offer to talk with others' }).waitFor();
  await walter.getByText('From your record: Laminectomy, Lower back, without fusion.').waitFor();
  await noAxeViolations(walter, 'volunteer form');

  await walter.getByRole('button', { name: 'Send my offer' }).click();
  await walter
    .getByRole('alert')
    .getByText(/tick the box/)
    .waitFor();

  await walter.getByLabel('The name others will see').fill('Walt');
  await walter
    .getByLabel('What was the problem in your spine?')
    .selectOption('lumbar-spinal-stenosis');
  // Walter's date of birth is on record (the demo gives its patients one since issue 17), so his
  // age group (70-79) comes from it and the form does not ask.
  assert.equal(await walter.getByLabel('Your age group').count(), 0);
  await walter.getByRole('checkbox', { name: 'English' }).check();
  await walter.getByRole('checkbox', { name: 'Weekends' }).check();
  await walter
    .getByLabel('A few words about you and your surgery')
    .fill('Two levels done. Walking more each day.');
  await walter.getByRole('checkbox', { name: /I agree that other patients/ }).check();
  await walter.getByRole('button', { name: 'Send my offer' }).click();
  await walter
    .getByTestId('volunteer-state')
    .getByText('Your care team is checking your offer.')
    .waitFor();
  await noAxeViolations(walter, 'volunteer waiting for approval');
});

test('a care manager approves the volunteer in the console', async () => {
  await rosa.goto(`${server.url}/console/signin`);
  await rosa.getByLabel('Clinic code').fill('demo');
  await rosa.getByLabel('Work email').fill('nurse@demo.example');
  await rosa.getByLabel('Password').fill('lamina-demo-only');
  await rosa.getByRole('button', { name: 'Sign in' }).click();
  await openFromConsoleMenu(rosa, 'Peers');
  await rosa.getByRole('heading', { name: 'Past-patient peers' }).waitFor();
  const row = rosa.getByTestId('peer-volunteers').getByRole('row', { name: /Walter Brooks/ });
  await row.getByText('Waiting for approval').waitFor();
  await noAxeViolations(rosa, 'console peers');
  await row.getByRole('button', { name: 'Approve Walter Brooks' }).click();
  await row.getByText('Approved').waitFor();
  await rosa.getByRole('button', { name: 'Sign out' }).click();
  await rosa.waitForURL('**/console/signin');
});

test('the prospective patient asks, picks the volunteer and consents; nothing can be sent yet', async () => {
  await signInDemoPatient(server, rosaBrowser.context.request, 'rosa@demo.example');
  await rosa.goto(server.url);
  await rosa.getByRole('heading', { name: 'Hello, Rosa' }).waitFor();
  await rosa.getByRole('link', { name: 'Talk to someone who had this surgery' }).click();
  await rosa.getByRole('heading', { name: 'Talk with a past patient' }).waitFor();
  await noAxeViolations(rosa, 'peers home');
  await rosa.getByRole('link', { name: 'Talk to someone who had this surgery' }).click();
  await rosa.getByRole('heading', { name: 'Who would you like to talk with?' }).waitFor();
  await rosa.getByRole('button', { name: 'Find people to talk with' }).click();
  const proposals = rosa.getByTestId('peer-proposals');
  await proposals.getByRole('heading', { name: 'Walt' }).waitFor();
  // Demo volunteers are proposed too; never a surname.
  await proposals.getByRole('heading', { name: 'Elena' }).waitFor();
  assert.equal(await proposals.getByText('Brooks').count(), 0);
  await noAxeViolations(rosa, 'proposals');

  await rosa.getByRole('button', { name: 'Ask Walt to talk' }).click();
  await rosa
    .getByLabel('What would you like to talk about?')
    .fill('How did the first two weeks go?');
  await rosa.getByRole('button', { name: 'Send my request' }).click();
  await rosa.getByRole('alert').getByText('Tick the box to agree first.').waitFor();
  await rosa.getByRole('checkbox', { name: /I agree to share my first name/ }).check();
  await noAxeViolations(rosa, 'consent');
  await rosa.getByRole('button', { name: 'Send my request' }).click();

  await rosa.getByRole('heading', { name: 'Conversation with Walt' }).waitFor();
  connectionId = /\/peers\/c\/([0-9a-f-]{36})/.exec(rosa.url())?.[1] ?? '';
  assert.ok(connectionId, rosa.url());
  await rosa
    .getByTestId('peer-status')
    .getByText(/after Walt says yes/)
    .waitFor();
  await rosa
    .getByTestId('peer-disclaimer')
    .getByText(/Peers share their own experience\. They are not medical advice\./)
    .waitFor();
  assert.equal(await messageBox(rosa).count(), 0, 'no message box before both consent');
  const early = await rosa.request.post(
    `${server.url}/api/peers/connections/${connectionId}/messages`,
    {
      data: { body: 'Hello?' },
    },
  );
  assert.equal(early.status(), 409);
  await noAxeViolations(rosa, 'waiting thread');
});

test('the volunteer accepts; both write; the volunteer ends it and sending is refused', async () => {
  await walter.goto(`${server.url}/peers`);
  await walter.getByRole('link', { name: 'Rosa · Asks to talk with you' }).click();
  await walter.getByRole('heading', { name: 'Rosa would like to talk with you.' }).waitFor();
  await walter.getByText('Topic: How did the first two weeks go?').waitFor();
  await noAxeViolations(walter, 'request to the volunteer');
  const accept = walter.getByRole('button', { name: 'Yes, let’s talk' });
  assert.equal(await accept.isDisabled(), true, 'accepting needs the consent box');
  await walter.getByRole('checkbox', { name: /I agree to talk with Rosa/ }).check();
  await accept.click();

  await messageBox(walter).fill('Hi Rosa, the first week was slow but it got better.');
  await walter.getByRole('button', { name: 'Send', exact: true }).click();
  await walter.locator('.thread li.mine').getByText('the first week was slow').waitFor();

  // Rosa's open thread picks up the acceptance and the message.
  await rosa
    .locator('.thread li.theirs')
    .getByText('the first week was slow')
    .waitFor({ timeout: 30_000 });
  await messageBox(rosa).fill('Thank you, Walt!');
  await rosa.getByRole('button', { name: 'Send', exact: true }).click();
  await rosa.locator('.thread li.mine').getByText('Thank you, Walt!').waitFor();
  await noAxeViolations(rosa, 'active thread');
  await walter
    .locator('.thread li.theirs')
    .getByText('Thank you, Walt!')
    .waitFor({ timeout: 30_000 });

  await walter.getByRole('button', { name: 'End this conversation' }).click();
  await walter.getByRole('button', { name: 'Yes, end it' }).click();
  await walter
    .getByTestId('peer-status')
    .getByText(/This conversation has ended/)
    .waitFor();
  assert.equal(await messageBox(walter).count(), 0);
  await noAxeViolations(walter, 'ended thread');

  await rosa
    .getByTestId('peer-status')
    .getByText(/This conversation has ended/)
    .waitFor({ timeout: 30_000 });
  assert.equal(await messageBox(rosa).count(), 0);
  const late = await rosa.request.post(
    `${server.url}/api/peers/connections/${connectionId}/messages`,
    {
      data: { body: 'Are you there?' },
    },
  );
  assert.equal(late.status(), 409);
  assert.match(((await late.json()) as { detail: string }).detail, /has ended/);

  // The same thread in Spanish: the notice that peers are not medical advice, and that it ended.
  await rosa.getByRole('button', { name: 'Español' }).click();
  await rosa
    .getByTestId('peer-disclaimer')
    .getByText(/Los pacientes comparten su propia experiencia\. No es un consejo médico\./)
    .waitFor();
  await rosa
    .getByTestId('peer-status')
    .getByText(/Esta conversación terminó/)
    .waitFor();
  await noAxeViolations(rosa, 'ended thread in Spanish');
});
