import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { IsoDate } from '@lamina/pathway';

/** What a CLI command may touch: everything from outside comes through here, so commands are testable in-process. */
export interface CliIo {
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
  /** The local calendar date, used when a command is not given --today. */
  today(): IsoDate;
  env: Readonly<Record<string, string | undefined>>;
}

/** A command returns its exit code: 0 success, 1 runtime failure, 2 bad input or usage. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** An error whose message is the one line a user sees; the command exits with `exitCode`. */
export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Command-line parsing with our error shape: a bad option is a usage error, not a stack trace.
 * `help` (e.g. "Run lamina serve --help.") follows the parser's message.
 */
export function parseOptions<T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  more: { positionals?: boolean; help?: string } = {},
) {
  try {
    return parseArgs({ args, options, allowPositionals: more.positionals ?? false, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(more.help ? `${message}. ${more.help}` : message);
  }
}

export function localToday(now = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}` as IsoDate;
}

export function processIo(): CliIo {
  return {
    async readStdin() {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    today: () => localToday(),
    env: process.env,
  };
}
