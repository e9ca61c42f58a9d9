import {
  daysBetween,
  type IsoDate,
  type PromChange,
  type PromInstrumentId,
  type RecoveryPlan,
  type Surgery,
  type TriageLevel,
  triageLevels,
} from '@lamina/pathway';

/**
 * The snapshot Lamina adds to a second-opinion request when the patient asks (issue 8): surgery,
 * plan position, check-in trajectory and PROMs. Stored identified for the clinic; the reviewer of
 * a de-identified case gets `deidentifySummary` of it: no name, contact, birth date, surgeon or
 * calendar date — an age band and days relative to surgery instead. Pure: no I/O, no clock.
 */

export interface CheckinPoint {
  readonly date: IsoDate;
  /** Days after surgery (negative before it); null without a surgery. */
  readonly day: number | null;
  readonly level: TriageLevel;
  readonly axialPain: number | null;
  readonly limbPain: number | null;
  readonly walkingMinutes: number | null;
}

export interface PromPoint {
  readonly instrument: PromInstrumentId;
  readonly completedOn: IsoDate;
  readonly day: number | null;
  readonly scales: readonly { readonly scale: string; readonly value: number | undefined }[];
  readonly change: readonly Omit<PromChange, 'rule' | 'instrument'>[];
}

export interface SummaryMilestone {
  readonly id: string;
  readonly text: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly fromDay: number;
  readonly toDay: number;
}

export interface SummaryPlan {
  readonly stage: RecoveryPlan['stage'];
  readonly dayOfRecovery: number;
  readonly currentPhase: { readonly id: string; readonly title: string } | null;
  readonly restrictionsInForce: readonly { readonly id: string; readonly text: string }[];
  readonly upcomingMilestones: readonly SummaryMilestone[];
}

export interface CaseSummary {
  readonly takenOn: IsoDate;
  readonly patient: {
    readonly name: string;
    readonly email: string | null;
    readonly phone: string | null;
    readonly dateOfBirth: string | null;
    readonly ageBand: string | null;
  };
  readonly surgery: {
    readonly region: Surgery['region'];
    readonly procedure: Surgery['procedure'];
    readonly approach: Surgery['approach'];
    readonly levels: number;
    readonly fusion: boolean;
    readonly surgeryDate: IsoDate;
    readonly daysSinceSurgery: number;
    readonly surgeonName: string | null;
  } | null;
  readonly plan: SummaryPlan | null;
  readonly checkins: {
    readonly count: number;
    readonly byLevel: Readonly<Record<TriageLevel, number>>;
    readonly points: readonly CheckinPoint[];
  };
  readonly proms: readonly PromPoint[];
}

export interface SummaryInput {
  readonly today: IsoDate;
  readonly patient: {
    readonly given_name: string;
    readonly family_name: string;
    readonly email: string | null;
    readonly phone: string | null;
    readonly date_of_birth: string | null;
  };
  readonly surgery: Surgery | null;
  readonly surgeonName: string | null;
  readonly plan: RecoveryPlan | null;
  /** Oldest first, each with the clinic-local date it was sent. */
  readonly checkins: readonly {
    readonly date: IsoDate;
    readonly level: string;
    readonly answers: unknown;
  }[];
  readonly proms: readonly Omit<PromPoint, 'day'>[];
}

/** Decades, with everyone 90 or older in one band (HIPAA safe harbor). */
export function ageBand(dateOfBirth: string | null, on: IsoDate): string | null {
  if (!dateOfBirth) return null;
  const age =
    Number(on.slice(0, 4)) -
    Number(dateOfBirth.slice(0, 4)) -
    (on.slice(5) < dateOfBirth.slice(5) ? 1 : 0);
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}–${low + 9}`;
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);
const asLevel = (value: string): TriageLevel =>
  (triageLevels as readonly string[]).includes(value) ? (value as TriageLevel) : 'routine';

export function buildSummary(input: SummaryInput): CaseSummary {
  const surgeryDate = input.surgery?.surgeryDate;
  const dayOf = (date: IsoDate) => (surgeryDate ? daysBetween(surgeryDate, date) : null);
  const byLevel = Object.fromEntries(triageLevels.map((level) => [level, 0])) as Record<
    TriageLevel,
    number
  >;
  const points = input.checkins.map((checkin): CheckinPoint => {
    const level = asLevel(checkin.level);
    byLevel[level]++;
    const answers = (checkin.answers ?? {}) as Record<string, unknown>;
    return {
      date: checkin.date,
      day: dayOf(checkin.date),
      level,
      axialPain: numberOrNull(answers.axialPain),
      limbPain: numberOrNull(answers.limbPain),
      walkingMinutes: numberOrNull(answers.walkingMinutes),
    };
  });
  const plan = input.plan;
  return {
    takenOn: input.today,
    patient: {
      name: `${input.patient.given_name} ${input.patient.family_name}`,
      email: input.patient.email,
      phone: input.patient.phone,
      dateOfBirth: input.patient.date_of_birth,
      ageBand: ageBand(input.patient.date_of_birth, input.today),
    },
    surgery: input.surgery
      ? {
          region: input.surgery.region,
          procedure: input.surgery.procedure,
          approach: input.surgery.approach,
          levels: input.surgery.levels,
          fusion: input.surgery.fusion,
          surgeryDate: input.surgery.surgeryDate,
          daysSinceSurgery: daysBetween(input.surgery.surgeryDate, input.today),
          surgeonName: input.surgeonName,
        }
      : null,
    plan:
      plan && surgeryDate
        ? {
            stage: plan.stage,
            dayOfRecovery: plan.dayOfRecovery,
            currentPhase: plan.currentPhase
              ? { id: plan.currentPhase.id, title: plan.currentPhase.title }
              : null,
            restrictionsInForce: plan.restrictions
              .filter((r) => r.inForce)
              .map((r) => ({ id: r.id, text: r.text })),
            upcomingMilestones: plan.milestones
              .filter((m) => m.status !== 'past')
              .map((m) => ({
                id: m.id,
                text: m.text,
                from: m.from,
                to: m.to,
                fromDay: daysBetween(surgeryDate, m.from),
                toDay: daysBetween(surgeryDate, m.to),
              })),
          }
        : null,
    checkins: { count: points.length, byLevel, points },
    proms: input.proms.map((prom) => ({ ...prom, day: dayOf(prom.completedOn) })),
  };
}

/** What an outside reviewer sees when the patient did not agree to share who they are. */
export interface DeidentifiedSummary {
  readonly deidentified: true;
  readonly patient: { readonly ageBand: string | null };
  readonly surgery: Omit<NonNullable<CaseSummary['surgery']>, 'surgeryDate' | 'surgeonName'> | null;
  readonly plan:
    | (Omit<SummaryPlan, 'upcomingMilestones'> & {
        readonly upcomingMilestones: readonly Omit<SummaryMilestone, 'from' | 'to'>[];
      })
    | null;
  readonly checkins: {
    readonly count: number;
    readonly byLevel: Readonly<Record<TriageLevel, number>>;
    readonly points: readonly Omit<CheckinPoint, 'date'>[];
  };
  readonly proms: readonly Omit<PromPoint, 'completedOn'>[];
}

/** Built field by field (an allow-list), so a field added to the summary later is not leaked by default. */
export function deidentifySummary(summary: CaseSummary): DeidentifiedSummary {
  const { surgery, plan } = summary;
  return {
    deidentified: true,
    patient: { ageBand: summary.patient.ageBand },
    surgery: surgery
      ? {
          region: surgery.region,
          procedure: surgery.procedure,
          approach: surgery.approach,
          levels: surgery.levels,
          fusion: surgery.fusion,
          daysSinceSurgery: surgery.daysSinceSurgery,
        }
      : null,
    plan: plan
      ? {
          stage: plan.stage,
          dayOfRecovery: plan.dayOfRecovery,
          currentPhase: plan.currentPhase,
          restrictionsInForce: plan.restrictionsInForce.map((r) => ({ id: r.id, text: r.text })),
          upcomingMilestones: plan.upcomingMilestones.map((m) => ({
            id: m.id,
            text: m.text,
            fromDay: m.fromDay,
            toDay: m.toDay,
          })),
        }
      : null,
    checkins: {
      count: summary.checkins.count,
      byLevel: summary.checkins.byLevel,
      points: summary.checkins.points.map((p) => ({
        day: p.day,
        level: p.level,
        axialPain: p.axialPain,
        limbPain: p.limbPain,
        walkingMinutes: p.walkingMinutes,
      })),
    },
    proms: summary.proms.map((p) => ({
      instrument: p.instrument,
      day: p.day,
      scales: p.scales.map((s) => ({ scale: s.scale, value: s.value })),
      change: p.change,
    })),
  };
}
