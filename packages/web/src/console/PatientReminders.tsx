import type { PatientTimeZone, ReminderState } from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { TimeZoneSelect } from '../ui/TimeZoneSelect.tsx';
import { explain } from './Account.tsx';
import { useT } from './i18n.ts';
import { StatusNote } from './ui-status.tsx';

type Prefs = ReminderState['prefs'];
type Zone = PatientTimeZone;

/**
 * A patient's reminders for the care team (issue 16): the patient's own choices (channels, pause,
 * quiet hours; theirs to change, in the app) and the time zone reminders follow, which care
 * managers and admins can set (audited as patient.time-zone-update).
 */
export function PatientReminders({
  patientId,
  canSetTimeZone,
}: {
  patientId: string;
  canSetTimeZone: boolean;
}) {
  const { t } = useT();
  const base = `/api/patients/${patientId}`;
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [zone, setZone] = useState<Zone | null>(null);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    Promise.all([api.get<ReminderState>(`${base}/reminders`), api.get<Zone>(`${base}/time-zone`)])
      .then(([r, z]) => {
        setPrefs(r.prefs);
        setZone(z);
        setChoice(z.timeZone ?? '');
      })
      .catch((failure: unknown) => setMessage({ ok: false, text: explain(t, failure) }));
  }, [base, t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      const saved = await api.put<Zone>(`${base}/time-zone`, { timeZone: choice || null });
      setZone(saved);
      setChoice(saved.timeZone ?? '');
      setMessage({ ok: true, text: t('patientReminders.savedZone') });
    } catch (failure) {
      setMessage({ ok: false, text: explain(t, failure) });
    }
  }

  const channels = prefs?.channels ?? [];
  return (
    <section
      className="card"
      id="reminders"
      aria-labelledby="reminders-h"
      data-testid="patient-reminders"
    >
      <h2 id="reminders-h">{t('patient.reminders')}</h2>
      {prefs ? (
        <ul>
          <li>
            {t('patientReminders.channels')}{' '}
            {channels.length === 0
              ? t('patientReminders.noChannels')
              : channels.map((c) => t(`patientReminders.channel.${c}`)).join(', ')}
          </li>
          {prefs.paused ? (
            <li>
              <strong>{t('patientReminders.paused')}</strong>
            </li>
          ) : null}
          {prefs.quietHours ? <li>{t('patientReminders.quiet', prefs.quietHours)}</li> : null}
        </ul>
      ) : null}
      <p className="hint">{t('patientReminders.ownChoice')}</p>
      {zone ? (
        <form onSubmit={save}>
          <label className="field" htmlFor="patient-time-zone">
            <span>{t('patientReminders.timeZone')}</span>
          </label>
          {canSetTimeZone ? (
            <>
              <TimeZoneSelect
                id="patient-time-zone"
                value={choice}
                clinicLabel={t('patientReminders.clinicZone', { zone: zone.clinicTimeZone })}
                onChange={setChoice}
              />{' '}
              <button type="submit" className="secondary">
                {t('patientReminders.saveZone')}
              </button>
            </>
          ) : (
            <output id="patient-time-zone">
              {zone.timeZone ?? t('patientReminders.clinicZone', { zone: zone.clinicTimeZone })}
            </output>
          )}
        </form>
      ) : null}
      <StatusNote message={message} />
    </section>
  );
}
