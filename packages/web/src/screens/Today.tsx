import type { PlannedRestriction } from '@lamina/pathway';
import type { PatientContext } from '../App.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { milestoneText, restrictionDetail, restrictionText, titleText } from '../lib/plan-text.ts';
import { Link, navigate } from '../lib/router.tsx';
import { signOut } from '../lib/session.ts';
import { Sources, Stmt } from '../ui/Statement.tsx';
import { SecondOpinionPrompt } from './second-opinion/SecondOpinionPrompt.tsx';

export function Today({ ctx }: { ctx: PatientContext }) {
  const i18n = useI18n();
  const { t, lang, date } = i18n;
  const { plan, me } = ctx;
  const phase = plan.currentPhase;
  const inForce = plan.restrictions.filter((r) => r.inForce);
  const nextMilestone = plan.milestones.find((m) => m.status !== 'past');
  const nextVisit = plan.followUps.find((f) => f.status !== 'past');
  const firstName = me.displayName.split(' ')[0] ?? me.displayName;

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

      <Link href="/checkin" className="button primary big" data-testid="checkin-button">
        {t('today.checkin')}
      </Link>
      <p className="hint center">{t('today.checkinHint')}</p>

      {phase ? (
        <section className="card" aria-labelledby="phase-title">
          <p className="eyebrow">{t('today.phase')}</p>
          <h2 id="phase-title" lang={titleText(lang, 'phase', phase.id, phase.title).lang}>
            {titleText(lang, 'phase', phase.id, phase.title).text}
          </h2>
          <h3>{t('today.focus')}</h3>
          {phase.focus.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
          {phase.avoid.length > 0 ? <h3>{t('today.avoidInPhase')}</h3> : null}
          {phase.avoid.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
        </section>
      ) : null}

      {inForce.length > 0 ? (
        <section className="card" aria-labelledby="avoid-title">
          <h2 id="avoid-title">{t('today.avoid')}</h2>
          <ul className="restrictions">
            {inForce.map((r) => (
              <Restriction key={r.id} r={r} />
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="next-title">
        <h2 id="next-title">{t('today.next')}</h2>
        {nextMilestone ? (
          <div className="next">
            <p className="eyebrow">{t('today.nextMilestone')}</p>
            <p lang={milestoneText(lang, nextMilestone).lang}>
              <strong>{milestoneText(lang, nextMilestone).text}</strong>
            </p>
            <p>
              {nextMilestone.status === 'now'
                ? t('today.aroundNow')
                : t('today.between', {
                    from: date(nextMilestone.from),
                    to: date(nextMilestone.to),
                  })}
            </p>
            <Sources sources={nextMilestone.sources} />
          </div>
        ) : null}
        {nextVisit ? (
          <div className="next">
            <p className="eyebrow">{t('today.nextVisit')}</p>
            <p lang={titleText(lang, 'followup', nextVisit.id, nextVisit.title).lang}>
              <strong>{titleText(lang, 'followup', nextVisit.id, nextVisit.title).text}</strong>
            </p>
            <p>
              {nextVisit.booked
                ? t('today.visitBooked', { date: date(nextVisit.date) })
                : t('today.visitWindow', {
                    from: date(nextVisit.windowStart),
                    to: date(nextVisit.windowEnd),
                  })}
            </p>
            <Sources sources={nextVisit.sources} />
          </div>
        ) : null}
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
            <Link href="/request">{t('intake.getHelp')}</Link>
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

function Restriction({ r }: { r: PlannedRestriction }) {
  const { t, lang, date } = useI18n();
  const text = restrictionText(lang, r);
  const until =
    r.lifting === 'on-date' && r.liftsOn
      ? t('restriction.until', { date: date(r.liftsOn) })
      : r.lifting === 'on-date-if-cleared' && r.liftsOn
        ? t('restriction.untilCleared', { date: date(r.liftsOn) })
        : r.lifting === 'when-cleared'
          ? t('restriction.whenCleared')
          : t('restriction.ongoing');
  const detail = restrictionDetail(lang, r);
  return (
    <li>
      <p lang={text.lang}>
        <strong>{text.text}</strong>
      </p>
      {detail ? <p lang={detail.lang}>{detail.text}</p> : null}
      {r.setBy === 'surgeon' ? (
        <p className="surgeon">
          {t('restriction.fromSurgeon')}
          {r.surgeonNote ? `: ${r.surgeonNote}` : ''}
        </p>
      ) : null}
      <p className="until">{until}</p>
      <Sources sources={r.sources} />
    </li>
  );
}
