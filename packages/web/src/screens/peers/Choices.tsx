import { useState } from 'react';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, type ProblemField } from '../../lib/api.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { ageBands, availabilityChoices, conditions, peerLanguages } from './types.ts';

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

/** One labelled checkbox (a consent or a yes/no preference). */
export function CheckBox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(next: boolean): void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/**
 * A form's sending state: `submit` clears earlier messages, runs the request and shows its
 * problem (the field messages, or one line when there are none, or "offline").
 */
export function useSubmit() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<readonly ProblemField[]>([]);
  const [busy, setBusy] = useState(false);
  const show = (message: string) => {
    setError(message);
    setFields([]);
  };
  const submit = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFields([]);
    try {
      await work();
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.fields.length > 0 ? null : e.message);
        setFields(e.fields);
      } else setError(t('peers.error.offline'));
    } finally {
      setBusy(false);
    }
  };
  return { error, fields, busy, show, submit };
}

type Language = (typeof peerLanguages)[number];
type Availability = (typeof availabilityChoices)[number];

/** The languages someone speaks (or wants their peer to speak). */
export function LanguageChecks(props: {
  legend: string;
  chosen: readonly Language[];
  onChange(next: Language[]): void;
}) {
  return <CheckList {...props} values={peerLanguages} prefix="peers.language" />;
}

/** The times someone is free to talk. */
export function AvailabilityChecks(props: {
  legend: string;
  chosen: readonly Availability[];
  onChange(next: Availability[]): void;
}) {
  return <CheckList {...props} values={availabilityChoices} prefix="peers.availability" />;
}

type ChoiceProps = {
  label: string;
  value: string;
  onChange(next: string): void;
  /** The empty first choice: "any", or a disabled dash. */
  empty: { label: string; disabled?: boolean };
};

/** The condition someone had surgery for. */
export function ConditionSelect(props: ChoiceProps) {
  const { t } = useI18n();
  return (
    <SelectField {...props} values={conditions} optionLabel={(c) => t(`peers.condition.${c}`)} />
  );
}

/** An age group (the groups are shown as they are, e.g. "60-69"). */
export function AgeBandSelect(props: ChoiceProps) {
  return <SelectField {...props} values={ageBands} optionLabel={(b) => b} />;
}
