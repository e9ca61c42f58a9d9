import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** A group of checkboxes for a list of values, labelled from the catalogue (`prefix.value`). */
export function CheckList<V extends string>({
  legend,
  values,
  prefix,
  chosen,
  onChange,
}: {
  legend: string;
  values: readonly V[];
  prefix: string;
  chosen: readonly V[];
  onChange(next: V[]): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="checklist">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v))
            }
          />
          <span>{t(`${prefix}.${v}` as MessageKey)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Field messages from a 400 problem, shown under the form. */
export function FieldErrors({
  error,
  fields,
}: {
  error: string | null;
  fields: readonly { field: string; message: string }[];
}) {
  if (!error && fields.length === 0) return null;
  return (
    <div className="error" role="alert">
      {error ? <p>{error}</p> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field}-${f.message}`}>{f.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
