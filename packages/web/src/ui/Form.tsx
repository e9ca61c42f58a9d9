import { type FormEvent, type InputHTMLAttributes, type ReactNode, useState } from 'react';

/** A form's error, announced to screen readers (role=alert); nothing when there is none. */
export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A form's end: its error (if any), then the submit button, disabled while `busy`. */
export function Submit({
  error,
  busy,
  label,
  className = 'primary',
}: {
  error: string | null | undefined;
  busy: boolean;
  label: string;
  className?: string;
}) {
  return (
    <>
      <ErrorNote error={error} />
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
    </>
  );
}

/**
 * A labelled text input that must be filled, with an optional hint below it; other input attributes
 * (name, inputMode, pattern, maxLength…) pass through.
 */
export function Field({
  label,
  value,
  onChange,
  hint,
  type = 'text',
  ...input
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'required'>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

/**
 * What every form that sends one request shares: `busy` while it runs (the button is disabled),
 * the error it ended with (`explain` turns the failure into words), and `submit(work)` for onSubmit.
 * With `stayBusy` the form stays busy after a success (the page is about to change).
 */
export function useSending(explain: (failure: unknown) => string, stayBusy = false) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      if (!stayBusy) setBusy(false);
    } catch (failure) {
      setError(explain(failure));
      setBusy(false);
    }
  }
  const submit = (work: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    return send(work);
  };
  return { busy, error, setError, send, submit };
}
