import { randomUUID } from 'node:crypto';
import pino from 'pino';

/**
 * The server's one logger (decision 013): JSON lines through pino, with nothing secret or clinical
 * in them. Errors are reduced to their class, a sanitized first line of their message, the SQL
 * state and the names of the database objects involved — never the query's parameters, the
 * failing row, request bodies, tokens, hashes or email addresses. PostgreSQL and PGlite errors
 * carry all of those (`detail: "Failing row contains (…)"`, `params`, `query`), so an error object
 * is never handed to the logger as it is.
 */
export type Logger = pino.Logger;

export interface LoggerOptions {
  /** Where lines go (default: stderr). Tests pass a stream to read them. */
  readonly destination?: pino.DestinationStream;
  readonly level?: pino.LevelWithSilent;
}

/** Field names whose values never reach a log line, at the top level or one level down. */
const secretFields = [
  'password',
  'token',
  'code',
  'email',
  'to',
  'body',
  'params',
  'parameters',
  'query',
  'detail',
  'answers',
  'hash',
  'tokenHash',
  'token_hash',
  'cookie',
  'authorization',
  'secret',
  'totp',
];
const redactPaths = secretFields.flatMap((field) => [field, `*.${field}`]);

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'lamina' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: errorFields, error: errorFields },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

let fallback: Logger | undefined;
/** For code that runs without a logger handed to it (tests, scripts): JSON to stderr. */
export function defaultLogger(): Logger {
  fallback ??= createLogger();
  return fallback;
}

export interface SafeError {
  readonly type: string;
  readonly message: string;
  /** The five-character SQLSTATE of a database error, e.g. 23514 (check_violation). */
  readonly sqlState?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  /** Code locations only; the stack's first line (which repeats the message) is dropped. */
  readonly stack?: string[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const identifier = /^[A-Za-z_][A-Za-z0-9_$.]{0,62}$/;

/** What may be logged about an error. Unknown fields (detail, params, query, where…) are left out. */
export function errorFields(error: unknown): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: '(not an Error)' };
  const fields = error as Error & Record<string, unknown>;
  const pick = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' && identifier.test(value) ? value : undefined;
  };
  const code =
    typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) ? fields.code : undefined;
  const constraint = pick('constraint');
  const table = pick('table');
  const column = pick('column');
  const frames = error.stack
    ?.split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 12);
  return {
    type: error.constructor?.name || error.name || 'Error',
    message: sanitizeMessage(error.message),
    ...(code ? { sqlState: code } : {}),
    ...(constraint ? { constraint } : {}),
    ...(table ? { table } : {}),
    ...(column ? { column } : {}),
    ...(frames && frames.length > 0 ? { stack: frames } : {}),
  };
}

/** Words after which a quoted name is a database object's name, which is safe and useful. */
const objectWords =
  /(?:constraint|relation|table|column|index|type|function|schema|trigger|sequence|encoding|role|database|operator|channel|extension|view)\s*$/i;

/**
 * The first line of a message, with quoted values, email addresses, long tokens and long numbers
 * replaced. PostgreSQL quotes the offending value in messages such as
 * `invalid input syntax for type uuid: "…"`; it also quotes object names, which stay.
 */
export function sanitizeMessage(message: string): string {
  const firstLine = (message.split('\n')[0] ?? '').slice(0, 500);
  const unquoted = firstLine.replace(
    /"((?:[^"]|"")*)"|'((?:[^']|'')*)'/g,
    (match, _double, _single, offset: number, whole: string) => {
      const before = whole.slice(0, offset);
      const name = match.slice(1, -1);
      return objectWords.test(before) && identifier.test(name) ? match : '"[value]"';
    },
  );
  return unquoted
    .replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g, '[email]')
    .replace(/\b[0-9a-f]{16,}\b/gi, '[hex]')
    .replace(/\b[A-Za-z0-9_-]{24,}\b/g, (token) => (uuid.test(token) ? token : '[token]'))
    .replace(/\b\d{5,}\b/g, '[number]')
    .slice(0, 300);
}

/** A request id: the caller's, behind a trusted proxy and only if it looks like one; else new. */
export function requestIdFor(incoming: string | undefined, trustProxy: boolean): string {
  if (trustProxy && incoming && /^[A-Za-z0-9._:-]{8,100}$/.test(incoming)) return incoming;
  return randomUUID();
}
