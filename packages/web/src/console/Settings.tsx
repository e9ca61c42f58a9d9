import type { AlertLevel, AlertSettings, Deadline, StaffMember } from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { ClinicProfile } from './ClinicProfile.tsx';
import { useT } from './i18n.ts';
import { ReminderSettings } from './ReminderSettings.tsx';
import { SmartClients } from './SmartClients.tsx';
import { TeamInvite } from './TeamInvite.tsx';
import { InlineField } from './ui-field.tsx';
import { Loading } from './ui-loading.tsx';
import { explainFailure, StatusNote } from './ui-status.tsx';

type Unit = 'seconds' | 'minutes' | 'hours' | 'businessDays';
const factor: Record<Exclude<Unit, 'businessDays'>, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
};
/** The server's limits (alerts/deadlines.ts): a red flag must reach a person quickly. */
const maxSeconds: Record<AlertLevel, number> = {
  emergency: 15 * 60,
  urgent: 4 * 3600,
  contact: 5 * 24 * 3600,
};
const levels: AlertLevel[] = ['emergency', 'urgent', 'contact'];

function toForm(deadline: Deadline): { value: string; unit: Unit } {
  if ('businessDays' in deadline)
    return { value: String(deadline.businessDays), unit: 'businessDays' };
  const s = deadline.seconds;
  if (s % 3600 === 0) return { value: String(s / 3600), unit: 'hours' };
  if (s % 60 === 0) return { value: String(s / 60), unit: 'minutes' };
  return { value: String(s), unit: 'seconds' };
}

/** Admins: how fast each level must be acknowledged, and who is called next when it is not. */
export default function Settings() {
  const { t } = useT();
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const [form, setForm] = useState<Record<AlertLevel, { value: string; unit: Unit }> | null>(null);
  const [onCall, setOnCall] = useState<AlertSettings['onCall']>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [toAdd, setToAdd] = useState('');

  useEffect(() => {
    api
      .get<{ staff: StaffMember[] }>('/api/clinic/staff')
      .then((s) => setStaff(s.staff.filter((m) => !m.disabled)))
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);

  useEffect(() => {
    api
      .get<AlertSettings>('/api/clinic/alert-settings')
      .then((s) => {
        setSettings(s);
        setOnCall(s.onCall);
        setForm({
          emergency: toForm(s.ackDeadlines.emergency),
          urgent: toForm(s.ackDeadlines.urgent),
          contact: toForm(s.ackDeadlines.contact),
        });
      })
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    const ackDeadlines: Partial<Record<AlertLevel, Deadline>> = {};
    for (const level of levels) {
      const { value, unit } = form[level];
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) {
        setMessage({ ok: false, text: t('settings.invalid', { level: t(`level.${level}`) }) });
        return;
      }
      if (unit === 'businessDays') ackDeadlines[level] = { businessDays: Math.round(n) };
      else {
        const seconds = Math.round(n * factor[unit]);
        if (seconds < 5 || seconds > maxSeconds[level]) {
          setMessage({ ok: false, text: t(`settings.limit.${level}`) });
          return;
        }
        ackDeadlines[level] = { seconds };
      }
    }
    try {
      await api.put('/api/clinic/alert-settings', {
        ackDeadlines,
        onCall: onCall.map((p) => p.id),
      });
      setMessage({ ok: true, text: t('settings.saved') });
    } catch (failure) {
      setMessage({
        ok: false,
        text: explainFailure(failure, t('console.loadError')),
      });
    }
  }

  const move = (index: number, by: number) =>
    setOnCall((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  const addable = staff.filter((member) => !onCall.some((p) => p.id === member.id));
  const chosen = addable.find((member) => member.id === toAdd) ?? addable[0];
  const add = () => {
    if (!chosen) return;
    setOnCall((list) => [
      ...list,
      {
        position: list.length + 1,
        id: chosen.id,
        displayName: chosen.displayName,
        role: chosen.role,
      },
    ]);
    setToAdd('');
  };

  if (!settings || !form) return message ? <p role="alert">{message.text}</p> : <Loading />;
  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <ClinicProfile />
      <TeamInvite />
      <SmartClients />
      <form onSubmit={save} className="settings">
        <section className="card" aria-labelledby="deadlines-h">
          <h2 id="deadlines-h">{t('settings.deadlines')}</h2>
          <p className="hint">{t('settings.deadlinesIntro')}</p>
          {levels.map((level) => (
            <fieldset key={level} className="deadline">
              <legend>{t(`settings.level.${level}`)}</legend>
              <InlineField
                label={t('settings.within')}
                type="number"
                min={1}
                value={form[level].value}
                onChange={(e) =>
                  setForm({ ...form, [level]: { ...form[level], value: e.target.value } })
                }
              />
              <label className="field inline">
                <span>{t('settings.unit')}</span>
                <select
                  value={form[level].unit}
                  onChange={(e) =>
                    setForm({ ...form, [level]: { ...form[level], unit: e.target.value as Unit } })
                  }
                >
                  <option value="seconds">{t('settings.seconds')}</option>
                  <option value="minutes">{t('settings.minutes')}</option>
                  <option value="hours">{t('settings.hours')}</option>
                  {level === 'contact' ? (
                    <option value="businessDays">{t('settings.businessDays')}</option>
                  ) : null}
                </select>
              </label>
              <p className="hint">{t(`settings.limit.${level}`)}</p>
            </fieldset>
          ))}
        </section>
        <section className="card" aria-labelledby="oncall-h">
          <h2 id="oncall-h">{t('settings.onCall')}</h2>
          <p className="hint">{t('settings.onCallIntro')}</p>
          {onCall.length === 0 ? <p>{t('settings.onCallEmpty')}</p> : null}
          <ol className="on-call">
            {onCall.map((person, index) => (
              <li key={person.id}>
                <span>
                  {person.displayName} · {t(`role.${person.role as 'admin'}`)}
                </span>
                <span className="buttons">
                  <button
                    type="button"
                    className="secondary small"
                    disabled={index === 0}
                    aria-label={t('settings.moveUp', { name: person.displayName })}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    disabled={index === onCall.length - 1}
                    aria-label={t('settings.moveDown', { name: person.displayName })}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={t('settings.remove', { name: person.displayName })}
                    onClick={() => setOnCall((list) => list.filter((p) => p.id !== person.id))}
                  >
                    {t('settings.removeShort')}
                  </button>
                </span>
              </li>
            ))}
          </ol>
          {addable.length === 0 ? (
            <p className="hint">{t('settings.addNone')}</p>
          ) : (
            <div className="on-call-add">
              <label className="field inline">
                <span>{t('settings.addPerson')}</span>
                <select value={chosen?.id ?? ''} onChange={(e) => setToAdd(e.target.value)}>
                  {addable.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.displayName} · {t(`role.${member.role as 'admin'}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="secondary" onClick={add}>
                {t('settings.add')}
              </button>
            </div>
          )}
          <p className="hint">{t('settings.addHint')}</p>
        </section>
        <StatusNote message={message} />
        <button type="submit" className="primary">
          {t('settings.save')}
        </button>
      </form>
      <ReminderSettings />
    </div>
  );
}
