import type { QueueCard } from '@lamina/contract';
import { noCheckinSinceAlert } from '@lamina/pathway';
import { useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { ErrorNote } from '../ui/Form.tsx';
import { countdown, dateTime, duration, useT } from './i18n.ts';
import { useLiveQueue, useNow } from './live-queue.tsx';
import { PatientContact } from './patient-contact.tsx';
import { Loading } from './ui-loading.tsx';

/** How long a newly arrived emergency stays highlighted in the queue. */
const highlightMs = 20_000;

/**
 * The triage queue (red flags, the home screen) or, with `calm`, the off-track list. The order is
 * the server's — most urgent first, then oldest — and is never changed here.
 */
export function Queue({ calm = false }: { calm?: boolean }) {
  const { t } = useT();
  const live = useLiveQueue();
  const now = useNow(1000);
  const list = calm ? live?.offTrack : live?.alerts;

  if (!live) return null;
  const serverNow = now + live.skewMs;
  return (
    <div className={calm ? 'queue calm' : 'queue'}>
      <div className="queue-head">
        <h1>{calm ? t('offTrack.title') : t('queue.title')}</h1>
        <p className={`stream ${live.stream}`} role="status" data-testid="stream">
          {live.stream === 'live'
            ? t('queue.live')
            : live.stream === 'paused'
              ? t('queue.paused')
              : t('queue.connecting')}
        </p>
      </div>
      <p className="lead">{calm ? t('offTrack.intro') : t('queue.intro')}</p>
      {live.failed ? <p role="alert">{t('queue.loadFailed')}</p> : null}
      {!list ? <Loading /> : null}
      {list && list.length === 0 ? (
        <p className="card quiet">{calm ? t('offTrack.empty') : t('queue.empty')}</p>
      ) : null}
      <ol className="alerts" aria-label={calm ? t('offTrack.title') : t('queue.title')}>
        {(list ?? []).map((alert) => (
          <li key={alert.id}>
            <AlertCard
              alert={alert}
              now={serverNow}
              arrived={now - (live.arrivedAt.get(alert.id) ?? -Infinity) < highlightMs}
              onChanged={live.refreshCard}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

function AlertCard({
  alert,
  now,
  arrived,
  onChanged,
}: {
  alert: QueueCard;
  now: number;
  /** Arrived while the console was open, moments ago: highlighted briefly. */
  arrived: boolean;
  onChanged(alertId: string): Promise<void>;
}) {
  const { t, lang, date } = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { patient } = alert;
  const name = `${patient.givenName} ${patient.familyName}`;
  const raised = Date.parse(alert.createdAt);
  const deadline = alert.deadlineAt ? Date.parse(alert.deadlineAt) : null;
  const open = alert.status === 'open';
  const overdue = open && deadline !== null && deadline <= now;
  const day = patient.daysSinceSurgery ?? undefined;
  // Silence after a serious alert raises the card (issue 16); re-applied as the clock ticks.
  const quiet = noCheckinSinceAlert(alert, patient.lastCheckinAt, now);
  const headingId = `alert-${alert.id}`;

  async function act(action: 'acknowledge' | 'notes' | 'resolve') {
    setBusy(true);
    setError(null);
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      await api.post(`/api/alerts/${alert.id}/${action}`, body);
      setNote('');
      await onChanged(alert.id);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('console.loadError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      className={`alert-card ${alert.level}${overdue ? ' overdue' : ''}${quiet ? ' quiet-patient' : ''}${arrived ? ' arrived' : ''}`}
      aria-labelledby={headingId}
      data-arrived={arrived ? 'true' : undefined}
      data-alert-id={alert.id}
      data-level={alert.level}
      data-status={alert.status}
    >
      <header>
        <p className="level-label">
          <span aria-hidden="true">{alert.level === 'emergency' ? '⚠ ' : ''}</span>
          {t(`level.${alert.level}`)}
        </p>
        <h2 id={headingId}>
          <Link href={`/console/patients/${patient.id}`}>{name}</Link>
        </h2>
        <p className="surgery">
          {patient.surgeryDate
            ? t('queue.surgery', { date: date(patient.surgeryDate, 'short') })
            : null}
          {day !== undefined ? ` · ${t('queue.day', { day })}` : null}
        </p>
        <PatientContact phone={patient.phone} language={patient.language} age={patient.age} />
        <ul className="badges">
          {quiet ? (
            <li className="badge no-checkin" data-testid="no-checkin-since">
              {t('queue.noCheckinSince')}
            </li>
          ) : null}
          {overdue ? (
            <li className="badge overdue" data-testid="overdue">
              {t('queue.overdue')}
            </li>
          ) : null}
          {alert.escalationStep > 0 ? (
            <li className="badge escalated" data-testid="escalated">
              {t('queue.escalated', { step: alert.escalationStep })}
            </li>
          ) : null}
          {alert.status === 'acknowledged' ? (
            <li className="badge acknowledged">{t('queue.acknowledged')}</li>
          ) : null}
        </ul>
      </header>

      <p className="times">
        <span>{t('queue.raised', { ago: duration(now - raised, lang) })}</span>
        {open && deadline !== null ? (
          overdue ? (
            <strong className="late">
              {t('queue.overdueBy', { late: duration(now - deadline, lang) })}
            </strong>
          ) : (
            <span>
              {t('queue.ackWithin')}{' '}
              <strong className="countdown">{countdown(deadline - now, lang)}</strong>
            </span>
          )
        ) : null}
        {alert.acknowledgedAt ? (
          <span>{t('queue.acknowledgedAt', { at: dateTime(alert.acknowledgedAt, lang) })}</span>
        ) : null}
        {alert.level === 'urgent' || alert.level === 'emergency' ? (
          <span data-testid="last-checkin">
            {patient.lastCheckinAt
              ? t('queue.lastCheckin', { at: dateTime(patient.lastCheckinAt, lang) })
              : t('queue.lastCheckinNever')}
          </span>
        ) : null}
      </p>

      <div className="columns">
        <section>
          <h3>{t('queue.findings')}</h3>
          <ul className="findings">
            {alert.findings.map((f) => (
              <li key={f.ruleId}>
                {/* Clinical findings are written for staff, in English, by the triage rules. */}
                <p lang="en">
                  <strong>{f.clinicianSummary}</strong>
                </p>
                {f.patientWords ? (
                  <p className="words">
                    {t('queue.patientWords')} <q>{f.patientWords}</q>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('queue.patientTold')}</h3>
          {/* In the words the patient's screen showed, whatever the console's language. */}
          <div lang={alert.told.lang} data-testid="patient-told">
            {alert.told.instruction ? <p>{alert.told.instruction}</p> : null}
            <ul className="told">
              {alert.told.findings.map((f) => (
                <li key={f.ruleId}>{f.text}</li>
              ))}
            </ul>
          </div>
        </section>
      </div>

      {alert.notes ? (
        <p className="notes">
          <strong>{t('queue.notes')}</strong> {alert.notes}
        </p>
      ) : null}

      <div className="actions">
        <label className="field">
          <span>{t('queue.note')}</span>
          <textarea
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('queue.notePlaceholder')}
          />
        </label>
        <div className="buttons">
          {open ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act('acknowledge')}
            >
              {t('queue.acknowledge')}
            </button>
          ) : null}
          <button
            type="button"
            className="secondary"
            disabled={busy || note.trim() === ''}
            onClick={() => act('notes')}
          >
            {t('queue.addNote')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => act('resolve')}
          >
            {t('queue.resolve')}
          </button>
        </div>
        <ErrorNote error={error} />
      </div>
    </article>
  );
}
