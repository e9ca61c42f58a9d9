import type {
  CalendarFeed,
  PatientTimeZone,
  ReminderPrefsAnswer,
  ReminderState,
} from '@lamina/contract';
import { Fragment, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, api } from '../lib/api.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { deviceTimeZone, TimeZoneSelect } from '../ui/TimeZoneSelect.tsx';

type Prefs = ReminderState['prefs'];
type Channel = Prefs['channels'][number];
/** The quiet hours' two ends: "Quiet hours from … and …". */
const quietEnds = [
  { key: 'start', label: 'reminders.quiet' },
  { key: 'end', label: 'reminders.quietAnd' },
] as const;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

type PushState = 'unsupported' | 'blocked' | 'off' | 'on' | 'working';

/** Reminder settings (issue 16): channels, pause, quiet hours, this device's push, the calendar. */
export default function Reminders({ ctx }: { ctx: PatientContext }) {
  const { t } = useI18n();
  const base = `/api/patients/${ctx.me.patientId}`;
  const [state, setState] = useState<ReminderState | null>(null);
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [push, setPush] = useState<PushState>('off');
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [zone, setZone] = useState<PatientTimeZone | null>(null);
  const [zoneChoice, setZoneChoice] = useState('');
  const [zoneSaved, setZoneSaved] = useState(false);

  useEffect(() => {
    api
      .get<ReminderState>(`${base}/reminders`)
      .then((s) => {
        setState(s);
        setPrefs(s.prefs);
      })
      .catch((e: Error) => setError(e.message));
    api
      .get<PatientTimeZone>(`${base}/time-zone`)
      .then((z) => {
        setZone(z);
        setZoneChoice(z.timeZone ?? '');
      })
      .catch((e: Error) => setError(e.message));
    if (
      !('serviceWorker' in navigator) ||
      !('PushManager' in window) ||
      !('Notification' in window)
    )
      setPush('unsupported');
    else if (Notification.permission === 'denied') setPush('blocked');
    else
      navigator.serviceWorker.getRegistration().then((reg) =>
        reg?.pushManager.getSubscription().then((sub) => {
          if (sub) setPush('on');
        }),
      );
  }, [base]);

  async function save(next: Prefs) {
    setSaved(false);
    setError(null);
    try {
      const answer = await api.put<ReminderPrefsAnswer>(`${base}/reminders`, next);
      setPrefs(answer.prefs);
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message);
    }
  }

  async function turnOnPush() {
    if (!state || !prefs) return;
    setPush('working');
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setPush(permission === 'denied' ? 'blocked' : 'off');
        return;
      }
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(state.vapidPublicKey),
      });
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await api.post(`${base}/push-subscriptions`, { endpoint: json.endpoint, keys: json.keys });
      if (!prefs.channels.includes('push'))
        await save({ ...prefs, channels: [...prefs.channels, 'push'] });
      setPush('on');
    } catch (e) {
      setPush('off');
      setError((e as Error).message);
    }
  }

  async function saveZone(timeZone: string) {
    setZoneSaved(false);
    setError(null);
    try {
      const answer = await api.put<PatientTimeZone>(`${base}/time-zone`, {
        timeZone: timeZone || null,
      });
      setZone(answer);
      setZoneChoice(answer.timeZone ?? '');
      setZoneSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message);
    }
  }

  async function makeFeed() {
    const answer = await api.post<CalendarFeed>(`${base}/calendar-feed`, {});
    setFeedUrl(answer.url);
  }

  async function revokeFeed() {
    await fetch(`${base}/calendar-feed`, {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    setFeedUrl(null);
  }

  if (!prefs) return <p role="status">{error ?? t('app.loading')}</p>;
  const toggle = (channel: Channel) =>
    setPrefs({
      ...prefs,
      channels: prefs.channels.includes(channel)
        ? prefs.channels.filter((c) => c !== channel)
        : [...prefs.channels, channel],
    });
  const quiet = prefs.quietHours ?? { start: '21:00', end: '08:00' };
  return (
    <main className="screen" data-testid="reminders">
      <h1>{t('reminders.title')}</h1>
      <p>{t('reminders.intro')}</p>
      <section className="card" aria-labelledby="push-title">
        <h2 id="push-title">{t('reminders.channel.push')}</h2>
        {push === 'on' ? (
          <p data-testid="push-on">{t('reminders.push.enabled')}</p>
        ) : push === 'blocked' ? (
          <p>{t('reminders.push.blocked')}</p>
        ) : push === 'unsupported' ? (
          <p>{t('reminders.push.unsupported')}</p>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={turnOnPush}
            disabled={push === 'working'}
            data-testid="push-turn-on"
          >
            {t('reminders.push.on')}
          </button>
        )}
      </section>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save(prefs);
        }}
      >
        <fieldset>
          <legend>{t('reminders.channels')}</legend>
          {(['email', 'sms', 'push'] as const).map((channel) => (
            <label key={channel} className="check">
              <input
                type="checkbox"
                checked={prefs.channels.includes(channel)}
                onChange={() => toggle(channel)}
              />{' '}
              {t(`reminders.channel.${channel}`)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={prefs.paused}
            onChange={(e) => setPrefs({ ...prefs, paused: e.target.checked })}
            data-testid="reminders-pause"
          />{' '}
          {t('reminders.pause')}
        </label>
        <p>
          {quietEnds.map(({ key, label }, i) => (
            <Fragment key={key}>
              {i > 0 ? ' ' : null}
              <label>
                {t(label)}{' '}
                <input
                  type="time"
                  value={quiet[key]}
                  onChange={(e) =>
                    setPrefs({ ...prefs, quietHours: { ...quiet, [key]: e.target.value } })
                  }
                />
              </label>
            </Fragment>
          ))}
        </p>
        <button type="submit" className="button">
          {t('reminders.save')}
        </button>
        {saved ? <p role="status">{t('reminders.saved')}</p> : null}
        {error ? <p role="alert">{error}</p> : null}
      </form>
      {zone ? (
        <form
          className="card"
          aria-labelledby="zone-title"
          onSubmit={(e) => {
            e.preventDefault();
            void saveZone(zoneChoice);
          }}
        >
          <h2 id="zone-title">{t('reminders.timeZone')}</h2>
          <p>
            <label htmlFor="my-time-zone">{t('reminders.timeZone.intro')}</label>
          </p>
          <p>
            <TimeZoneSelect
              id="my-time-zone"
              value={zoneChoice}
              clinicLabel={t('reminders.timeZone.clinic', { zone: zone.clinicTimeZone })}
              onChange={setZoneChoice}
            />
          </p>
          {deviceTimeZone() !== (zone.timeZone ?? zone.clinicTimeZone) ? (
            <p>
              <button
                type="button"
                className="button"
                onClick={() => void saveZone(deviceTimeZone())}
              >
                {t('reminders.timeZone.device', { zone: deviceTimeZone() })}
              </button>
            </p>
          ) : null}
          <button type="submit" className="button">
            {t('reminders.timeZone.save')}
          </button>
          {zoneSaved ? <p role="status">{t('reminders.timeZone.saved')}</p> : null}
        </form>
      ) : null}
      <section className="card" aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('reminders.calendar')}</h2>
        <p>{t('reminders.calendar.intro')}</p>
        <p>
          <a href={`${base}/calendar.ics`} download="lamina.ics">
            {t('reminders.calendar.download')}
          </a>
        </p>
        {feedUrl ? (
          <>
            <p>{t('reminders.calendar.feedHelp')}</p>
            <p>
              <input readOnly value={feedUrl} aria-label={t('reminders.calendar.feed')} />
            </p>
            <button type="button" className="button" onClick={revokeFeed}>
              {t('reminders.calendar.revoke')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={makeFeed}>
            {t('reminders.calendar.feed')}
          </button>
        )}
      </section>
    </main>
  );
}
