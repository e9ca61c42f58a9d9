import { type FormEvent, useState } from 'react';
import { ApiError } from '../lib/api.ts';
import { ErrorNote } from '../ui/Form.tsx';
import { useT } from './i18n.ts';

/**
 * A correction appended to a written result (a free MRI/CT review result, a second-opinion
 * report): the text is sent with `send`, a refusal shown above the button.
 */
export function AddendumForm({
  label,
  submitLabel,
  maxLength,
  send,
}: {
  label: string;
  submitLabel: string;
  maxLength: number;
  send(text: string): Promise<void>;
}) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await send(text);
      setText('');
    } catch (e) {
      setError(
        e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t('console.loadError'),
      );
    }
  }
  return (
    <form className="card" onSubmit={submit}>
      <label className="field">
        <span>{label}</span>
        <textarea
          rows={3}
          maxLength={maxLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <ErrorNote error={error} />
      <button type="submit" className="secondary">
        {submitLabel}
      </button>
    </form>
  );
}
