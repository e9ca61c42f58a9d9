import { fusionAnswers, reviewAnswers, secondOpinionRecommendations } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, statementDto, timestamp } from './common.ts';
import { assigneeDto } from './messages.ts';

/** Virtual second opinions (issue 8): each caller gets the case shaped for their role. */

export const secondOpinionStatuses = ['requested', 'assigned', 'reported', 'withdrawn'] as const;
export const secondOpinionStatus = z.enum(secondOpinionStatuses);
export type SecondOpinionStatus = z.output<typeof secondOpinionStatus>;

/**
 * The snapshot of the patient's record taken when they asked: identified for staff, de-identified
 * for a reviewer unless the patient chose to share who they are (then no name, contact, birth
 * date, surgeon or calendar date).
 */
export interface CaseSummaryView {
  takenOn?: string;
  deidentified?: true;
  patient: {
    name?: string;
    email?: string | null;
    phone?: string | null;
    ageBand: string | null;
    dateOfBirth?: string | null;
  };
  surgery: {
    region: string;
    procedure: string;
    approach?: string;
    levels: number;
    fusion: boolean;
    daysSinceSurgery: number;
    surgeryDate?: string;
    surgeonName?: string | null;
  } | null;
  plan: {
    stage?: string;
    dayOfRecovery: number;
    currentPhase: { id: string; title: string } | null;
    restrictionsInForce: readonly { id: string; text: string }[];
    upcomingMilestones: readonly { id: string; text: string; fromDay: number; toDay: number }[];
  } | null;
  checkins: {
    count: number;
    byLevel: Record<'routine' | 'contact' | 'urgent' | 'emergency', number>;
    points: readonly {
      date?: string;
      day: number | null;
      level: string;
      axialPain: number | null;
      limbPain: number | null;
      walkingMinutes: number | null;
    }[];
  };
  proms: readonly {
    instrument: string;
    completedOn?: string;
    day: number | null;
    scales: readonly { scale: string; value: number | undefined }[];
    change: readonly { scale: string; improvement: number; classification?: string }[];
  }[];
}

export const caseDeadlineDto = z.strictObject({
  dueOn: z.string(),
  dueAt: timestamp,
  overdue: z.boolean(),
  /** Null once the case is no longer waiting for its report. */
  msLeft: z.number().nullable(),
});

export const secondOpinionReportDto = dto('SecondOpinionReport', {
  decompressionAdequate: z.enum(reviewAnswers),
  fusionForming: z.enum(fusionAnswers),
  concerns: z.string(),
  recommendation: z.enum(secondOpinionRecommendations),
  patientSummary: z.string(),
  reportedAt: timestamp.nullable(),
  /** Corrections appended after the report (the report itself never changes). */
  addenda: z.array(z.strictObject({ text: z.string(), at: timestamp })),
  /** What the recommendation means for the patient and what to do now (sourced). */
  guidance: z.strictObject({ meaning: statementDto, doNow: statementDto, urgent: z.boolean() }),
});
export type SecondOpinionReportView = z.output<typeof secondOpinionReportDto>;

/** A scan attached to a case; a reviewer of a de-identified case gets no date and no description. */
export const caseStudyDto = dto('SecondOpinionStudy', {
  id,
  modality: z.string().nullable(),
  bodyPart: z.string().nullable(),
  seriesCount: z.number().int(),
  imageCount: z.number().int(),
  /** Days from the surgery to the scan (what a de-identified reviewer gets instead of a date). */
  daysFromSurgery: z.number().int().nullable(),
  deidentified: z.boolean(),
  studyDate: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});
export type CaseStudyView = z.output<typeof caseStudyDto>;

/**
 * One case as its caller sees it. Everyone: id, status, question, deadline, report, notice and
 * scans. The patient and staff also get the dates; staff and a reviewer of an identified case the
 * patient's name; staff the reviewer, alert and patient id; the summary comes with one case only
 * (lists leave it out), de-identified for a reviewer unless the patient shared who they are.
 */
export const secondOpinionCaseDto = dto('SecondOpinionCase', {
  id,
  status: secondOpinionStatus,
  question: z.string(),
  shareIdentity: z.boolean(),
  deadline: caseDeadlineDto.nullable(),
  report: secondOpinionReportDto.nullable(),
  notice: statementDto,
  studies: z.array(caseStudyDto),
  createdAt: timestamp.optional(),
  withdrawnAt: timestamp.nullable().optional(),
  patientId: id.optional(),
  patient: z.strictObject({ name: z.string() }).optional(),
  reviewer: assigneeDto.nullable().optional(),
  assignedAt: timestamp.nullable().optional(),
  alertId: id.nullable().optional(),
  summary: computed<CaseSummaryView>('CaseSummary').optional(),
});
export type SecondOpinionCase = z.output<typeof secondOpinionCaseDto>;

/** GET /api/second-opinions */
export const secondOpinionListDto = z.strictObject({ cases: z.array(secondOpinionCaseDto) });
/** GET /api/second-opinions/:caseId and every change of a case. */
export const secondOpinionCaseAnswerDto = z.strictObject({ case: secondOpinionCaseDto });
/** POST /api/second-opinions/:caseId/report (201): urgent care also raised an alert. */
export const secondOpinionReportedDto = z.strictObject({
  case: secondOpinionCaseDto,
  alert: z.strictObject({ id, deadlineAt: timestamp }).nullable(),
});

export const secondOpinionReviewerDto = dto('SecondOpinionReviewer', {
  id,
  displayName: z.string(),
});
export type SecondOpinionReviewer = z.output<typeof secondOpinionReviewerDto>;
/** GET /api/second-opinion-reviewers */
export const secondOpinionReviewerListDto = z.strictObject({
  reviewers: z.array(secondOpinionReviewerDto),
});
/** GET/PUT /api/second-opinion-settings */
export const secondOpinionSettingsDto = dto('SecondOpinionSettings', {
  reportBusinessDays: z.number().int(),
});
export type SecondOpinionSettings = z.output<typeof secondOpinionSettingsDto>;
