import type { InputHTMLAttributes } from 'react';

/** A labelled input on one line with its label (other input attributes pass through). */
export function InlineField({
  label,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field inline">
      <span>{label}</span>
      <input {...input} />
    </label>
  );
}
