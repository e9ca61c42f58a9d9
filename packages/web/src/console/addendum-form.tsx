import { type FormEvent, useState } from 'react';
import { ApiError } from '../lib/api.ts';
import { ErrorNote } from '../ui/Form.tsx';
import { TextField } from '../ui/TextField.tsx';
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
      <TextField label={label} rows={3} maxLength={maxLength} value={text} onChange={setText} />
      <ErrorNote error={error} />
      <button type="submit" className="secondary">
        {submitLabel}
      </button>
    </form>
  );
}
