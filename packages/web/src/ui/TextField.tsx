/**
 * A labelled text box (one line, or several with `rows`). With `error`, the message is shown under
 * the box and tied to it (aria-describedby, aria-invalid), so a screen reader reads why it was refused.
 */
export function TextField({
  label,
  value,
  onChange,
  maxLength,
  rows,
  type,
  autoComplete,
  error,
  errorId,
}: {
  label: string;
  value: string;
  onChange(next: string): void;
  maxLength?: number;
  rows?: number;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  /** Why the server refused this field, in the reader's language. */
  error?: string | undefined;
  /** The id of the error message (unique on the page); needed with `error`. */
  errorId?: string;
}) {
  const shared = {
    value,
    maxLength,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    ...(error ? { 'aria-describedby': errorId, 'aria-invalid': true } : {}),
  };
  const note = error ? (
    <span className="error" id={errorId}>
      {error}
    </span>
  ) : null;
  // Two branches, so the linter sees the control inside its label.
  if (rows === undefined)
    return (
      <label className="field">
        <span>{label}</span>
        <input type={type} autoComplete={autoComplete} {...shared} />
        {note}
      </label>
    );
  return (
    <label className="field">
      <span>{label}</span>
      <textarea rows={rows} {...shared} />
      {note}
    </label>
  );
}
