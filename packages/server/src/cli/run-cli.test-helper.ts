import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '@lamina/pathway';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

/**
 * Runs the CLI in-process with captured output: `stdout`/`stderr` as a terminal shows them (each
 * write on its own line), `out`/`err` the writes joined by newlines (no newline at the end).
 */
export async function runInProcess(
  argv: string[],
  options: { stdin?: string; today?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readStdin: async () => options.stdin ?? '',
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    today: () => (options.today ?? '2026-11-20') as IsoDate,
    env: options.env ?? {},
  };
  const code = await runCli(argv, io);
  const terminal = (texts: string[]) =>
    texts.map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('');
  return {
    code,
    stdout: terminal(out),
    stderr: terminal(err),
    out: out.join('\n'),
    err: err.join('\n'),
  };
}

const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs the real `lamina` process, the way a user or script would. */
export function runProcess(
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(process.execPath, [mainPath, ...argv], {
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
