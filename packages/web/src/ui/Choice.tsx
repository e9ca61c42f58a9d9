import { useId } from 'react';

export interface Option<V extends string | number> {
  value: V;
  label: string;
}

/**
 * One question with big tappable choices (radio buttons). Nothing is chosen until the patient
 * chooses: a question left alone is sent as "not answered", never as "no".
 */
export function Choice<V extends string | number>({
  legend,
  hint,
  options,
  value,
  onChange,
  columns,
}: {
  legend: string;
  hint?: string;
  options: readonly Option<V>[];
  value: V | undefined;
  onChange(value: V): void;
  columns?: number;
}) {
  const name = useId();
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <div
        className="options"
        style={columns ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : undefined}
      >
        {options.map((option) => (
          <label key={String(option.value)} className={value === option.value ? 'on' : undefined}>
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
