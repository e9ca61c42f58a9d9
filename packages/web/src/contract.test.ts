import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * The web app types its fetches with @lamina/contract (decision 025), so a changed answer breaks
 * the web build, not the user: copy the contract, the clinical core and the web app to a temp
 * dir, rename one field of one response DTO, and `tsc` must fail in the screen that reads it.
 */
const repo = resolve(import.meta.dirname, '../../..');

test('renaming a field of a response DTO fails the web build where the field is read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamina-contract-'));
  try {
    for (const part of ['packages/contract', 'packages/pathway/src', 'packages/web/src'])
      cpSync(join(repo, part), join(dir, part), { recursive: true });
    for (const file of [
      'tsconfig.json',
      'packages/pathway/package.json',
      'packages/web/package.json',
      'packages/web/tsconfig.json',
      'packages/web/vite.config.ts',
    ])
      cpSync(join(repo, file), join(dir, file));
    // Web tests drive the real server; it is read as it is.
    symlinkSync(join(repo, 'packages/server'), join(dir, 'packages/server'));
    // node_modules: the real packages, but @lamina/* pointing at the copies.
    mkdirSync(join(dir, 'node_modules/@lamina'), { recursive: true });
    for (const entry of readdirSync(join(repo, 'node_modules')))
      if (entry !== '@lamina')
        symlinkSync(join(repo, 'node_modules', entry), join(dir, 'node_modules', entry));
    for (const name of ['contract', 'pathway'])
      symlinkSync(join(dir, 'packages', name), join(dir, 'node_modules/@lamina', name));

    const dto = join(dir, 'packages/contract/src/patients.ts');
    const source = readFileSync(dto, 'utf8');
    assert.match(source, /\n {4}openAlerts: z\.number\(\)\.int\(\),\n/);
    writeFileSync(
      dto,
      source.replace(
        '\n    openAlerts: z.number().int(),\n',
        '\n    alertCount: z.number().int(),\n',
      ),
    );

    const tsc = spawnSync(
      process.execPath,
      [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'packages/web/tsconfig.json'],
      { cwd: dir, encoding: 'utf8' },
    );
    const output = `${tsc.stdout}${tsc.stderr}`;
    assert.notEqual(tsc.status, 0, output);
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.ok(errors.length > 0, output);
    // Every error is the renamed field, in the patient list screen that reads it.
    for (const line of errors) {
      assert.match(line, /^packages\/web\/src\/console\/Patients\.tsx\(/, line);
      assert.match(line, /'openAlerts'/, line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
