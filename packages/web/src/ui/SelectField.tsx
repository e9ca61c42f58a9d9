/**
 * A labelled select over fixed values, optionally with an empty first choice ("all", "any", or a
 * disabled dash); `inline` puts it on one line with its label.
 */
export function SelectField<V extends string>({
  label,
  value,
  onChange,
  values,
  optionLabel,
  empty,
  inline = false,
}: {
  label: string;
  value: string;
  onChange(next: string): void;
  values: readonly V[];
  optionLabel(value: V): string;
  empty?: { label: string; disabled?: boolean };
  inline?: boolean;
}) {
  return (
    <label className={inline ? 'field inline' : 'field'}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {empty ? (
          <option value="" disabled={empty.disabled}>
            {empty.label}
          </option>
        ) : null}
        {values.map((v) => (
          <option key={v} value={v}>
            {optionLabel(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
