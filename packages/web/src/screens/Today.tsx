import type { CheckinList, OwnAlert } from '@lamina/contract';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { pending, subscribe } from '../lib/outbox.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { titleText } from '../lib/plan-text.ts';
import { Link, navigate } from '../lib/router.tsx';
import { signOut } from '../lib/session.ts';
import { useUnread } from '../lib/unread.ts';
import { Stmt } from '../ui/Statement.tsx';
import { SecondOpinionPrompt } from './second-opinion/SecondOpinionPrompt.tsx';

/**
 * What Today shows of the patient's own alerts (OwnAlert in @lamina/contract): when the latest was
 * raised, the deadline and whether the team acknowledged it.
 */
interface RecentAlert {
  raisedAt: Date;
  deadlineAt: Date | null;
  acknowledged: boolean;
}

const dayMs = 24 * 60 * 60_000;

function recentAlert(alerts: OwnAlert[], now: Date): RecentAlert | null {
  for (const a of alerts) {
    const raisedAt = new Date(a.createdAt);
    if (now.getTime() - raisedAt.getTime() > dayMs) continue;
    return {
      raisedAt,
      deadlineAt: a.deadlineAt ? new Date(a.deadlineAt) : null,
      acknowledged: a.acknowledged,
    };
  }
  return null;
}

const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** Today (issue 17): a task list — what happened and what is left to do — not a page of plan text. */
export function Today({ ctx }: { ctx: PatientContext }) {
  const { t, lang, date } = useI18n();
  const { plan, me } = ctx;
  const patientId = me.patientId;
  const nextVisit = plan.followUps.find((f) => f.status !== 'past');
  const firstName = me.displayName.split(' ')[0] ?? me.displayName;
  const clinicPhone = me.clinic?.phone ?? null;
  const emergencyNumber = me.clinic?.emergencyNumber ?? '911';
  const unread = useUnread(patientId);
  const waiting = useSyncExternalStore(subscribe, pending);
  const [checkedInToday, setCheckedInToday] = useState<boolean | null>(null);
  const [questionnaires, setQuestionnaires] = useState<number | null>(null);
  const [alert, setAlert] = useState<RecentAlert | null>(null);

  useEffect(() => {
    const today = localDay(new Date());
    api
      .get<CheckinList>(`/api/patients/${patientId}/checkins`)
      .then((r) =>
        setCheckedInToday(r.checkins.some((c) => localDay(new Date(c.submittedAt)) === today)),
      )
      .catch(() => undefined);
    api
      .get<{
        timepoints: { instruments: { respondent: string; status: string }[] }[];
      }>(`/api/patients/${patientId}/proms/due`)
      .then((r) =>
        setQuestionnaires(
          r.timepoints
            .flatMap((tp) => tp.instruments)
            .filter(
              (i) => i.respondent === 'patient' && (i.status === 'due' || i.status === 'overdue'),
            ).length,
        ),
      )
      .catch(() => undefined);
    api
      .get<{ alerts: OwnAlert[] }>(`/api/patients/${patientId}/alerts`)
      .then((r) => setAlert(recentAlert(r.alerts, new Date())))
      .catch(() => undefined);
  }, [patientId]);

  const time = (d: Date) =>
    new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(d);
  const today = localDay(new Date());
  const doneToday =
    checkedInToday === true || waiting.some((w) => localDay(new Date(w.filledAt)) === today);

  return (
    <div className="screen today">
      {ctx.planSaved ? (
        <p className="banner" role="status">
          {t('today.savedCopy')}
        </p>
      ) : null}
      <h1>{t('today.hello', { name: firstName })}</h1>
      <p className="lead">
        {plan.stage === 'before-surgery'
          ? t('today.beforeSurgery', {
              days: -plan.dayOfRecovery,
              date: date(plan.surgery.surgeryDate),
            })
          : t('today.day', { day: plan.dayOfRecovery })}
      </p>
      {clinicPhone ? (
        <a
          className="button secondary care-call"
          href={`tel:${clinicPhone.replace(/[^0-9+]/g, '')}`}
          data-testid="call-team"
        >
          {t('today.callTeam', { phone: clinicPhone })}
        </a>
      ) : null}

      {alert ? (
        <section className="card alert-state" role="status" data-testid="alert-state">
          <h2>{t('today.alertTitle')}</h2>
          <p>
            {alert.acknowledged || !alert.deadlineAt
              ? t('today.alertSeen', { raised: time(alert.raisedAt), number: emergencyNumber })
              : t('today.alertOpen', {
                  raised: time(alert.raisedAt),
                  deadline: time(alert.deadlineAt),
                  number: emergencyNumber,
                })}
          </p>
          <a className="button primary" href={`tel:${emergencyNumber}`}>
            {t('result.callEmergencyIfWorse', { number: emergencyNumber })}
          </a>
        </section>
      ) : null}

      <Link
        href="/checkin"
        className={doneToday ? 'button secondary big' : 'button primary big'}
        data-testid="checkin-button"
      >
        {t('today.checkin')}
      </Link>
      <p className="hint center">{t('today.checkinHint')}</p>

      <section className="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t('today.tasks')}</h2>
        <ul className="tasks">
          <li data-testid="task-checkin">
            <Link href="/checkin">
              <span>{t('today.checkin')}</span>
              {checkedInToday === null && !doneToday ? null : (
                <span className={`task-state ${doneToday ? 'done' : 'due'}`}>
                  {doneToday ? `✓ ${t('today.checkinDone')}` : t('today.checkinDue')}
                </span>
              )}
            </Link>
          </li>
          <li data-testid="task-questionnaires">
            <Link href="/questionnaires">
              <span>{t('today.questionnairesDue')}</span>
              {questionnaires ? <span className="badge">{questionnaires}</span> : null}
            </Link>
          </li>
          {unread > 0 ? (
            <li data-testid="task-messages">
              <Link href="/messages">
                <span>{t('today.unread')}</span>
                <span className="badge">{unread}</span>
              </Link>
            </li>
          ) : null}
          {nextVisit ? (
            <li data-testid="task-visit">
              <div className="task">
                <span>
                  <span className="eyebrow">{t('today.nextVisit')}</span>
                  <br />
                  <strong lang={titleText(lang, 'followup', nextVisit.id, nextVisit.title).lang}>
                    {titleText(lang, 'followup', nextVisit.id, nextVisit.title).text}
                  </strong>
                  <br />
                  {nextVisit.booked
                    ? t('today.visitBooked', { date: date(nextVisit.date) })
                    : t('today.visitWindow', {
                        from: date(nextVisit.windowStart),
                        to: date(nextVisit.windowEnd),
                      })}
                </span>
              </div>
            </li>
          ) : null}
          <li>
            <Link href="/recovery">
              <span>{t('today.planLink')}</span>
              <span className="go" aria-hidden="true">
                ›
              </span>
            </Link>
          </li>
        </ul>
      </section>

      <SecondOpinionPrompt
        patientId={me.patientId}
        dayOfRecovery={plan.dayOfRecovery}
        recovering={plan.stage === 'recovering'}
      />

      <section className="card warning" aria-labelledby="warn-title">
        <h2 id="warn-title">{t('today.warningSigns')}</h2>
        {plan.warningSigns.map((s) => (
          <Stmt key={s.id} s={s} />
        ))}
      </section>

      <section className="card quiet" aria-labelledby="more-title">
        <h2 id="more-title">{t('today.more')}</h2>
        <ul className="links">
          <li>
            <Link href="/questionnaires">{t('nav.questionnaires')}</Link>
          </li>
          <li>
            <Link href="/learn">{t('nav.learn')}</Link>
          </li>
          <li>
            <Link href="/reminders">{t('reminders.entry')}</Link>
          </li>
          <li>
            <Link href="/treatments">{t('nav.treatments')}</Link>
          </li>
          <li>
            <Link href="/peers">{t('peers.entry')}</Link>
          </li>
          <li>
            <Link href="/request">{t('intake.getHelp')}</Link>
          </li>
          <li>
            <Link href="/second-opinion">{t('nav.secondOpinion')}</Link>
          </li>
        </ul>
      </section>

      {plan.notices.map((s) => (
        <Stmt key={s.id} s={s} className="notice" />
      ))}

      <button
        type="button"
        className="link"
        onClick={async () => {
          await signOut().catch(() => undefined);
          navigate('/signin', { replace: true });
          location.reload();
        }}
      >
        {t('today.signOut')}
      </button>
    </div>
  );
}
