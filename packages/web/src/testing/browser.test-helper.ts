/**
 * Browser tests drive the real thing: `lamina serve --demo` on a fresh embedded database, the built
 * web app, and Debian's Chromium through playwright-core. No mocks.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
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

export async function startServer(): Promise<Server> {
  const home = mkdtempSync(join(tmpdir(), 'lamina-web-'));
  const child = spawn(process.execPath, [mainPath, 'serve', '--demo', '--port', '0'], {
    env: {
      ...process.env,
      LAMINA_DATA_DIR: join(home, 'data'),
      DATABASE_URL: '',
      NODE_ENV: 'development',
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

/**
 * Writes docs/screenshots/<name>.png only when asked (`LAMINA_SCREENSHOTS=1`, e.g.
 * `npm run screenshots`), so an ordinary test run never rewrites committed files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.LAMINA_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' });
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

export async function signOutStaff(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/console/signin');
}
