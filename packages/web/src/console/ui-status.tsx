import { ApiError } from '../lib/api.ts';

/** What a refused request says: the server's message and each refused field; else `fallback`. */
export function explainFailure(failure: unknown, fallback: string): string {
  return failure instanceof ApiError
    ? [failure.message, ...failure.fields.map((f) => `${f.field}: ${f.message}`)].join(' ')
    : fallback;
}

/**
 * A refusal as one message per refused field (the last the server gave), or under `form` when it
 * named no field; `fallback` under `form` when the call failed otherwise.
 */
export function errorsByField(failure: unknown, fallback: string): Record<string, string> {
  if (!(failure instanceof ApiError)) return { form: fallback };
  const byField: Record<string, string> = {};
  for (const f of failure.fields) byField[f.field] = f.message;
  return Object.keys(byField).length > 0 ? byField : { form: failure.message };
}

/** How a form's last send went: a status line when it worked (class `okClass`), else an alert. */
export function StatusNote({
  message,
  okClass = 'ok',
}: {
  message: { ok: boolean; text: string } | null;
  okClass?: 'ok' | 'notice';
}) {
  return message ? (
    <p className={message.ok ? okClass : 'error'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  ) : null;
}
