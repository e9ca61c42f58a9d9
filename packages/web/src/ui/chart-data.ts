import type { CheckinInput, NerveChange, TriageLevel } from '@lamina/pathway';

/** One value at one day after surgery; a day may carry several (one per check-in). */
export interface Point {
  x: number;
  y: number;
}

/**
 * Several check-ins on one day: every one is drawn as a dot, and the line runs through the day's
 * mean, so a bad morning and a better evening both stay visible and the line does not zig-zag
 * back and forth on a single day. Returned oldest day first.
 */
export function dailyMeans(points: readonly Point[]): Point[] {
  const byDay = new Map<number, number[]>();
  for (const p of points) byDay.set(p.x, [...(byDay.get(p.x) ?? []), p.y]);
  return [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([x, ys]) => ({
      x,
      y: Math.round((ys.reduce((s, y) => s + y, 0) / ys.length) * 10) / 10,
    }));
}

/** The rows of a chart's table: each day that has a value, with every value of each series. */
export function tableRows(
  series: readonly { points: readonly Point[] }[],
  flagDays: readonly number[] = [],
): { day: number; values: number[][]; flag: boolean }[] {
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  return days.map((day) => ({
    day,
    values: series.map((s) => s.points.filter((p) => p.x === day).map((p) => p.y)),
    flag: flagDays.includes(day),
  }));
}

/** Nerve answers as a rank for the chart: lower is better. */
export const nerveRank: Record<NerveChange, number> = {
  none: 0,
  improving: 1,
  unchanged: 2,
  worse: 3,
  'rapidly-worse': 4,
};

/** Levels that count as a red flag on a chart: the team must call today or sooner. */
const redFlagLevels: readonly TriageLevel[] = ['urgent', 'emergency'];

/**
 * What the recovery charts draw from stored check-ins, for the patient app and the console alike.
 * `dayOf` turns a check-in's time into the day after surgery (each app dates on its own calendar).
 */
export function checkinSeries(
  checkins: readonly { answers: CheckinInput; level: TriageLevel; submittedAt: string }[],
  dayOf: (submittedAt: string) => number,
) {
  const points = [...checkins]
    .sort((x, y) => x.submittedAt.localeCompare(y.submittedAt))
    .map((c) => ({ day: dayOf(c.submittedAt), a: c.answers, level: c.level }))
    .filter((p) => p.day >= 0);
  const series = (pick: (a: CheckinInput) => number | undefined): Point[] =>
    points.flatMap((p) => {
      const y = pick(p.a);
      return y === undefined ? [] : [{ x: p.day, y }];
    });
  return {
    count: points.length,
    lastDay: Math.max(0, ...points.map((p) => p.day)),
    limb: series((a) => a.limbPain),
    axial: series((a) => a.axialPain),
    walking: series((a) => a.walkingMinutes),
    numb: series((a) => (a.numbness?.change ? nerveRank[a.numbness.change] : undefined)),
    weak: series((a) => (a.weakness?.change ? nerveRank[a.weakness.change] : undefined)),
    flagDays: [...new Set(points.filter((p) => redFlagLevels.includes(p.level)).map((p) => p.day))],
  };
}
