#!/usr/bin/env -S node --max-semi-space-size=8
// The `lamina` command. Lamina is written in TypeScript that Node.js runs directly from version
// 22.18 on (type stripping). Under an older Node (the machines' system Node 20), this launcher
// re-runs the command with the Node 24 that `npm install` brings as a devDependency, or says in one
// line what to do. Plain JavaScript on purpose: it must start on any Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The V8 settings Lamina runs with, also on the first line above (the installed command) and in
 * the root package.json's start scripts (bin.test.ts checks they agree). A young generation of 8 MB
 * instead of V8's 16 MB per half: an idle server holds ~25 MB less, and the check-in bench measured
 * no difference in CPU per request (issue 19, decision 030).
 */
const nodeFlags = ['--max-semi-space-size=8'];
const main = join(here, '..', 'src', 'cli', 'main.ts');

if (process.features.typescript) {
  // Node keeps the TypeScript it stripped, and the compiled code, in its compile cache: a restart
  // reads them instead of loading the type stripper (~18 MB resident) and stripping every module
  // again (issue 19, decision 030). NODE_COMPILE_CACHE chooses the folder; the default is the
  // system's temporary folder. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  module.enableCompileCache?.();
  const { runCli } = await import(pathToFileURL(main).href);
  const { processIo } = await import(pathToFileURL(join(here, '..', 'src', 'cli', 'io.ts')).href);
  process.exitCode = await runCli(process.argv.slice(2), processIo());
} else {
  const candidates = [
    join(here, '..', 'node_modules', 'node', 'bin', 'node'),
    join(here, '..', '..', '..', 'node_modules', 'node', 'bin', 'node'),
  ];
  const bundled = candidates.find((path) => existsSync(path));
  if (bundled === undefined) {
    console.error(
      `lamina: Node.js ${process.version} cannot run Lamina (it needs 22.18 or later); run \`npm install\` in the Lamina folder (it brings Node 24) or install Node 24.`,
    );
    process.exit(2);
  }
  const result = spawnSync(bundled, [...nodeFlags, main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`lamina: could not start ${bundled}: ${result.error.message}`);
    process.exit(2);
  }
  process.exit(result.status ?? 1);
}
