import type { CaseSummaryView } from '@lamina/contract';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { useT } from './i18n.ts';
import { DataTable } from './ui-table.tsx';

/** The summary snapshot as the server sends it: identified for staff, de-identified for a reviewer when chosen. */

export function CaseSummary({ summary }: { summary: CaseSummaryView }) {
  const { t, date } = useT();
  const { surgery, plan, checkins } = summary;
  const dash = (value: number | null | undefined) =>
    value === null || value === undefined ? '–' : value;
  return (
    <section className="card" aria-labelledby="so-summary" data-testid="so-summary">
      <h2 id="so-summary">{t('so.summary')}</h2>
      <p>
        <strong>{summary.deidentified ? t('so.deidentified') : t('so.identified')}</strong>
      </p>
      <dl>
        {summary.patient.name ? (
          <>
            <dt>{t('so.patient')}</dt>
            <dd>{summary.patient.name}</dd>
          </>
        ) : null}
        <dt>{t('so.ageBand')}</dt>
        <dd>{summary.patient.ageBand ?? '–'}</dd>
        {surgery ? (
          <>
            <dt>{t('so.surgery')}</dt>
            <dd>
              {t('so.surgeryLine', {
                region: surgery.region,
                procedure: surgery.procedure,
                levels: surgery.levels,
                fusion: surgery.fusion ? t('so.withFusion') : t('so.withoutFusion'),
              })}
              {' · '}
              {t('so.daysSince', { days: surgery.daysSinceSurgery })}
            </dd>
            {surgery.surgeryDate ? (
              <>
                <dt>{t('so.surgeryDate')}</dt>
                <dd>{date(surgery.surgeryDate)}</dd>
              </>
            ) : null}
            {surgery.surgeonName ? (
              <>
                <dt>{t('so.surgeon')}</dt>
                <dd>{surgery.surgeonName}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {plan?.currentPhase ? (
          <>
            <dt>{t('so.phase')}</dt>
            <dd>{plan.currentPhase.title}</dd>
          </>
        ) : null}
      </dl>
      {plan && plan.restrictionsInForce.length > 0 ? (
        <>
          <h3>{t('so.restrictions')}</h3>
          <ul>
            {plan.restrictionsInForce.map((r) => (
              <li key={r.id}>{r.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      {plan && plan.upcomingMilestones.length > 0 ? (
        <>
          <h3>{t('so.milestones')}</h3>
          <ul>
            {plan.upcomingMilestones.map((m) => (
              <li key={m.id}>
                {m.text} ({t('so.milestoneDays', { from: m.fromDay, to: m.toDay })})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('so.checkins')}</h3>
      <p>{t('so.checkinCounts', { count: checkins.count, ...checkins.byLevel })}</p>
      {checkins.points.length > 0 ? (
        <DataTable
          columns={[
            t('so.day'),
            t('so.axialPain'),
            t('so.limbPain'),
            t('so.walking'),
            t('so.level'),
          ]}
        >
          {checkins.points.map((p, index) => (
            // Points have no id of their own and never reorder: the position is the key.
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed snapshot
            <tr key={index}>
              <td>{dash(p.day)}</td>
              <td>{dash(p.axialPain)}</td>
              <td>{dash(p.limbPain)}</td>
              <td>{dash(p.walkingMinutes)}</td>
              <td>{t(`level.${p.level}` as ConsoleKey)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <h3>{t('so.proms')}</h3>
      {summary.proms.length === 0 ? <p>{t('so.promsNone')}</p> : null}
      <ul>
        {summary.proms.map((p, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed snapshot
          <li key={index}>
            {p.instrument} · {t('so.day')} {dash(p.day)}:{' '}
            {p.scales.map((s) => `${s.scale} ${s.value ?? '–'}`).join(', ')}
            {p.change.length > 0
              ? ` · ${t('so.change')}: ${p.change
                  .map(
                    (c) =>
                      `${c.scale} ${c.improvement > 0 ? '+' : ''}${c.improvement}${c.classification ? ` (${c.classification})` : ''}`,
                  )
                  .join(', ')}`
              : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
