import { type FormEvent, type ReactNode, useState } from 'react';

/** A form's error, announced to screen readers (role=alert); nothing when there is none. */
export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A labelled text input that must be filled, with an optional hint below it. */
export function Field(props: {
  label: string;
  type?: string;
  value: string;
  onChange(value: string): void;
  autoComplete?: string;
  hint?: ReactNode;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        required
      />
      {props.hint ? <small>{props.hint}</small> : null}
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
