/**
 * `npm run bench served`: the web app as a phone receives it from `lamina serve --demo` (issue 17,
 * "Served like a real web app").
 *
 * 1. Initial JavaScript of each entry, in KB as served (compressed bytes on the wire, from the
 *    browser's own Resource Timing `encodedBodySize`), counted until the first screen is drawn:
 *    the patient's Today (signed in), the public candidacy check, the console's sign-in.
 * 2. First contentful paint and "first screen ready" under a throttled phone profile (150 ms round
 *    trip, 1.6 Mbps down, 750 kbps up, 4× slower CPU, cold cache), the median of 3 loads. The
 *    reference in the same run is the floor of that profile: a one-line HTML page with no script,
 *    served by a bare node:http server under the same throttling; its FCP is printed beside ours.
 *
 * Aims: FCP ≤ 2.0 s for Today and the public check; initial JS within each entry's budget.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  ensureBuilt,
  openBrowser,
  signInDemoPatient,
  startServer,
} from './testing/browser.test-helper.ts';

const fcpAimMs = 2000;
const budgetsKb: Record<string, number> = { today: 150, check: 130, console: 150 };
const runs = 3;

const profile = {
  latency: 150,
  downloadThroughput: (1.6 * 1_000_000) / 8,
  uploadThroughput: (750 * 1000) / 8,
  cpuSlowdown: 4,
};

interface Load {
  fcpMs: number;
  readyMs: number;
  jsKb: number;
  files: string[];
}

async function load(
  page: Page,
  url: string,
  ready: (page: Page) => Promise<void>,
  throttled: boolean,
): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.downloadThroughput,
      uploadThroughput: profile.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  }
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const readyMs = Date.now() - started;
  const measured = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.endsWith('.js'))
      .map((r) => ({ name: new URL(r.name).pathname, bytes: r.encodedBodySize }));
    return { fcp: paint?.startTime ?? Number.NaN, scripts };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return {
    fcpMs: measured.fcp,
    readyMs,
    jsKb: measured.scripts.reduce((sum, s) => sum + s.bytes, 0) / 1024,
    files: measured.scripts.map((s) => `${s.name} ${(s.bytes / 1024).toFixed(1)} KB`),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const verdict = (met: boolean) => (met ? 'met' : 'BELOW');

ensureBuilt();
const server = await startServer();
const floor = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="en"><title>floor</title><h1>Hello</h1></html>');
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;
const browser = await openBrowser();
let failed = false;
try {
  const page = await browser.context.newPage();
  const entries: {
    name: string;
    url: string;
    ready: (page: Page) => Promise<void>;
    fcpAim?: number;
  }[] = [
    {
      name: 'today',
      url: `${server.url}/`,
      ready: (p) => p.getByRole('heading', { name: 'Hello, Henry' }).waitFor({ timeout: 60_000 }),
      fcpAim: fcpAimMs,
    },
    {
      name: 'check',
      url: `${server.url}/check`,
      ready: (p) => p.locator('main h1').first().waitFor({ timeout: 60_000 }),
      fcpAim: fcpAimMs,
    },
    {
      name: 'console',
      url: `${server.url}/console`,
      ready: (p) => p.locator('form.signin input[type=email]').waitFor({ timeout: 60_000 }),
    },
  ];
  await signInDemoPatient(server, page.request, 'henry@demo.example');

  const floorLoads: Load[] = [];
  for (let i = 0; i < runs; i++)
    floorLoads.push(await load(page, floorUrl, (p) => p.locator('h1').waitFor(), true));
  const floorFcp = median(floorLoads.map((l) => l.fcpMs));
  console.log(
    `throttled profile: ${profile.latency} ms RTT, 1.6 Mbps down, 750 kbps up, ${profile.cpuSlowdown}× CPU, cold cache, median of ${runs}`,
  );
  console.log(`reference (a one-line HTML page, no script): FCP ${floorFcp.toFixed(0)} ms`);

  for (const entry of entries) {
    // The console is measured signed out (its first screen is the staff sign-in).
    if (entry.name === 'console') await page.context().clearCookies();
    const cold = await load(page, entry.url, entry.ready, false);
    const budget = budgetsKb[entry.name] ?? 150;
    const jsMet = cold.jsKb <= budget;
    failed ||= !jsMet;
    console.log(
      `\n${entry.name}: initial JavaScript as served ${cold.jsKb.toFixed(1)} KB (budget ${budget} KB) ${verdict(jsMet)}`,
    );
    for (const file of cold.files) console.log(`  ${file}`);
    const loads: Load[] = [];
    for (let i = 0; i < runs; i++) loads.push(await load(page, entry.url, entry.ready, true));
    const fcp = median(loads.map((l) => l.fcpMs));
    const ready = median(loads.map((l) => l.readyMs));
    const line = `${entry.name}: throttled FCP ${fcp.toFixed(0)} ms (${(fcp / floorFcp).toFixed(2)}× the reference), first screen ready ${ready.toFixed(0)} ms`;
    if (entry.fcpAim !== undefined) {
      const met = fcp <= entry.fcpAim;
      failed ||= !met;
      console.log(`${line}; aim FCP ≤ ${entry.fcpAim} ms ${verdict(met)}`);
    } else console.log(line);
  }
} finally {
  await browser.close();
  await server.stop();
  floor.close();
}
if (failed) process.exitCode = 1;
