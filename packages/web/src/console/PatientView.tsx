import type {
  Message,
  MessageThread,
  PatientAlert,
  PatientDetail,
  PromResponse,
  StoredCheckin,
} from '@lamina/contract';
import type { RecoveryPlan } from '@lamina/pathway';
import { useCallback, useEffect, useState } from 'react';
import { ImagingJumpLink, PatientImaging } from '../imaging/PatientImaging.tsx';
import { ApiError, api, type Me } from '../lib/api.ts';
import { daysBetween } from '../lib/dates.ts';
import { titleText } from '../lib/plan-text.ts';
import { checkinSeries } from '../ui/chart-data.ts';
import { ErrorNote } from '../ui/Form.tsx';
import { RecoveryCharts } from '../ui/RecoveryCharts.tsx';
import { TextField } from '../ui/TextField.tsx';
import { PhotoThumbs, usePhotos, type WoundPhoto } from '../ui/WoundPhotos.tsx';
import { PatientAppCard } from './AppStatus.tsx';
import { ExerciseAdherence } from './exercise-adherence.tsx';
import { dateTime, useT } from './i18n.ts';
import { OverridesEditor } from './Overrides.tsx';
import { PatientReminders } from './PatientReminders.tsx';
import { ageFrom, PatientContact } from './patient-contact.tsx';
import { SurgeryCorrection } from './SurgeryCorrection.tsx';
import { can } from './types.ts';
import { SurgeonBadge } from './ui-badge.tsx';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

interface Loaded {
  detail: PatientDetail;
  /** null when the surgery was cancelled: no plan follows from it. */
  plan: RecoveryPlan | null;
  checkins: StoredCheckin[];
  alerts: PatientAlert[];
  proms: PromResponse[];
}

/** One patient for the care team: where they are in the plan, what they reported, what was done. */
export default function PatientView({ patientId, me }: { patientId: string; me: Me }) {
  const { t, date } = useT();
  const allowed = can(me.role);
  // Wound photos (issue 17): beside their check-in and in the message thread; not for reviewers.
  const [photos] = usePhotos(allowed.queue ? patientId : '');
  const [data, setData] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const base = `/api/patients/${patientId}`;
      const [detail, plan, checkins, alerts, proms] = await Promise.all([
        api.get<PatientDetail>(base),
        api.get<RecoveryPlan>(`${base}/plan`).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 409) return null;
          throw error;
        }),
        api.get<{ checkins: StoredCheckin[] }>(`${base}/checkins`),
        api.get<{ alerts: PatientAlert[] }>(`${base}/alerts`),
        api.get<{ responses: PromResponse[] }>(`${base}/proms`),
      ]);
      setData({
        detail,
        plan,
        checkins: checkins.checkins,
        alerts: alerts.alerts,
        proms: proms.responses,
      });
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : t('console.loadError'));
    }
  }, [patientId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  if (failed)
    return (
      <p role="alert" className="error">
        {failed}
      </p>
    );
  if (!data) return <Loading />;
  const { detail, plan } = data;
  const correction =
    allowed.queue && detail.surgery ? (
      <SurgeryCorrection
        key={JSON.stringify(detail.surgery)}
        patientId={patientId}
        current={detail.surgery}
        onSaved={load}
      />
    ) : null;
  // Who is invited, who has signed in, who has never checked in (issue 15).
  const appCard = allowed.queue ? (
    <PatientAppCard
      patientId={patientId}
      canInvite={me.role === 'care_manager' || me.role === 'admin'}
    />
  ) : null;
  if (!plan)
    return (
      <div className="patient-view">
        <h1>
          {detail.patient.givenName} {detail.patient.familyName}
        </h1>
        {appCard}
        {correction}
      </div>
    );
  const surgery = plan.surgery;
  return (
    <div className="patient-view">
      <h1>
        {detail.patient.givenName} {detail.patient.familyName}
      </h1>
      <PatientContact
        phone={detail.patient.phone}
        language={detail.patient.language}
        age={ageFrom(detail.patient.dateOfBirth)}
      />
      <p className="lead">
        {t('patient.surgerySummary', {
          procedure: t(`procedure.${surgery.procedure}` as 'procedure.laminectomy'),
          region: t(`region.${surgery.region}` as 'region.lumbar'),
          date: date(surgery.surgeryDate),
        })}{' '}
        ·{' '}
        {plan.dayOfRecovery >= 0
          ? t('queue.day', { day: plan.dayOfRecovery })
          : t('patient.beforeSurgery', { days: -plan.dayOfRecovery })}
      </p>
      <nav className="jump" aria-label={t('patient.sections')}>
        <a href="#timeline">{t('patient.timeline')}</a>
        <a href="#alerts">{t('patient.alerts')}</a>
        <a href="#charts">{t('patient.charts')}</a>
        <a href="#checkins">{t('patient.checkins')}</a>
        <a href="#proms">{t('patient.proms')}</a>
        <a href="#reminders">{t('patient.reminders')}</a>
        <a href="#exercises">{t('patient.exercises')}</a>
        {allowed.messages ? <a href="#messages">{t('patient.messages')}</a> : null}
        <a href="#plan">{t('patient.plan')}</a>
        {allowed.queue ? <ImagingJumpLink /> : null}
      </nav>
      {appCard}
      <div className="grid">
        <Timeline plan={plan} />
        <Alerts alerts={data.alerts} />
      </div>
      <Charts plan={plan} checkins={data.checkins} />
      <Checkins checkins={data.checkins} surgeryDate={surgery.surgeryDate} photos={photos} />
      <Proms proms={data.proms} />
      <PatientReminders
        patientId={patientId}
        canSetTimeZone={me.role === 'care_manager' || me.role === 'admin'}
      />
      <ExerciseAdherence patientId={patientId} />
      {allowed.messages ? <Thread patientId={patientId} photos={photos} /> : null}
      {allowed.queue ? <PatientImaging patientId={patientId} canUpload /> : null}
      {correction}
      <OverridesEditor
        patientId={patientId}
        plan={plan}
        overrides={detail.surgery?.overrides}
        editable={allowed.editOverrides}
        onSaved={load}
      />
    </div>
  );
}

function Timeline({ plan }: { plan: RecoveryPlan }) {
  const { t, date, lang } = useT();
  return (
    <section className="card" id="timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('patient.timeline')}</h2>
      <ol className="timeline">
        <li className="done">
          <span className="dot" aria-hidden="true" />
          <div>
            <p>
              <strong>{t('patient.surgeryDay')}</strong>
            </p>
            <p className="hint">{date(plan.surgery.surgeryDate, 'short')}</p>
          </div>
        </li>
        {plan.phases.map((phase) => {
          const state = phase.current ? 'now' : phase.startDate > plan.today ? 'later' : 'done';
          return (
            <li key={phase.id} className={state} aria-current={phase.current ? 'step' : undefined}>
              <span className="dot" aria-hidden="true" />
              <div>
                <p>
                  <strong lang={titleText(lang, 'phase', phase.id, phase.title).lang}>
                    {titleText(lang, 'phase', phase.id, phase.title).text}
                  </strong>
                </p>
                <p className="hint">
                  {date(phase.startDate, 'short')}
                  {phase.current ? ` · ${t('patient.now')}` : ''}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
      <h3>{t('patient.followUps')}</h3>
      <ul className="plain">
        {plan.followUps.map((f) => (
          <li key={f.id}>
            <span lang={titleText(lang, 'followup', f.id, f.title).lang}>
              {titleText(lang, 'followup', f.id, f.title).text}
            </span>
            : {date(f.date, 'short')} {f.booked ? t('patient.booked') : t('patient.notBooked')}
            {f.setBy === 'surgeon' ? <SurgeonBadge /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Alerts({ alerts }: { alerts: PatientAlert[] }) {
  const { t, lang } = useT();
  return (
    <section className="card" id="alerts" aria-labelledby="alerts-h">
      <h2 id="alerts-h">{t('patient.alerts')}</h2>
      {alerts.length === 0 ? <p>{t('patient.noAlerts')}</p> : null}
      <ol className="alert-history">
        {alerts.map((a) => (
          <li key={a.id} className={`level-${a.level}`} data-testid="alert-history">
            <p>
              <strong className={`level-text ${a.level}`}>{t(`level.${a.level}`)}</strong> ·{' '}
              {t(`status.${a.status}`)} · {dateTime(a.createdAt, lang)}
              {a.escalationStep > 0 ? ` · ${t('queue.escalated', { step: a.escalationStep })}` : ''}
            </p>
            <ul className="plain">
              {a.findings.map((f) => (
                <li key={f.ruleId} lang="en">
                  {f.clinicianSummary}
                </li>
              ))}
            </ul>
            <ol className="events">
              {a.events.map((e) => (
                <li key={`${e.kind}-${e.at}`}>
                  {dateTime(e.at, lang)} — {t(`event.${e.kind}` as 'event.created')}
                  {e.actor ? ` (${e.actor})` : ''}
                  {e.note ? `: ${e.note}` : ''}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Charts({ plan, checkins }: { plan: RecoveryPlan; checkins: StoredCheckin[] }) {
  const { t, st } = useT();
  const surgeryDate = plan.surgery.surgeryDate;
  const data = checkinSeries(checkins, (at) => daysBetween(surgeryDate, at));
  const cervical = plan.surgery.region === 'cervical';
  return (
    <section className="card" id="charts" aria-labelledby="charts-h">
      <h2 id="charts-h">{t('patient.charts')}</h2>
      {data.count === 0 ? <p>{t('patient.noCheckins')}</p> : null}
      <div className="charts">
        <RecoveryCharts
          plan={plan}
          data={data}
          words={{
            pain: t('chart.pain'),
            painSummary: (v) => t('chart.painSummary', v),
            limb: cervical ? t('chart.armPain') : t('chart.legPain'),
            axial: cervical ? t('chart.neckPain') : t('chart.backPain'),
            usuallyEases: t('chart.usuallyEases'),
            today: t('chart.today'),
            nerve: t('chart.nerve'),
            nerveSummary: t('chart.nerveSummary'),
            numbness: t('chart.numbness'),
            weakness: t('chart.weakness'),
            nerveLevels: [
              t('nerve.none'),
              t('nerve.improving'),
              t('nerve.unchanged'),
              t('nerve.worse'),
              t('nerve.rapidlyWorse'),
            ],
            walking: t('chart.walking'),
            walkingSummary: (v) => t('chart.walkingSummary', v),
            walkingMinutes: t('chart.walkingMinutes'),
          }}
        />
      </div>
      {plan.symptomCourse.symptoms.map((s) => (
        <p key={s.symptom} className="hint" lang={st(s.explanation).lang}>
          {st(s.explanation).text}
        </p>
      ))}
    </section>
  );
}

function Checkins({
  checkins,
  surgeryDate,
  photos,
}: {
  checkins: StoredCheckin[];
  surgeryDate: string;
  photos: WoundPhoto[];
}) {
  const { t, lang } = useT();
  return (
    <section className="card" id="checkins" aria-labelledby="checkins-h">
      <h2 id="checkins-h">{t('patient.checkins')}</h2>
      {checkins.length === 0 ? <p>{t('patient.noCheckins')}</p> : null}
      {checkins.length > 0 ? (
        <DataTable
          columns={[
            t('checkins.when'),
            t('checkins.day'),
            t('checkins.decision'),
            t('checkins.pain'),
            t('checkins.walking'),
            t('checkins.why'),
            t('checkins.photo'),
          ]}
        >
          {checkins.map((c) => (
            <tr key={c.id} className={`level-${c.level}`}>
              <td>{dateTime(c.submittedAt, lang)}</td>
              <td>{daysBetween(surgeryDate, c.submittedAt)}</td>
              <td>
                <strong className={`level-text ${c.level}`}>{t(`level.${c.level}`)}</strong>
              </td>
              <td>
                {c.answers.limbPain ?? '–'} / {c.answers.axialPain ?? '–'}
              </td>
              <td>{c.answers.walkingMinutes ?? '–'}</td>
              <td lang="en">
                {(c.triage?.findings ?? []).map((f) => f.clinicianSummary).join(' ') || '–'}
              </td>
              <td>
                <PhotoThumbs
                  photos={photos.filter((p) => p.checkinId === c.id)}
                  alt={t('checkins.photoAlt')}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

function Proms({ proms }: { proms: PromResponse[] }) {
  const { t, date } = useT();
  return (
    <section className="card" id="proms" aria-labelledby="proms-h">
      <h2 id="proms-h">{t('patient.proms')}</h2>
      {proms.length === 0 ? <p>{t('patient.noProms')}</p> : null}
      {proms.length > 0 ? (
        <DataTable
          columns={[t('proms.instrument'), t('proms.date'), t('proms.scores'), t('proms.mcid')]}
        >
          {proms.map((r) => (
            <tr key={r.id}>
              <td>{r.instrument.toUpperCase()}</td>
              <td>{date(r.completedOn, 'short')}</td>
              <td>
                {(r.score?.scales ?? []).map((s) => `${s.scale} ${s.value ?? '–'}`).join(', ')}
              </td>
              <td>
                {r.change.length === 0
                  ? t('proms.baseline')
                  : r.change
                      .map(
                        (c) =>
                          `${c.scale}: ${c.baseline} → ${c.followUp}, ${t(
                            `mcid.${c.classification ?? 'unknown'}` as 'mcid.improved',
                          )}`,
                      )
                      .join('; ')}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

function Thread({ patientId, photos }: { patientId: string; photos: WoundPhoto[] }) {
  const { t, lang } = useT();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.get<MessageThread>(`/api/patients/${patientId}/messages`);
    setMessages(r.messages);
    // Opening the thread is reading it.
    if (r.unread > 0) await api.post(`/api/patients/${patientId}/messages/read`, {});
  }, [patientId]);
  useEffect(() => {
    load().catch(() => setError(t('console.loadError')));
  }, [load, t]);
  return (
    <section className="card" id="messages" aria-labelledby="messages-h">
      <h2 id="messages-h">{t('patient.messages')}</h2>
      {messages && messages.length === 0 ? <p>{t('patient.noMessages')}</p> : null}
      <ol className="thread">
        {(messages ?? []).map((m) => (
          <li key={m.id} className={m.from.side === 'patient' ? 'theirs' : 'mine'}>
            <p className="hint">
              {m.from.name} · {dateTime(m.sentAt, lang)}
            </p>
            <p>{m.body}</p>
            <PhotoThumbs
              photos={photos.filter((p) => p.messageId === m.id)}
              alt={t('checkins.photoAlt')}
            />
          </li>
        ))}
      </ol>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (!body.trim()) return;
          try {
            await api.post(`/api/patients/${patientId}/messages`, { body: body.trim() });
            setBody('');
            await load();
          } catch (failure) {
            setError(failure instanceof ApiError ? failure.message : t('console.loadError'));
          }
        }}
      >
        <TextField label={t('patient.reply')} rows={3} value={body} onChange={setBody} />
        <button type="submit" className="primary">
          {t('patient.send')}
        </button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
