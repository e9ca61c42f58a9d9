import type { ReminderSettingsDto, ReminderSettingsSaved } from '@lamina/contract';
import {
  defaultReminderSettings,
  reminderSettingsSchema,
  type ReminderSettings as Settings,
} from '@lamina/pathway';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { explain } from './Account.tsx';
import { useT } from './i18n.ts';
import { InlineField } from './ui-field.tsx';
import { Loading } from './ui-loading.tsx';
import { StatusNote } from './ui-status.tsx';

interface Form {
  cadence: { untilDay: string; everyDays: string }[];
  quietStart: string;
  quietEnd: string;
  sendAfter: string;
  missed: string;
  until: string;
}

const toForm = (s: Settings): Form => ({
  cadence: s.cadence.map((step) => ({
    untilDay: String(step.untilDay),
    everyDays: String(step.everyDays),
  })),
  quietStart: s.quietHours.start,
  quietEnd: s.quietHours.end,
  sendAfter: s.sendAfter,
  missed: String(s.missedDaysForWorklist),
  until: String(s.worklistUntilDay),
});

/** A whole-number input within the range the server accepts. */
const wholeNumber = (min: number, max: number) =>
  ({ type: 'number', min, max, inputMode: 'numeric' }) as const;
/** The fields of one cadence step, of the quiet hours and of the worklist thresholds (labels `reminderSettings.*`). */
const cadenceFields = [
  { key: 'untilDay', min: 0, max: 730 },
  { key: 'everyDays', min: 1, max: 60 },
] as const;
const quietFields = ['quietStart', 'quietEnd', 'sendAfter'] as const;
const worklistFields = [
  { key: 'missed', label: 'reminderSettings.missedDays', min: 1, max: 14 },
  { key: 'until', label: 'reminderSettings.worklistUntilDay', min: 1, max: 365 },
] as const;

const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/**
 * Admins (issue 16): the clinic's check-in reminder cadence (thinning as recovery goes on), quiet
 * hours and send time, and the "Not heard from" thresholds. Checked here with the same schema the
 * server uses; the server audits each change (clinic.reminder-settings).
 */
export function ReminderSettings() {
  const { t } = useT();
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get<ReminderSettingsDto>('/api/clinic/reminder-settings')
      .then((answer) => setForm(toForm(answer.settings)))
      .catch((failure: unknown) => setMessage({ ok: false, text: explain(t, failure) }));
  }, [t]);

  const labels: Record<string, string> = {
    cadence: t('reminderSettings.cadence'),
    untilDay: t('reminderSettings.untilDay'),
    everyDays: t('reminderSettings.everyDays'),
    quietHours: t('reminderSettings.quiet'),
    start: t('reminderSettings.quietStart'),
    end: t('reminderSettings.quietEnd'),
    sendAfter: t('reminderSettings.sendAfter'),
    missedDaysForWorklist: t('reminderSettings.missedDays'),
    worklistUntilDay: t('reminderSettings.worklistUntilDay'),
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setMessage(null);
    const parsed = reminderSettingsSchema.safeParse({
      cadence: form.cadence.map((step) => ({
        untilDay: number(step.untilDay),
        everyDays: number(step.everyDays),
      })),
      quietHours: { start: form.quietStart, end: form.quietEnd },
      sendAfter: form.sendAfter,
      missedDaysForWorklist: number(form.missed),
      worklistUntilDay: number(form.until),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = (issue?.path ?? []).map(String);
      const step = path[0] === 'cadence' && path[1] !== undefined ? Number(path[1]) + 1 : null;
      const field = labels[path.at(-1) ?? ''] ?? labels[path[0] ?? ''] ?? path.join('.');
      const text =
        path[0] === 'cadence' && path.length === 1
          ? t('reminderSettings.invalidOrder')
          : path[0] === 'worklistUntilDay' && issue?.code === 'custom'
            ? t('reminderSettings.invalidWorklist')
            : t('reminderSettings.invalid', {
                field: step ? `${t('reminderSettings.step', { n: step })}, ${field}` : field,
              });
      setMessage({ ok: false, text });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.put<ReminderSettingsSaved>(
        '/api/clinic/reminder-settings',
        parsed.data,
      );
      setForm(toForm(answer.settings));
      setMessage({ ok: true, text: t('reminderSettings.saved') });
    } catch (failure) {
      setMessage({ ok: false, text: explain(t, failure) });
    } finally {
      setBusy(false);
    }
  }

  if (!form) return message ? <p role="alert">{message.text}</p> : <Loading />;
  const setStep = (index: number, key: 'untilDay' | 'everyDays', value: string) =>
    setForm({
      ...form,
      cadence: form.cadence.map((step, i) => (i === index ? { ...step, [key]: value } : step)),
    });
  const missed = number(form.missed);
  const until = number(form.until);
  return (
    <form
      className="card settings"
      onSubmit={save}
      aria-labelledby="reminder-settings-h"
      data-testid="reminder-settings"
      noValidate
    >
      <h2 id="reminder-settings-h">{t('reminderSettings.title')}</h2>
      <p className="hint">{t('reminderSettings.intro')}</p>
      <fieldset>
        <legend>{t('reminderSettings.cadence')}</legend>
        <p className="hint">{t('reminderSettings.cadenceHint')}</p>
        <ol className="cadence">
          {form.cadence.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps are positions in an ordered list
            <li key={index}>
              {cadenceFields.map(({ key, min, max }) => (
                <InlineField
                  key={key}
                  label={t(`reminderSettings.${key}`)}
                  {...wholeNumber(min, max)}
                  value={step[key]}
                  aria-label={`${t('reminderSettings.step', { n: index + 1 })}: ${t(`reminderSettings.${key}`)}`}
                  onChange={(e) => setStep(index, key, e.target.value)}
                />
              ))}
              <button
                type="button"
                className="secondary small"
                onClick={() =>
                  setForm({ ...form, cadence: form.cadence.filter((_, i) => i !== index) })
                }
              >
                {t('reminderSettings.removeStep', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ol>
        {form.cadence.length < 12 ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setForm({ ...form, cadence: [...form.cadence, { untilDay: '', everyDays: '7' }] })
            }
          >
            {t('reminderSettings.addStep')}
          </button>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('reminderSettings.quiet')}</legend>
        <p className="hint">{t('reminderSettings.quietHint')}</p>
        {quietFields.map((key) => (
          <InlineField
            key={key}
            label={t(`reminderSettings.${key}`)}
            type="time"
            value={form[key]}
            onChange={(e) => setForm({ ...form, [key]: e.target.value })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('reminderSettings.worklist')}</legend>
        {worklistFields.map(({ key, label, min, max }) => (
          <InlineField
            key={key}
            label={t(label)}
            {...wholeNumber(min, max)}
            value={form[key]}
            onChange={(e) => setForm({ ...form, [key]: e.target.value })}
          />
        ))}
        {Number.isInteger(missed) && Number.isInteger(until) ? (
          <p className="hint" data-testid="worklist-summary">
            {t('reminderSettings.summary', { missed, until })}
          </p>
        ) : null}
      </fieldset>
      <StatusNote message={message} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('reminderSettings.save')}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => setForm(toForm(defaultReminderSettings))}
        >
          {t('reminderSettings.defaults')}
        </button>
      </div>
    </form>
  );
}
