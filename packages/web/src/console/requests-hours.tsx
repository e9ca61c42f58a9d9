import type { ClinicHoursDto } from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { TableHead } from '../ui/TableHead.tsx';
import { useT } from './i18n.ts';

/** Opening hours (admins): outside them a call back goes to the first care manager on call. */

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof days)[number];
/** The two times of an open day, each with its own words for a screen reader. */
const ends = [
  { key: 'open', label: 'requests.opensOn' },
  { key: 'close', label: 'requests.closesOn' },
] as const;
type Hours = ClinicHoursDto['hours'];

export function ClinicHoursEditor() {
  const { t } = useT();
  const [hours, setHours] = useState<Hours | null>(null);
  const [timeZone, setTimeZone] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<ClinicHoursDto>('/api/clinic/hours')
      .then((answer) => {
        setHours(answer.hours);
        setTimeZone(answer.timeZone);
      })
      .catch(() => setMessage(t('console.loadError')));
  }, [t]);
  if (!hours) return message ? <p role="alert">{message}</p> : null;

  const set = (day: Day, value: { open: string; close: string } | null) =>
    setHours({ ...hours, [day]: value });
  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    try {
      const answer = await api.put<ClinicHoursDto>('/api/clinic/hours', { hours });
      setHours(answer.hours);
      setMessage(t('settings.saved'));
    } catch (error) {
      setMessage(
        t('requests.saveError', {
          reason: error instanceof ApiError ? error.message : t('console.loadError'),
        }),
      );
    }
  }
  return (
    <section className="card" aria-labelledby="hours-heading">
      <h2 id="hours-heading">{t('requests.hoursTitle')}</h2>
      <p>{t('requests.hoursIntro', { timeZone })}</p>
      <form onSubmit={save}>
        <table>
          <TableHead
            columns={[
              t('requests.day'),
              t('requests.isOpen'),
              t('requests.opens'),
              t('requests.closes'),
            ]}
          />
          <tbody>
            {days.map((day) => {
              const today = hours[day];
              const name = t(`requests.day.${day}`);
              return (
                <tr key={day}>
                  <th scope="row">{name}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('requests.openOn', { day: name })}
                      checked={today !== null}
                      onChange={(e) =>
                        set(day, e.target.checked ? { open: '08:00', close: '17:00' } : null)
                      }
                    />
                  </td>
                  {ends.map(({ key, label }) => (
                    <td key={key}>
                      {today ? (
                        <input
                          type="time"
                          aria-label={t(label, { day: name })}
                          value={today[key]}
                          onChange={(e) => set(day, { ...today, [key]: e.target.value })}
                        />
                      ) : null}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="secondary">
          {t('requests.saveHours')}
        </button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </section>
  );
}
