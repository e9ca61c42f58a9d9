/**
 * Browser tests drive the real thing: `lamina serve --demo` on a fresh embedded database, the built
 * web app, and Debian's Chromium through playwright-core. No mocks.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { addDays, localDate } from '@lamina/pathway';
import { type APIRequestContext, type BrowserContext, chromium, type Page } from 'playwright-core';

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = join(webRoot, '../..');
const mainPath = join(repoRoot, 'packages/server/src/cli/main.ts');
export const screenshotDir = join(repoRoot, 'docs/screenshots');
export const phone = { width: 390, height: 844 };

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds packages/web/dist when it is missing or older than any source file. */
export function ensureBuilt(): void {
  const built = join(webRoot, 'dist/index.html');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', '../pathway/src'].map((p) =>
    newestMtime(join(webRoot, p)),
  );
  if (builtAt > Math.max(...sources)) return;
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: webRoot, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the next sign-in code mailed to `email` after `since` characters of output. */
  code(email: string, since: number): Promise<string>;
  stop(): Promise<void>;
}

/** A folder for a server's embedded database (`<home>/data`), for `lamina` commands run before it starts. */
export function serverHome(): string {
  return mkdtempSync(join(tmpdir(), 'lamina-web-'));
}

/** A port nobody listens on now, so a link can be printed before the server starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Runs a `lamina` command on the embedded database in `<home>/data`, as a person would. */
export function runLamina(
  home: string,
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [mainPath, ...args], {
    env: { ...process.env, LAMINA_DATA_DIR: join(home, 'data'), DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function startServer(
  options: {
    demo?: boolean;
    /** An existing home (serverHome()) whose database a `lamina` command already wrote. */
    home?: string;
    port?: number;
    env?: Record<string, string>;
  } = {},
): Promise<Server> {
  const home = options.home ?? serverHome();
  // Without the demo, --dev-mail prints outgoing mail (codes, invitation links) for the test to read.
  const demo = options.demo === false ? ['--dev-mail'] : ['--demo'];
  const port = String(options.port ?? 0);
  const child = spawn(process.execPath, [mainPath, 'serve', ...demo, '--port', port], {
    env: {
      ...process.env,
      LAMINA_DATA_DIR: join(home, 'data'),
      DATABASE_URL: '',
      NODE_ENV: 'development',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const until = <T>(find: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          waiters.delete(check);
          resolve(found);
        }
      };
      const exited = () =>
        reject(new Error(`lamina serve exited while waiting for ${what}:\n${output}`));
      child.once('exit', exited);
      waiters.add(check);
      check();
    });
  const url = await until(() => /running at (http:\/\/\S+)/.exec(output)?.[1], 'its URL');
  return {
    url,
    child,
    output: () => output,
    code: (email, since) =>
      until(() => {
        const pattern = new RegExp(
          `to ${email.replace(/[.+]/g, '\\$&')}: sign-in code (\\d{6})`,
          'g',
        );
        const matches = [...output.slice(since).matchAll(pattern)];
        return matches.at(-1)?.[1];
      }, `a sign-in code for ${email}`),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function openBrowser(
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'lamina-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.LAMINA_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: phone,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    // The service worker has its own test; here every request must reach the real server.
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type Browser = Awaited<ReturnType<typeof openBrowser>>;
type Viewport = { width: number; height: number };
/** The console's desk size. */
export const desk: Viewport = { width: 1280, height: 800 };

/**
 * The start every browser test file shares (call it with top-level await): builds the web app when
 * needed, starts `lamina serve` (demo data unless `server.demo` is false), opens one Chromium per
 * entry of `browsers` (own profile, own cookies) with one page each at that size, and closes it all
 * after the file's tests.
 */
export async function startBrowserTest<const Sizes extends readonly Viewport[] = []>(
  options: {
    browsers?: Sizes;
    serviceWorkers?: 'allow' | 'block';
    server?: Parameters<typeof startServer>[0];
  } = {},
): Promise<{
  server: Server;
  browsers: { [K in keyof Sizes]: Browser };
  pages: { [K in keyof Sizes]: Page };
}> {
  const browsers: Browser[] = [];
  let server: Server | undefined;
  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.stop();
  });
  ensureBuilt();
  server = await startServer(options.server);
  const sizes: readonly Viewport[] = options.browsers ?? [];
  browsers.push(
    ...(await Promise.all(
      sizes.map(() => openBrowser({ serviceWorkers: options.serviceWorkers ?? 'block' })),
    )),
  );
  const pages = await Promise.all(
    browsers.map(async (browser, i) => {
      const page = await browser.context.newPage();
      const size = sizes[i] ?? phone;
      if (size !== phone) await page.setViewportSize(size);
      return page;
    }),
  );
  return {
    server,
    browsers: browsers as { [K in keyof Sizes]: Browser },
    pages: pages as { [K in keyof Sizes]: Page },
  };
}

/** axe-core (WCAG 2.2 A/AA) on the page as it is now: the list of violations, empty when clean. */
export async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Asserts axe-core finds nothing on the page as it is now; `where` names it in the failure. */
export async function noAxeViolations(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axe(page), [], `axe-core violations on ${where}`);
}

/**
 * Writes docs/screenshots/<name>.png only when asked (`LAMINA_SCREENSHOTS=1`, e.g.
 * `npm run screenshots`), so an ordinary test run never rewrites committed files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.LAMINA_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' });
}

/** The demo clinic's time zone (server demo data): "today" on its screens is today there. */
export const demoClinicTimeZone = 'America/Los_Angeles';

/**
 * The calendar date `days` from today in the clinic's time zone, as YYYY-MM-DD. A test that used
 * the UTC date saw "surgery in 8 days" for 7 whenever it ran between midnight UTC and midnight in
 * California.
 */
export function clinicDateIn(days: number, timeZone = demoClinicTimeZone): string {
  return addDays(localDate(timeZone, new Date()), days);
}

/** The password of every demo staff account (`lamina serve --demo`). */
export const demoStaffPassword = 'lamina-demo-only';

/**
 * Signs a demo patient in the way the app does — ask for a code, read it from the server's log,
 * verify it — in the browser context behind `request`; returns the patient's id.
 */
export async function signInDemoPatient(
  server: Server,
  request: APIRequestContext,
  email: string,
): Promise<string> {
  const since = server.output().length;
  const asked = await request.post(`${server.url}/api/auth/patient/code`, {
    data: { clinic: 'demo', email },
  });
  if (asked.status() !== 202) throw new Error(`asking a code for ${email}: ${asked.status()}`);
  const code = await server.code(email, since);
  const verified = await request.post(`${server.url}/api/auth/patient/verify`, {
    data: { clinic: 'demo', email, code },
  });
  if (verified.status() !== 200) throw new Error(`signing ${email} in: ${verified.status()}`);
  const me = (await (await request.get(`${server.url}/api/auth/me`)).json()) as {
    patientId: string;
  };
  return me.patientId;
}

/**
 * Fills the patient app's sign-in screen (already open) for a demo patient: clinic and email, the
 * code read from the server's log, then "Sign in".
 */
export async function signInWithCode(server: Server, page: Page, email: string): Promise<void> {
  await page.getByLabel('Clinic code').fill('demo');
  await page.getByLabel('Your email').fill(email);
  const since = server.output().length;
  await page.getByRole('button', { name: 'Send me a code' }).click();
  const code = await server.code(email, since);
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs a demo staff member in on the console's sign-in screen and waits for the console menu. */
export async function signInDemoStaff(server: Server, page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.waitForURL('**/console/signin');
  await page.getByRole('heading', { name: 'Care team sign-in' }).waitFor();
  await page.getByLabel('Clinic code').fill('demo');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(demoStaffPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console menu' }).waitFor();
}

/**
 * A short candidacy check on the demo clinic: only the region answered (lower back and legs), then
 * Next until "See my result"; waits for the result page with its offers.
 */
export async function shortCandidacyCheck(server: Server, page: Page): Promise<void> {
  await page.goto(`${server.url}/check/demo`);
  await page
    .getByRole('group', { name: 'Where is the problem?', exact: true })
    .getByRole('radio', { name: 'Lower back and legs', exact: true })
    .check();
  for (let step = 0; step < 12; step++) {
    const seeResult = page.getByRole('button', { name: 'See my result' });
    if (await seeResult.isVisible()) {
      await seeResult.click();
      break;
    }
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('heading', { name: 'What would you like to do next?' }).waitFor();
}

/** Opens a console screen by its link in the console menu, as a user does. */
export async function openFromConsoleMenu(page: Page, link: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Console menu' })
    .getByRole('link', { name: link })
    .click();
}

export async function signOutStaff(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/console/signin');
}

/**
 * Every visible text node on the page (or under `root`) whose computed colour against its
 * effective background is below WCAG 1.4.3: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
 * The background is found by walking up the ancestors to the first opaque background colour,
 * blending any half-transparent ones on the way. axe-core gives up on some of these (issue 17:
 * white text on a white card inside the red emergency screen), so the tests assert this too.
 * Returns a list of failures (empty when every text passes).
 */
export async function lowContrastText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m?.[1]) return [0, 0, 0, 0];
      const parts = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + bottom[0] * (1 - a),
        top[1] * a + bottom[1] * (1 - a),
        top[2] * a + bottom[2] * (1 - a),
        1,
      ];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (from: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let el: Element | null = from; el; el = el.parentElement) {
        const bg = parse(getComputedStyle(el).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const failures: string[] = [];
    const start = document.querySelector(rootSelector) ?? document.body;
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || el.closest('[aria-hidden="true"], .visually-hidden'))
        continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right < 0 || box.left > innerWidth) continue;
      if ((el as HTMLButtonElement).disabled) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed)
        failures.push(`${ratio.toFixed(2)}:1 < ${needed}:1 for "${text.slice(0, 60)}"`);
    }
    return failures;
  }, root);
}

/**
 * Tabs through the page from the top and lists every focused element that the fixed bottom bar
 * (nav.bottom) covers, even partly (WCAG 2.2 2.4.11 Focus Not Obscured). Returns [failures, stops].
 */
export async function focusHiddenByBottomBar(page: Page): Promise<[string[], number]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const failures: string[] = [];
  let stops = 0;
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const bar = document.querySelector('nav.bottom');
      const box = el.getBoundingClientRect();
      const top = bar ? bar.getBoundingClientRect().top : innerHeight;
      const id = `${el.tagName}:${el.getAttribute('name') ?? ''}:${el.getAttribute('value') ?? ''}:${(el.textContent ?? '').trim().slice(0, 40)}:${Math.round(box.top + scrollY)}`;
      return {
        id,
        inBar: Boolean(bar?.contains(el)),
        covered: !bar?.contains(el) && box.bottom > top + 0.5,
      };
    });
    if (!state || seen.has(state.id)) break;
    seen.add(state.id);
    if (state.inBar) continue;
    stops++;
    if (state.covered) failures.push(state.id);
  }
  return [failures, stops];
}

/**
 * The usual set-up of a browser test file: the app built, one demo server and one desktop-sized
 * page, started before the file's tests and stopped after them.
 */
export function demoServerAndPage(viewport = { width: 1280, height: 900 }) {
  const state: { server?: Server; browser?: Awaited<ReturnType<typeof openBrowser>>; page?: Page } =
    {};
  before(async () => {
    ensureBuilt();
    state.server = await startServer();
    state.browser = await openBrowser();
    state.page = await state.browser.context.newPage();
    await state.page.setViewportSize(viewport);
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser test set-up has not run');
    return value;
  };
  return { server: () => started(state.server), page: () => started(state.page) };
}
