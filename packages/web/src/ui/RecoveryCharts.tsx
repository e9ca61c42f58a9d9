import type { RecoveryPlan } from '@lamina/pathway';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { daysBetween } from '../lib/dates.ts';
import { Chart } from './Chart.tsx';
import type { checkinSeries } from './chart-data.ts';

/** The words each app puts on the charts (the patient app and the console word them differently). */
export interface RecoveryChartWords {
  pain: string;
  painSummary(last: { limb: number | string; axial: number | string }): string;
  limb: string;
  axial: string;
  usuallyEases: string;
  today: string;
  nerve: string;
  nerveSummary: string;
  numbness: string;
  weakness: string;
  /** None, improving, unchanged, worse, rapidly worse: the nerve chart's y labels, lowest first. */
  nerveLevels: readonly string[];
  walking: string;
  walkingSummary(last: { minutes: number | string }): string;
  walkingMinutes: string;
}

/**
 * Pain, numbness and weakness, and walking by day after surgery: the three recovery charts of the
 * patient app (Recovery) and the console (PatientView), from the check-ins and the plan.
 */
export function RecoveryCharts({
  plan,
  data,
  words,
  afterPain,
  afterNerve,
}: {
  plan: RecoveryPlan;
  data: ReturnType<typeof checkinSeries>;
  words: RecoveryChartWords;
  /** Shown under the pain chart (the patient app explains the usual course there). */
  afterPain?: ReactNode;
  afterNerve?: ReactNode;
}) {
  const { t } = useI18n();
  const { limb, axial, walking, numb, weak, flagDays } = data;
  const xMax = Math.max(14, plan.dayOfRecovery, data.lastDay);
  const limbCourse = plan.symptomCourse.symptoms.find((s) => s.symptom === 'limb-pain');
  const last = <T,>(xs: readonly T[]) => xs[xs.length - 1];
  const nerveTicks = words.nerveLevels.map((label, y) => ({ y, label }));
  const markers = [{ x: plan.dayOfRecovery, label: words.today }];
  return (
    <>
      <Chart
        title={words.pain}
        summary={words.painSummary({ limb: last(limb)?.y ?? '–', axial: last(axial)?.y ?? '–' })}
        series={[
          { label: words.limb, className: 's1', points: limb },
          { label: words.axial, className: 's2', points: axial },
        ]}
        yMin={0}
        yMax={10}
        yTicks={[0, 5, 10].map((y) => ({ y, label: String(y) }))}
        yLabel={t('chart.painAxis')}
        flagDays={flagDays}
        xMax={xMax}
        band={
          limbCourse
            ? {
                x: 0,
                x2: daysBetween(plan.surgery.surgeryDate, limbCourse.usuallyImproves.to),
                label: words.usuallyEases,
              }
            : undefined
        }
        markers={markers}
      />
      {afterPain}
      <Chart
        title={words.nerve}
        summary={words.nerveSummary}
        series={[
          { label: words.numbness, className: 's1', points: numb, dotsOnly: true },
          { label: words.weakness, className: 's3', points: weak, dotsOnly: true },
        ]}
        yMin={0}
        yMax={4}
        yTicks={nerveTicks}
        yLabel={t('chart.nerveAxis')}
        valueText={(y) => nerveTicks[y]?.label ?? String(y)}
        flagDays={flagDays}
        xMax={xMax}
        markers={markers}
      />
      {afterNerve}
      <Chart
        title={words.walking}
        summary={words.walkingSummary({ minutes: last(walking)?.y ?? '–' })}
        series={[{ label: words.walkingMinutes, className: 's2', points: walking }]}
        yMin={0}
        yMax={Math.max(30, ...walking.map((p) => p.y))}
        yTicks={[0, 15, 30].map((y) => ({ y, label: `${y}′` }))}
        yLabel={t('chart.walkingAxis')}
        flagDays={flagDays}
        xMax={xMax}
        markers={markers}
      />
    </>
  );
}
