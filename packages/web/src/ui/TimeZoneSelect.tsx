/** The IANA time zones this browser knows (Chromium, Firefox and Safari list them all). */
function zones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** This device's time zone, e.g. America/Chicago. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A time zone picker for reminders: '' means "the clinic's" (the first option); the current choice
 * is kept in the list even if this browser does not know it.
 */
export function TimeZoneSelect(props: {
  id: string;
  value: string;
  clinicLabel: string;
  onChange(value: string): void;
}) {
  const all = zones();
  const list = props.value && !all.includes(props.value) ? [props.value, ...all] : all;
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.clinicLabel}</option>
      {list.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}
