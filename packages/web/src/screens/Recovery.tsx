import type { PromResponse, StoredCheckin } from '@lamina/contract';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { daysBetween, localDate } from '../lib/dates.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { milestoneText, titleText } from '../lib/plan-text.ts';
import { useLoaded } from '../lib/use-loaded.ts';
import { checkinSeries } from '../ui/chart-data.ts';
import { RecoveryCharts } from '../ui/RecoveryCharts.tsx';
import { Sources, Stmt } from '../ui/Statement.tsx';
import { PlanNow } from './PlanNow.tsx';

export default function Recovery({ ctx }: { ctx: PatientContext }) {
  const { t, lang, date, st } = useI18n();
  const { plan } = ctx;
  const loaded = useLoaded<{ checkins: StoredCheckin[] }>(
    `/api/patients/${ctx.me.patientId}/checkins`,
  );
  const checkins = loaded.data?.checkins;
  const { failed } = loaded;
  const [proms, setProms] = useState<PromResponse[] | null>(null);

  useEffect(() => {
    api
      .get<{ responses: PromResponse[] }>(`/api/patients/${ctx.me.patientId}/proms`)
      .then((r) => setProms(r.responses))
      .catch(() => setProms([]));
  }, [ctx.me.patientId]);

  const surgery = plan.surgery.surgeryDate;
  // Oldest first, dated on the phone's calendar; several check-ins on one day are all shown.
  const data = checkinSeries(checkins ?? [], (at) => daysBetween(surgery, localDate(at)));
  const limbCourse = plan.symptomCourse.symptoms.find((s) => s.symptom === 'limb-pain');
  const limbLabel =
    plan.surgery.region === 'cervical' ? t('recovery.armPain') : t('recovery.legPain');
  const axialLabel =
    plan.surgery.region === 'cervical' ? t('recovery.neckPain') : t('recovery.backPain');

  return (
    <div className="screen recovery">
      <h1>{t('recovery.title')}</h1>
      <PlanNow plan={plan} patientId={ctx.me.patientId} />
      <p className="lead">{t('today.day', { day: Math.max(0, plan.dayOfRecovery) })}</p>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('recovery.timeline')}</h2>
        <ol className="timeline">
          {plan.phases.map((phase) => {
            const title = titleText(lang, 'phase', phase.id, phase.title);
            const state = phase.current ? 'now' : phase.startDate > plan.today ? 'later' : 'done';
            return (
              <li
                key={phase.id}
                className={state}
                aria-current={phase.current ? 'step' : undefined}
              >
                <span className="dot" aria-hidden="true" />
                <div>
                  <p lang={title.lang}>
                    <strong>{title.text}</strong>
                  </p>
                  <p className="hint">{date(phase.startDate, 'short')}</p>
                  {phase.current ? <p className="here">{t('recovery.youAreHere')}</p> : null}
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card" aria-labelledby="milestones-title">
        <h2 id="milestones-title">{t('recovery.milestones')}</h2>
        <ul className="milestones">
          {plan.milestones.map((m) => {
            const text = milestoneText(lang, m);
            return (
              <li key={m.id} className={m.status}>
                <p lang={text.lang}>
                  <span className="status">{t(`milestone.${m.status}`)}</span> {text.text}
                </p>
                <p className="hint">
                  {t('today.between', { from: date(m.from, 'short'), to: date(m.to, 'short') })}
                </p>
                <Sources sources={m.sources} />
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card good-to-know" aria-labelledby="gtk-title">
        <h2 id="gtk-title">{t('recovery.goodToKnow')}</h2>
        {(plan.goodToKnow ?? []).map((topic) => {
          const title = st(topic.title);
          return (
            <details key={topic.id} className="topic">
              <summary>
                <h3 lang={title.lang}>{title.text}</h3>
              </summary>
              {topic.items.map((s) => (
                <Stmt key={s.id} s={s} />
              ))}
            </details>
          );
        })}
      </section>

      <section className="card" aria-labelledby="charts-title">
        <h2 id="charts-title">{t('recovery.charts')}</h2>
        {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
        {checkins && data.count === 0 ? <p>{t('recovery.noCheckins')}</p> : null}
        {checkins && data.count > 0 ? (
          <RecoveryCharts
            plan={plan}
            data={data}
            words={{
              pain: t('recovery.painChart'),
              painSummary: (v) => t('recovery.painSummary', v),
              limb: limbLabel,
              axial: axialLabel,
              usuallyEases: t('recovery.usuallyEases'),
              today: t('recovery.today'),
              nerve: t('recovery.nerveChart'),
              nerveSummary: t('recovery.nerveSummary'),
              numbness: t('recovery.numbness'),
              weakness: t('recovery.weakness'),
              nerveLevels: [
                t('nerve.none'),
                t('nerve.improving'),
                t('nerve.unchanged'),
                t('nerve.worse'),
                t('nerve.rapidlyWorseShort'),
              ],
              walking: t('recovery.walkingChart'),
              walkingSummary: (v) => t('recovery.walkingSummary', v),
              walkingMinutes: t('recovery.walkingMinutes'),
            }}
            afterPain={limbCourse ? <Stmt s={limbCourse.explanation} /> : null}
            afterNerve={plan.symptomCourse.symptoms
              .filter((s) => s.symptom === 'numbness' || s.symptom === 'weakness')
              .map((s) => <Stmt key={s.symptom} s={s.explanation} />)}
          />
        ) : null}
        {!checkins && !failed ? <p role="status">{t('app.loading')}</p> : null}
        {plan.symptomCourse.notes.map((s) => (
          <Stmt key={s.id} s={s} />
        ))}
      </section>

      <section className="card" aria-labelledby="proms-title">
        <h2 id="proms-title">{t('recovery.proms')}</h2>
        {proms && proms.length === 0 ? <p>{t('recovery.noProms')}</p> : null}
        <ul>
          {(proms ?? []).map((r) => (
            <li key={r.id}>
              <p>
                <strong>{r.instrument.toUpperCase()}</strong> · {date(r.completedOn, 'short')}
              </p>
              {r.score?.scales.map((s) => (
                <p key={s.scale}>
                  {s.scale}: {s.value ?? '–'}
                </p>
              ))}
              {r.change.map((c) => (
                <p key={c.scale} className="hint">
                  {c.classification === 'improved'
                    ? t('recovery.mcidImproved')
                    : c.classification === 'worsened'
                      ? t('recovery.mcidWorsened')
                      : c.classification === 'no-important-change'
                        ? t('recovery.mcidSame')
                        : t('recovery.mcidUnknown')}
                </p>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
