import {
  isPromInstrumentId,
  type PromInstrument,
  type PromScore,
  promInstruments,
  type RecoveryPlan,
  type Statement,
} from '@lamina/pathway';
import type {
  AuditEvent,
  CarePlan,
  CarePlanActivity,
  CodeableConcept,
  Communication,
  DocumentReference,
  Extension,
  Flag,
  ImagingStudy,
  Observation,
  Patient,
  Practitioner,
  Procedure,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from '@medplum/fhirtypes';
import { iso } from '../http/iso.ts';
import {
  bodyTemperatureLoinc,
  consultNoteLoinc,
  exerciseDurationLoinc,
  laminaExtensions,
  laminaSystems,
  loinc,
  observationCategory,
  painSeverityLoinc,
  procedureSnomed,
  regionSnomed,
  snomed,
  spinalFusionSnomed,
  ucum,
} from './codes.ts';

/**
 * Lamina's rows as FHIR R4 resources: pure functions, no I/O. What the API, $everything and the
 * tests (validated by an independent library) all use, so there is one way each thing is said.
 */

const ordinalValueUrl = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
// biome-ignore lint/suspicious/noExplicitAny: a reference's target type is a phantom; the string names it
type AnyReference = Reference<any>;
const ref = (type: string, id: string, display?: string): AnyReference =>
  display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` };

export interface PatientRow {
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  email: string | null;
  phone: string | null;
  mrn: string | null;
  language: string;
}

export function toPatient(row: PatientRow): Patient {
  const telecom: NonNullable<Patient['telecom']> = [];
  if (row.email) telecom.push({ system: 'email', value: row.email });
  if (row.phone) telecom.push({ system: 'phone', value: row.phone, use: 'mobile' });
  return {
    resourceType: 'Patient',
    id: row.id,
    ...(row.mrn
      ? {
          identifier: [
            {
              use: 'usual',
              type: {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
                    code: 'MR',
                    display: 'Medical record number',
                  },
                ],
              },
              system: laminaSystems.mrn,
              value: row.mrn,
            },
          ],
        }
      : {}),
    active: true,
    name: [{ use: 'official', family: row.family_name, given: [row.given_name] }],
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(row.date_of_birth ? { birthDate: row.date_of_birth } : {}),
    communication: [
      {
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: row.language }] },
        preferred: true,
      },
    ],
  };
}

export interface StaffRow {
  id: string;
  role: string;
  email: string;
  display_name: string;
  disabled_at: Date | null;
}

export function toPractitioner(row: StaffRow): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: row.id,
    identifier: [{ system: laminaSystems.user, value: row.id }],
    active: row.disabled_at === null,
    name: [{ text: row.display_name }],
    telecom: [{ system: 'email', value: row.email, use: 'work' }],
  };
}

export interface SurgeryRow {
  id: string;
  patient_id: string;
  surgeon_id: string | null;
  region: string;
  procedure: string;
  approach: string;
  fusion: boolean;
  levels: number;
  surgery_date: string;
  cancelled_at: Date | null;
}

const procedureText = (row: SurgeryRow) =>
  `${row.region[0]?.toUpperCase()}${row.region.slice(1)} ${row.procedure}, ${row.levels} level${row.levels === 1 ? '' : 's'}, ${row.approach === 'open' ? 'open' : 'minimally invasive'}${row.fusion ? ', with fusion' : ''}`;

function procedureStatus(row: SurgeryRow, today: string): Procedure['status'] {
  if (row.cancelled_at) return 'not-done';
  return row.surgery_date <= today ? 'completed' : 'preparation';
}

function bodySite(region: string): CodeableConcept[] {
  const site = regionSnomed[region];
  return site
    ? [{ coding: [{ system: snomed, ...site }], text: site.display }]
    : [{ text: region }];
}

/** The surgery as a Procedure; with a fusion, a second Procedure (`<id>-fusion`) part of it. */
export function toProcedures(row: SurgeryRow, today: string): Procedure[] {
  const standard = procedureSnomed[row.procedure];
  const main: Procedure = {
    resourceType: 'Procedure',
    id: row.id,
    extension: [
      { url: laminaExtensions.spinalLevels, valueInteger: row.levels },
      {
        url: laminaExtensions.approach,
        valueCodeableConcept: {
          coding: [{ system: laminaSystems.approach, code: row.approach }],
          text: row.approach === 'open' ? 'Open' : 'Minimally invasive',
        },
      },
    ],
    status: procedureStatus(row, today),
    ...(row.cancelled_at ? { statusReason: { text: 'Surgery cancelled' } } : {}),
    code: {
      coding: [
        ...(standard ? [{ system: snomed, ...standard }] : []),
        { system: laminaSystems.procedure, code: row.procedure },
      ],
      text: procedureText(row),
    },
    subject: ref('Patient', row.patient_id),
    performedDateTime: row.surgery_date,
    ...(row.surgeon_id ? { performer: [{ actor: ref('Practitioner', row.surgeon_id) }] } : {}),
    bodySite: bodySite(row.region),
  };
  if (!row.fusion) return [main];
  const fusion: Procedure = {
    resourceType: 'Procedure',
    id: `${row.id}-fusion`,
    partOf: [ref('Procedure', row.id)],
    status: main.status,
    code: {
      coding: [{ system: snomed, ...spinalFusionSnomed }],
      text: `${row.region[0]?.toUpperCase()}${row.region.slice(1)} spinal fusion`,
    },
    subject: main.subject,
    performedDateTime: row.surgery_date,
    ...(main.performer ? { performer: main.performer } : {}),
    bodySite: bodySite(row.region),
  };
  return [main, fusion];
}

const sourceExtensions = (sources: readonly string[]): Extension[] =>
  sources.map((source) => ({ url: laminaExtensions.source, valueString: source }));

const statementText = (statements: readonly Statement[]) =>
  statements.map((s) => `${s.text} [${s.sources.join(', ')}]`).join(' ');

function timingStatus(
  status: 'upcoming' | 'now' | 'past',
): 'not-started' | 'in-progress' | 'completed' {
  return status === 'upcoming' ? 'not-started' : status === 'now' ? 'in-progress' : 'completed';
}

/** A plan item's code in the CarePlan (`<kind>.<id>`, the kind being phase, restriction, …) and its text. */
const planItemCode = (kind: string, id: string, text: string) => ({
  coding: [{ system: laminaSystems.planItem, code: `${kind}.${id}` }],
  text,
});

/** What a restriction or milestone says of itself: its sources, who set it, the surgeon's note. */
const setItem = (item: {
  sources: readonly string[];
  setBy: string;
  surgeonNote?: string | null;
}): Pick<CarePlanActivity, 'extension' | 'progress'> => ({
  extension: [
    ...sourceExtensions(item.sources),
    { url: laminaExtensions.setBy, valueCode: item.setBy },
  ],
  ...(item.surgeonNote ? { progress: [{ text: `Surgeon: ${item.surgeonNote}` }] } : {}),
});

/** The personal plan (pathway's plan(), surgeon's overrides applied) as a CarePlan. */
export function toCarePlan(surgery: SurgeryRow, result: RecoveryPlan): CarePlan {
  const activity: CarePlanActivity[] = [];
  for (const phase of result.phases) {
    const status = phase.current
      ? 'in-progress'
      : result.today < phase.startDate
        ? 'not-started'
        : 'completed';
    activity.push({
      extension: sourceExtensions([
        ...new Set([...phase.focus, ...phase.avoid].flatMap((s) => s.sources)),
      ]),
      detail: {
        code: planItemCode('phase', phase.id, phase.title),
        status,
        scheduledPeriod: {
          start: phase.startDate,
          ...(phase.endDate ? { end: phase.endDate } : {}),
        },
        description: [
          phase.focus.length > 0 ? `Focus: ${statementText(phase.focus)}` : '',
          phase.avoid.length > 0 ? `Avoid: ${statementText(phase.avoid)}` : '',
        ]
          .filter(Boolean)
          .join(' '),
      },
    });
  }
  for (const restriction of result.restrictions) {
    activity.push({
      ...setItem(restriction),
      detail: {
        code: planItemCode('restriction', restriction.id, restriction.text),
        status: restriction.inForce
          ? 'in-progress'
          : restriction.lifting === 'lifted' ||
              (restriction.liftsOn !== null && restriction.liftsOn <= result.today)
            ? 'completed'
            : 'not-started',
        doNotPerform: true,
        scheduledPeriod: {
          start: restriction.startsOn,
          ...(restriction.liftsOn ? { end: restriction.liftsOn } : {}),
        },
        description: [
          restriction.text,
          restriction.detail ?? '',
          `Lifting: ${restriction.lifting}.`,
        ]
          .filter(Boolean)
          .join(' '),
      },
    });
  }
  for (const milestone of result.milestones) {
    activity.push({
      ...setItem(milestone),
      detail: {
        code: planItemCode('milestone', milestone.id, milestone.text),
        status: timingStatus(milestone.status),
        scheduledPeriod: { start: milestone.from, end: milestone.to },
      },
    });
  }
  for (const followUp of result.followUps) {
    activity.push({
      extension: sourceExtensions(followUp.sources),
      detail: {
        kind: 'Appointment',
        code: planItemCode('follow-up', followUp.id, followUp.title),
        status:
          followUp.booked && followUp.status === 'upcoming'
            ? 'scheduled'
            : timingStatus(followUp.status),
        scheduledPeriod: { start: followUp.windowStart, end: followUp.windowEnd },
        description: `${followUp.booked ? 'Booked' : 'Expected'} on ${followUp.date}.`,
      },
    });
  }
  return {
    resourceType: 'CarePlan',
    id: surgery.id,
    status: surgery.cancelled_at ? 'revoked' : 'active',
    intent: 'plan',
    title: result.protocol.title,
    description: result.protocol.summary.text,
    subject: ref('Patient', surgery.patient_id),
    period: { start: surgery.surgery_date },
    supportingInfo: [ref('Procedure', surgery.id)],
    activity,
    note: [
      ...result.notices.map((n) => ({ text: `${n.text} [${n.sources.join(', ')}]` })),
      {
        text: 'Sources: each activity names its sources (extension statement-source); seed:NNN are the clinic’s pages, ref:N the clinical references.',
      },
    ],
  };
}

export interface CheckinRow {
  id: string;
  patient_id: string;
  answers: unknown;
  level: string;
  submitted_at: Date;
  received_at: Date;
}

function answerFor(value: unknown): QuestionnaireResponseItemAnswer | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value };
  if (typeof value === 'string') return { valueString: value };
  if (typeof value === 'boolean') return { valueBoolean: value };
  return undefined;
}

function itemsFrom(answers: Record<string, unknown>, prefix = ''): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined || value === null) continue;
    const linkId = `${prefix}${key}`;
    if (key === 'temperature' && typeof value === 'object') {
      const t = value as { value: number; unit: 'C' | 'F' };
      items.push({
        linkId,
        answer: [
          {
            valueQuantity: {
              value: t.value,
              unit: t.unit === 'C' ? '°C' : '°F',
              system: ucum,
              code: t.unit === 'C' ? 'Cel' : '[degF]',
            },
          },
        ],
      });
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const children = itemsFrom(value as Record<string, unknown>, `${linkId}.`);
      if (children.length > 0) items.push({ linkId, item: children });
    } else if (Array.isArray(value)) {
      const answer = value.map(answerFor).filter((a) => a !== undefined);
      if (answer.length > 0) items.push({ linkId, answer });
    } else {
      const answer = answerFor(value);
      if (answer) items.push({ linkId, answer: [answer] });
    }
  }
  return items;
}

export const checkinQuestionnaire = 'https://lamina.health/fhir/Questionnaire/daily-checkin';
export const checkinResponseId = (checkinId: string) => `checkin-${checkinId}`;
export const promResponseId = (promId: string) => `prom-${promId}`;

export function checkinToResponse(row: CheckinRow): QuestionnaireResponse {
  const answers = (row.answers ?? {}) as Record<string, unknown>;
  return {
    resourceType: 'QuestionnaireResponse',
    id: checkinResponseId(row.id),
    meta: { lastUpdated: iso(row.received_at) },
    questionnaire: checkinQuestionnaire,
    status: 'completed',
    subject: ref('Patient', row.patient_id),
    authored: iso(row.submitted_at),
    author: ref('Patient', row.patient_id),
    source: ref('Patient', row.patient_id),
    item: itemsFrom(answers),
  };
}

const scoreQuantity = (value: number) => ({
  value,
  unit: '{score}',
  system: ucum,
  code: '{score}',
});

/** The measurements in a check-in: back/neck and leg/arm pain, temperature, walking minutes. */
export function checkinToObservations(row: CheckinRow, region: string | null): Observation[] {
  const answers = (row.answers ?? {}) as Record<string, unknown>;
  const common = {
    resourceType: 'Observation' as const,
    meta: { lastUpdated: iso(row.received_at) },
    status: 'final' as const,
    subject: ref('Patient', row.patient_id),
    effectiveDateTime: iso(row.submitted_at),
    performer: [ref('Patient', row.patient_id)],
    derivedFrom: [ref('QuestionnaireResponse', checkinResponseId(row.id))],
  };
  const survey = [{ coding: [{ system: observationCategory, code: 'survey', display: 'Survey' }] }];
  const out: Observation[] = [];
  const cervical = region === 'cervical';
  const pain = (key: 'axialPain' | 'limbPain', slug: string, text: string) => {
    const value = answers[key];
    if (typeof value !== 'number') return;
    out.push({
      ...common,
      id: `checkin-${row.id}-${slug}`,
      category: survey,
      code: {
        coding: [
          { system: loinc, ...painSeverityLoinc },
          { system: laminaSystems.checkinItem, code: key },
        ],
        text,
      },
      valueQuantity: scoreQuantity(value),
    });
  };
  pain('axialPain', 'axial-pain', cervical ? 'Neck pain (0–10)' : 'Back pain (0–10)');
  pain('limbPain', 'limb-pain', cervical ? 'Arm pain (0–10)' : 'Leg pain (0–10)');
  const temperature = answers.temperature as { value: number; unit: 'C' | 'F' } | undefined;
  if (temperature && typeof temperature.value === 'number')
    out.push({
      ...common,
      id: `checkin-${row.id}-temperature`,
      category: [
        { coding: [{ system: observationCategory, code: 'vital-signs', display: 'Vital Signs' }] },
      ],
      code: { coding: [{ system: loinc, ...bodyTemperatureLoinc }], text: 'Body temperature' },
      valueQuantity:
        temperature.unit === 'C'
          ? { value: temperature.value, unit: '°C', system: ucum, code: 'Cel' }
          : { value: temperature.value, unit: '°F', system: ucum, code: '[degF]' },
    });
  if (typeof answers.walkingMinutes === 'number')
    out.push({
      ...common,
      id: `checkin-${row.id}-walking-minutes`,
      category: [
        { coding: [{ system: observationCategory, code: 'activity', display: 'Activity' }] },
      ],
      code: {
        coding: [
          { system: loinc, ...exerciseDurationLoinc },
          { system: laminaSystems.checkinItem, code: 'walkingMinutes' },
        ],
        text: 'Walking minutes (yesterday)',
      },
      valueQuantity: { value: answers.walkingMinutes, unit: 'min', system: ucum, code: 'min' },
    });
  return out;
}

export interface PromRow {
  id: string;
  patient_id: string;
  instrument: string;
  answers: unknown;
  scores: unknown;
  completed_at: Date;
  entered_by: string | null;
}

function promAnswer(
  instrument: PromInstrument | undefined,
  linkId: string,
  value: unknown,
): QuestionnaireResponseItemAnswer | undefined {
  const item = instrument?.questionnaire.item.find((i) => i.linkId === linkId);
  if (item?.type === 'choice') {
    const option = item.answerOption?.find(
      (o) =>
        o.valueCoding.code === value ||
        o.extension?.some((e) => e.url === ordinalValueUrl && e.valueDecimal === value),
    );
    if (option) return { valueCoding: { ...option.valueCoding } };
  }
  return answerFor(value);
}

export function promToResponse(row: PromRow): QuestionnaireResponse {
  const instrument = isPromInstrumentId(row.instrument)
    ? promInstruments[row.instrument]
    : undefined;
  const answers = (row.answers ?? {}) as Record<string, unknown>;
  const item: QuestionnaireResponseItem[] = [];
  for (const [linkId, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    const answer = promAnswer(instrument, linkId, value);
    if (answer) item.push({ linkId, answer: [answer] });
  }
  const author = row.entered_by
    ? ref('Practitioner', row.entered_by)
    : ref('Patient', row.patient_id);
  return {
    resourceType: 'QuestionnaireResponse',
    id: promResponseId(row.id),
    meta: { lastUpdated: iso(row.completed_at) },
    ...(instrument ? { questionnaire: instrument.questionnaire.url } : {}),
    status: 'completed',
    subject: ref('Patient', row.patient_id),
    authored: iso(row.completed_at),
    author,
    source: ref('Patient', row.patient_id),
    item,
  };
}

/** One Observation per scale of a PROM (ODI %, NRS back and leg, ZCQ…), derived from its response. */
export function promToObservations(row: PromRow): Observation[] {
  const instrument = isPromInstrumentId(row.instrument)
    ? promInstruments[row.instrument]
    : undefined;
  const score = row.scores as PromScore | null;
  if (!score) return [];
  return score.scales.map((scale, index): Observation => {
    const definition = instrument?.scales.find((s) => s.id === scale.scale);
    const isPainNrs = row.instrument.startsWith('nrs-');
    const unit =
      definition?.unit === 'percent'
        ? { unit: '%', system: ucum, code: '%' }
        : { unit: '{score}', system: ucum, code: '{score}' };
    return {
      resourceType: 'Observation',
      id: `prom-${row.id}-${index}`,
      meta: { lastUpdated: iso(row.completed_at) },
      status: 'final',
      category: [{ coding: [{ system: observationCategory, code: 'survey', display: 'Survey' }] }],
      code: {
        coding: [
          ...(isPainNrs ? [{ system: loinc, ...painSeverityLoinc }] : []),
          { system: laminaSystems.promScale, code: `${row.instrument}.${scale.scale}` },
        ],
        text: `${instrument?.questionnaire.title ?? row.instrument}: ${definition?.label ?? scale.scale}`,
      },
      subject: ref('Patient', row.patient_id),
      effectiveDateTime: iso(row.completed_at),
      derivedFrom: [ref('QuestionnaireResponse', promResponseId(row.id))],
      ...(scale.value === undefined
        ? {
            dataAbsentReason: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
                  code: 'not-performed',
                },
              ],
              text: scale.note ?? 'Too many items missing to score',
            },
          }
        : { valueQuantity: { value: scale.value, ...unit } }),
      ...(scale.band ? { interpretation: [{ text: scale.band.label }] } : {}),
    };
  });
}

export interface AlertRow {
  id: string;
  patient_id: string;
  level: string;
  status: string;
  findings: unknown;
  created_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  off_track: boolean;
}

export function toFlag(row: AlertRow): Flag {
  const findings = (Array.isArray(row.findings) ? row.findings : []) as {
    clinicianSummary?: string;
  }[];
  const summary = findings
    .map((f) => f.clinicianSummary)
    .filter(Boolean)
    .join('; ');
  return {
    resourceType: 'Flag',
    id: row.id,
    status: row.status === 'resolved' ? 'inactive' : 'active',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/flag-category',
            code: 'clinical',
            display: 'Clinical',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: laminaSystems.triageLevel, code: row.level }],
      text: `${row.off_track ? 'Off expected course' : `Check-in alert (${row.level})`}${summary ? `: ${summary}` : ''}`,
    },
    subject: ref('Patient', row.patient_id),
    period: {
      start: iso(row.created_at),
      ...(row.resolved_at ? { end: iso(row.resolved_at) } : {}),
    },
  };
}

export interface AlertEventRow {
  id: string;
  alert_id: string;
  patient_id: string;
  actor_id: string | null;
  kind: string;
  note: string | null;
  at: Date;
}

/** Acknowledging, resolving or noting an alert: a Communication about its Flag. */
export function toCommunication(row: AlertEventRow): Communication {
  const what =
    row.kind === 'acknowledged'
      ? 'Alert acknowledged'
      : row.kind === 'resolved'
        ? 'Alert resolved'
        : row.kind === 'escalated'
          ? 'Alert escalated'
          : 'Note on alert';
  return {
    resourceType: 'Communication',
    id: row.id,
    status: 'completed',
    subject: ref('Patient', row.patient_id),
    about: [ref('Flag', row.alert_id)],
    sent: iso(row.at),
    ...(row.actor_id ? { sender: ref('Practitioner', row.actor_id) } : {}),
    payload: [{ contentString: row.note ? `${what}: ${row.note}` : what }],
  };
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  patient_id: string | null;
  ip: string | null;
}

function auditAction(action: string): AuditEvent['action'] {
  const verb = action.split('.').at(-1) ?? '';
  if (/^(create|enrol|import|upload|send|submit|raise)/.test(verb)) return 'C';
  if (/^(read|list|search|export|download|everything|view)/.test(verb)) return 'R';
  if (/^(delete|revoke|withdraw|cancel)/.test(verb)) return 'D';
  if (/^(sign|login|verify)/.test(verb)) return 'E';
  return 'U';
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: row.id,
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [{ system: laminaSystems.auditAction, code: row.action, display: row.action }],
    action: auditAction(row.action),
    recorded: iso(row.at),
    agent: [
      {
        ...(row.actor_role ? { type: { text: row.actor_role } } : {}),
        who: row.actor_id
          ? { identifier: { system: laminaSystems.user, value: row.actor_id } }
          : { display: 'Lamina (no signed-in person)' },
        requestor: row.actor_id !== null,
        ...(row.ip ? { network: { address: row.ip, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Lamina' } },
    entity: [
      ...(row.patient_id ? [{ what: ref('Patient', row.patient_id) }] : []),
      ...(row.subject_id
        ? [
            {
              what: {
                identifier: {
                  system: `${laminaSystems.auditAction}/${row.subject_type}`,
                  value: row.subject_id,
                },
              },
            },
          ]
        : []),
    ],
  };
}

export interface ImagingStudyRow {
  id: string;
  patient_id: string;
  study_instance_uid: string;
  modality: string | null;
  study_date: string | null;
  description: string | null;
  created_at: Date;
  series: number | string;
  instances: number | string;
}

/** A stored study's metadata (no pixels, no file addresses): what the patient uploaded or the clinic stored. */
export function toImagingStudy(row: ImagingStudyRow): ImagingStudy {
  return {
    resourceType: 'ImagingStudy',
    id: row.id,
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${row.study_instance_uid}` }],
    status: 'available',
    ...(row.modality
      ? {
          modality: [
            { system: 'http://dicom.nema.org/resources/ontology/DCM', code: row.modality },
          ],
        }
      : {}),
    subject: ref('Patient', row.patient_id),
    started: row.study_date ?? iso(row.created_at),
    numberOfSeries: Number(row.series),
    numberOfInstances: Number(row.instances),
    ...(row.description ? { description: row.description } : {}),
  };
}

export interface SecondOpinionReportRow {
  id: string;
  patient_id: string;
  reviewer_id: string | null;
  report: unknown;
  reported_at: Date;
  addenda: unknown;
  /** The report or its latest addendum. */
  last_updated: Date | string;
}

export const secondOpinionDocumentId = (caseId: string) => `second-opinion-${caseId}`;
export const infoKitDocumentId = (requestId: string) => `info-kit-${requestId}`;

const words = (code: unknown) => String(code ?? '').replaceAll('_', ' ');
const utf8Base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The reviewer's report (and its addenda) as plain text: the document the DocumentReference carries. */
function reportText(row: SecondOpinionReportRow): string {
  const report = (row.report ?? {}) as Record<string, unknown>;
  const addenda = (Array.isArray(row.addenda) ? row.addenda : []) as {
    text?: string;
    at?: string;
  }[];
  return [
    'Second-opinion report (independent reviewer)',
    `Decompression adequate: ${words(report.decompressionAdequate)}`,
    `Fusion forming: ${words(report.fusionForming)}`,
    `Recommendation: ${words(report.recommendation)}`,
    ...(report.concerns ? [`Concerns: ${report.concerns}`] : []),
    `For the patient: ${report.patientSummary ?? ''}`,
    ...addenda.map((a) => `Addendum (${a.at ?? ''}): ${a.text ?? ''}`),
  ].join('\n');
}

/** A submitted second-opinion report: the text inline (there is no file to point to). */
export function secondOpinionToDocument(row: SecondOpinionReportRow): DocumentReference {
  const amended = Array.isArray(row.addenda) && row.addenda.length > 0;
  return {
    resourceType: 'DocumentReference',
    id: secondOpinionDocumentId(row.id),
    meta: { lastUpdated: iso(row.last_updated) },
    status: 'current',
    docStatus: amended ? 'amended' : 'final',
    type: {
      coding: [
        { system: loinc, ...consultNoteLoinc },
        { system: laminaSystems.documentType, code: 'second-opinion-report' },
      ],
      text: 'Second-opinion report',
    },
    category: [
      {
        coding: [{ system: laminaSystems.documentCategory, code: 'second-opinion' }],
        text: 'Second opinion',
      },
    ],
    subject: ref('Patient', row.patient_id),
    date: iso(row.reported_at),
    ...(row.reviewer_id ? { author: [ref('Practitioner', row.reviewer_id)] } : {}),
    description: 'An independent reviewer’s second opinion on the recovery after spine surgery',
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en',
          data: utf8Base64(reportText(row)),
          title: 'Second-opinion report',
          creation: iso(row.reported_at),
        },
      },
    ],
  };
}

export interface InfoKitRow {
  id: string;
  patient_id: string | null;
  language: string;
  details: unknown;
  created_at: Date;
}

/** An info kit asked for at the clinic's front door: the PDF at the request's download route. */
export function infoKitToDocument(row: InfoKitRow, appUrl: string): DocumentReference {
  const details = (row.details ?? {}) as { region?: string; procedure?: string };
  const title = `Info kit: ${details.region ?? ''} ${details.procedure ?? ''} (${row.language})`;
  return {
    resourceType: 'DocumentReference',
    id: infoKitDocumentId(row.id),
    meta: { lastUpdated: iso(row.created_at) },
    status: 'current',
    docStatus: 'final',
    type: {
      coding: [{ system: laminaSystems.documentType, code: 'info-kit' }],
      text: 'Patient information kit',
    },
    category: [
      {
        coding: [{ system: laminaSystems.documentCategory, code: 'patient-information' }],
        text: 'Patient information',
      },
    ],
    ...(row.patient_id ? { subject: ref('Patient', row.patient_id) } : {}),
    date: iso(row.created_at),
    description: 'The printable information kit about the operation, in the language asked for',
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          language: row.language,
          url: `${appUrl}/api/requests/${row.id}/info-kit.pdf`,
          title,
          creation: iso(row.created_at),
        },
      },
    ],
  };
}
