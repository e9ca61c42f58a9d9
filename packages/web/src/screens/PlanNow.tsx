import type { PlannedRestriction, RecoveryPlan } from '@lamina/pathway';
import { useI18n } from '../i18n/i18n.tsx';
import { milestoneText, restrictionDetail, restrictionText, titleText } from '../lib/plan-text.ts';
import { Sources, Stmt } from '../ui/Statement.tsx';

/**
 * The plan for now: where the patient is, what to focus on and avoid, and the next step. It used
 * to fill Today; issue 17 moved it one tap away, to the top of My recovery (id="plan").
 */
export function PlanNow({ plan, patientId }: { plan: RecoveryPlan; patientId?: string }) {
  const { t, lang, date } = useI18n();
  const phase = plan.currentPhase;
  const inForce = plan.restrictions.filter((r) => r.inForce);
  const nextMilestone = plan.milestones.find((m) => m.status !== 'past');
  return (
    <div id="plan">
      <div className="plan-actions">
        <button type="button" onClick={() => window.print()}>
          {t('plan.print')}
        </button>
        {patientId ? (
          <a className="button" href={`/api/patients/${patientId}/plan.pdf`} download>
            {t('plan.download')}
          </a>
        ) : null}
      </div>
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

      {nextMilestone ? (
        <section className="card" aria-labelledby="milestone-title">
          <p className="eyebrow">{t('today.nextMilestone')}</p>
          <h2 id="milestone-title" lang={milestoneText(lang, nextMilestone).lang}>
            {milestoneText(lang, nextMilestone).text}
          </h2>
          <p>
            {nextMilestone.status === 'now'
              ? t('today.aroundNow')
              : t('today.between', {
                  from: date(nextMilestone.from),
                  to: date(nextMilestone.to),
                })}
          </p>
          <Sources sources={nextMilestone.sources} />
        </section>
      ) : null}

      {/* On paper the plan carries when to get help (Today shows it on screen). */}
      <section className="card print-only" aria-labelledby="print-help-title">
        <h2 id="print-help-title">{t('today.warningSigns')}</h2>
        {plan.warningSigns.map((s) => (
          <Stmt key={s.id} s={s} />
        ))}
      </section>
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
