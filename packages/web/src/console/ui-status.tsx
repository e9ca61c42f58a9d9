import { ApiError } from '../lib/api.ts';

/** What a refused request says: the server's message and each refused field; else `fallback`. */
export function explainFailure(failure: unknown, fallback: string): string {
  return failure instanceof ApiError
    ? [failure.message, ...failure.fields.map((f) => `${f.field}: ${f.message}`)].join(' ')
    : fallback;
}

/** How a form's last send went: a status line when it worked, an alert when it did not. */
export function StatusNote({ message }: { message: { ok: boolean; text: string } | null }) {
  return message ? (
    <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  ) : null;
}
