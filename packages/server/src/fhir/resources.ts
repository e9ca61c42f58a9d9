import {
  type IsoDate,
  PlanInputError,
  patientFactorsSchema,
  plan,
  planOverridesSchema,
  promInstrumentIds,
  promInstruments,
  surgerySchema,
} from '@lamina/pathway';
import type { Questionnaire, Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { mayActInClinic } from '../auth/access.ts';
import { onClinicRef } from '../db/joins.ts';
import { surgeryFieldsOf } from '../patients/store.ts';
import { consultNoteLoinc, laminaSystems, loinc } from './codes.ts';
import {
  type Column,
  codeFilter,
  constantToken,
  dateFilter,
  type FhirContext,
  isUuid,
  type Matcher,
  type ResourceDefinition,
  referenceFilter,
  type Source,
  staticType,
  tableType,
  textFilter,
  tokenFilter,
  tokenMatches,
} from './engine.ts';
import {
  type AlertRow,
  type CheckinRow,
  checkinToObservations,
  checkinToResponse,
  infoKitToDocument,
  type PromRow,
  promToObservations,
  promToResponse,
  type SurgeryRow,
  secondOpinionToDocument,
  toAuditEvent,
  toCarePlan,
  toCommunication,
  toFlag,
  toImagingStudy,
  toPatient,
  toPractitioner,
  toProcedures,
} from './mappers.ts';
import type { ParamSpec } from './search.ts';

export type { FhirContext, Found, ResourceDefinition } from './engine.ts';

/**
 * The definition table of the FHIR API (decision 024): one entry per resource type — its search
 * parameters, the tables it is read from (SQL of each filter and sort key) and the pure mapper to
 * FHIR. engine.ts turns each entry into read, search and count inside the caller's clinic.
 */

const p = (
  name: string,
  type: ParamSpec['type'],
  documentation: string,
  more: Pick<ParamSpec, 'target' | 'path'> = {},
): ParamSpec => ({ name, type, documentation, ...more });
const idParam = p('_id', 'token', 'The resource id');
/** `patient` and `subject`: the patient the resource is about (both `_include`able). */
const patientParams = [
  p('patient', 'reference', 'The patient (Patient/<id>)', { target: 'Patient', path: 'subject' }),
  p('subject', 'reference', 'The patient (Patient/<id>)', { target: 'Patient', path: 'subject' }),
];
const lastUpdated = p('_lastUpdated', 'date', 'When Lamina received or last changed it');
const newest = (name: string) => [{ name, desc: true }];

/** `<prefix>-<uuid>[-…]`: the row key of a derived resource id. */
const prefixed = (prefix: string) => (id: string) => {
  const key = id.startsWith(`${prefix}-`) ? id.slice(prefix.length + 1, prefix.length + 37) : '';
  return isUuid(key) ? key : undefined;
};

const patient = tableType({
  type: 'Patient',
  idParam: 'patientId',
  params: [
    idParam,
    p('identifier', 'token', 'The clinic’s MRN (system|value or value)'),
    p('family', 'string', 'Family name (starts with, any case)'),
    p('given', 'string', 'Given name (starts with, any case)'),
    p('name', 'string', 'Given or family name (starts with, any case)'),
    p('birthdate', 'date', 'Date of birth'),
    p('email', 'token', 'Email address'),
  ],
  sources: [
    {
      from: (db) => db.selectFrom('patients').selectAll(),
      id: 'id',
      patientOf: (row: { id: string }) => row.id,
      filters: {
        identifier: tokenFilter('mrn'),
        family: textFilter(['family_name'], 'starts'),
        given: textFilter(['given_name'], 'starts'),
        name: textFilter(['family_name', 'given_name'], 'starts'),
        birthdate: dateFilter('date_of_birth', true),
        email: tokenFilter('email', true),
      },
      sortColumns: { family: 'family_name', given: 'given_name', birthdate: 'date_of_birth' },
      toResources: (row) => [toPatient(row)],
    },
  ],
  defaultSort: [
    { name: 'family', desc: false },
    { name: 'given', desc: false },
  ],
  sorts: ['family', 'given', 'birthdate'],
});

const practitioner = tableType({
  type: 'Practitioner',
  idParam: 'userId',
  params: [
    idParam,
    p('name', 'string', 'Display name (contains, any case)'),
    p('email', 'token', 'Email address'),
  ],
  sources: [
    {
      from: (db) =>
        db
          .selectFrom('users')
          .select(['id', 'role', 'email', 'display_name', 'disabled_at'])
          .where('role', '!=', 'patient'),
      id: 'id',
      patientOf: () => null,
      filters: {
        name: textFilter(['display_name'], 'contains'),
        email: tokenFilter('email', true),
      },
      sortColumns: { name: 'display_name' },
      toResources: (row) => [toPractitioner(row)],
    },
  ],
  defaultSort: [{ name: 'name', desc: false }],
  sorts: ['name'],
});

type SurgeryFullRow = SurgeryRow & { factors: unknown; overrides: unknown };

/** Surgeries of the clinic: the source of Procedure and CarePlan. */
function surgeries(
  key: (id: string) => string | undefined,
  toResources: (row: SurgeryFullRow, ctx: FhirContext) => Resource[],
): Source {
  return {
    from: (db) =>
      db
        .selectFrom('surgeries')
        .select([
          'id',
          'patient_id',
          'surgeon_id',
          'region',
          'procedure',
          'approach',
          'fusion',
          'levels',
          'surgery_date',
          'cancelled_at',
          'factors',
          'overrides',
        ]),
    id: 'id',
    patient: 'patient_id',
    key,
    filters: { date: dateFilter('surgery_date', true) },
    sortColumns: { date: 'surgery_date' },
    toResources,
  };
}

const procedure = tableType({
  type: 'Procedure',
  idParam: 'surgeryId',
  params: [idParam, ...patientParams, p('date', 'date', 'The surgery date')],
  // A fusion is its own Procedure (`<surgery>-fusion`), part of the surgery's: same row, same page.
  sources: [
    surgeries(
      (id) => (id.endsWith('-fusion') ? id.slice(0, -'-fusion'.length) : id),
      (row, { caller }) => toProcedures(row, caller.today),
    ),
  ],
  manyPerRow: true,
  pageByRow: true,
  defaultSort: newest('date'),
  sorts: ['date'],
});

function carePlanFor(row: SurgeryFullRow, today: IsoDate) {
  try {
    const surgery = surgerySchema.parse(surgeryFieldsOf(row));
    const result = plan(
      surgery,
      patientFactorsSchema.parse(row.factors ?? {}),
      today,
      planOverridesSchema.parse(row.overrides ?? {}),
    );
    return [toCarePlan(row, result)];
  } catch (error) {
    if (error instanceof PlanInputError) return [];
    throw error;
  }
}

const carePlan = tableType({
  type: 'CarePlan',
  idParam: 'surgeryId',
  params: [idParam, ...patientParams, p('date', 'date', 'When the plan starts (the surgery date)')],
  sources: [
    surgeries(
      (id) => id,
      (row, { caller }) => carePlanFor(row, caller.today),
    ),
  ],
  // A plan that cannot be made from its row is left out (a page may hold fewer than _count).
  manyPerRow: true,
  pageByRow: true,
  defaultSort: newest('date'),
  sorts: ['date'],
});

const questionnaire = staticType({
  type: 'Questionnaire',
  idParam: 'instrument',
  params: [
    idParam,
    p('url', 'token', 'The canonical URL'),
    p('name', 'string', 'The computable name'),
  ],
  all: () =>
    promInstrumentIds.map((id) => promInstruments[id].questionnaire as unknown as Questionnaire),
  matchers: {
    _id: (values) => (r) => values.every((v) => v.split(',').includes(r.id ?? '')),
    url: (values) => (r) => values.every((u) => u === (r as Questionnaire).url),
    name: (values) => (r) =>
      values.every((n) =>
        ((r as Questionnaire).name ?? '').toLowerCase().startsWith(n.toLowerCase()),
      ),
  },
});

/** Check-ins: a QuestionnaireResponse and its Observations each. */
function checkins(
  toResources: (row: CheckinRow & { region: string | null }) => Resource[],
): Source {
  return {
    from: (db) =>
      db
        .selectFrom('checkins as c')
        .leftJoin('surgeries as s', (join) => onClinicRef(join, 's.id', 'c.surgery_id'))
        .select([
          'c.id',
          'c.patient_id',
          'c.answers',
          'c.level',
          'c.submitted_at',
          'c.received_at',
          's.region',
        ]),
    clinic: 'c.clinic_id',
    id: 'c.id',
    patient: 'c.patient_id',
    key: prefixed('checkin'),
    filters: {
      _lastUpdated: dateFilter('c.received_at'),
      // Observation's derived-from names the check-in: narrowed here, matched exactly on the resource.
      'derived-from': referenceFilter('c.id', 'QuestionnaireResponse', prefixed('checkin')),
      date: dateFilter('c.submitted_at'),
      authored: dateFilter('c.submitted_at'),
    },
    sortColumns: {
      _lastUpdated: 'c.received_at',
      date: 'c.submitted_at',
      authored: 'c.submitted_at',
    },
    toResources,
  };
}

/** PROMs: a QuestionnaireResponse and an Observation per scale each. */
function proms(toResources: (row: PromRow) => Resource[]): Source {
  return {
    from: (db) =>
      db
        .selectFrom('prom_responses')
        .select([
          'id',
          'patient_id',
          'instrument',
          'answers',
          'scores',
          'completed_at',
          'entered_by',
        ]),
    id: 'id',
    patient: 'patient_id',
    key: prefixed('prom'),
    filters: {
      _lastUpdated: dateFilter('completed_at'),
      'derived-from': referenceFilter('id', 'QuestionnaireResponse', prefixed('prom')),
      date: dateFilter('completed_at'),
      authored: dateFilter('completed_at'),
    },
    sortColumns: { _lastUpdated: 'completed_at', date: 'completed_at', authored: 'completed_at' },
    toResources,
  };
}

const questionnaireResponse = tableType({
  type: 'QuestionnaireResponse',
  idParam: 'questionnaireResponseId',
  params: [
    idParam,
    ...patientParams,
    p('authored', 'date', 'When it was answered'),
    p('questionnaire', 'reference', 'The Questionnaire’s canonical URL'),
    lastUpdated,
  ],
  sources: [checkins((row) => [checkinToResponse(row)]), proms((row) => [promToResponse(row)])],
  matchers: {
    questionnaire: (values) => (r) =>
      values.every((q) =>
        q.split(',').includes((r as { questionnaire?: string }).questionnaire ?? ''),
      ),
  },
  defaultSort: newest('_lastUpdated'),
  sorts: ['_lastUpdated', 'authored'],
});

/** A token parameter decided on the resource's codings (`code` or `category`). */
function codingMatcher(field: 'code' | 'category'): Matcher {
  return (values) => (resource) => {
    const value = (resource as unknown as Record<string, unknown>)[field];
    const concepts = (Array.isArray(value) ? value : [value]) as (
      | { coding?: { system?: string; code?: string }[] }
      | undefined
    )[];
    const codings = concepts.flatMap((c) => c?.coding ?? []);
    return values.every((one) => tokenMatches(one, codings));
  };
}

const observation = tableType({
  type: 'Observation',
  idParam: 'observationId',
  params: [
    idParam,
    ...patientParams,
    p('code', 'token', 'What was measured (LOINC or Lamina’s code, system|code)'),
    p('category', 'token', 'survey, vital-signs or activity'),
    p('date', 'date', 'When it was measured'),
    p('derived-from', 'reference', 'The QuestionnaireResponse it comes from', {
      target: 'QuestionnaireResponse',
      path: 'derivedFrom',
    }),
    lastUpdated,
  ],
  sources: [
    checkins((row) => checkinToObservations(row, row.region)),
    proms((row) => promToObservations(row)),
  ],
  manyPerRow: true,
  matchers: {
    code: codingMatcher('code'),
    category: codingMatcher('category'),
    'derived-from': (values) => (r) => {
      const refs = (r as { derivedFrom?: { reference?: string }[] }).derivedFrom ?? [];
      return values.every((d) =>
        d
          .split(',')
          .some((one) =>
            refs.some(
              (ref) => ref.reference === one || ref.reference === `QuestionnaireResponse/${one}`,
            ),
          ),
      );
    },
  },
  defaultSort: newest('_lastUpdated'),
  sorts: ['_lastUpdated', 'date'],
});

const flag = tableType({
  type: 'Flag',
  idParam: 'alertId',
  params: [
    idParam,
    ...patientParams,
    p('status', 'token', 'active (open or acknowledged) or inactive (resolved)'),
    p('date', 'date', 'When the alert was raised'),
  ],
  sources: [
    {
      from: (db) =>
        db
          .selectFrom('alerts')
          .select([
            'id',
            'patient_id',
            'level',
            'status',
            'findings',
            'created_at',
            'acknowledged_by',
            'acknowledged_at',
            'resolved_by',
            'resolved_at',
            'off_track',
          ]),
      id: 'id',
      patient: 'patient_id',
      filters: {
        status: codeFilter('status', {
          active: ['open', 'acknowledged'],
          inactive: ['resolved'],
        }),
        date: dateFilter('created_at'),
      },
      sortColumns: { date: 'created_at' },
      toResources: (row: AlertRow) => [toFlag(row)],
    },
  ],
  defaultSort: newest('date'),
  sorts: ['date'],
});

const communication = tableType({
  type: 'Communication',
  idParam: 'communicationId',
  params: [
    idParam,
    ...patientParams,
    p('about', 'reference', 'The Flag (alert) it is about', { target: 'Flag', path: 'about' }),
    p('sent', 'date', 'When it was done'),
  ],
  sources: [
    {
      from: (db) =>
        db
          .selectFrom('alert_events as e')
          .innerJoin('alerts as a', (join) => onClinicRef(join, 'a.id', 'e.alert_id'))
          .select(['e.id', 'e.alert_id', 'a.patient_id', 'e.actor_id', 'e.kind', 'e.note', 'e.at'])
          .where('e.kind', '!=', 'created'),
      clinic: 'e.clinic_id',
      id: 'e.id',
      patient: 'a.patient_id',
      filters: { about: referenceFilter('e.alert_id', 'Flag'), sent: dateFilter('e.at') },
      sortColumns: { sent: 'e.at' },
      toResources: (row) => [toCommunication(row)],
    },
  ],
  defaultSort: newest('sent'),
  sorts: ['sent'],
});

const imagingStudy = tableType({
  type: 'ImagingStudy',
  idParam: 'studyId',
  params: [idParam, ...patientParams],
  sources: [
    {
      from: (db) =>
        db
          .selectFrom('imaging_studies as st')
          .select([
            'st.id',
            'st.patient_id',
            'st.study_instance_uid',
            'st.modality',
            'st.study_date',
            'st.description',
            'st.created_at',
            (eb) =>
              eb
                .selectFrom('imaging_files as f')
                .select(sql<number>`count(distinct f.series_instance_uid)`.as('n'))
                .whereRef('f.clinic_id', '=', 'st.clinic_id')
                .whereRef('f.study_id', '=', 'st.id')
                .as('series'),
            (eb) =>
              eb
                .selectFrom('imaging_files as f')
                .select(sql<number>`count(*)`.as('n'))
                .whereRef('f.clinic_id', '=', 'st.clinic_id')
                .whereRef('f.study_id', '=', 'st.id')
                .as('instances'),
          ])
          .where('st.patient_id', 'is not', null),
      clinic: 'st.clinic_id',
      id: 'st.id',
      patient: 'st.patient_id',
      sortColumns: { stored: 'st.created_at' },
      toResources: (row) => [toImagingStudy(row)],
    },
  ],
  defaultSort: newest('stored'),
});

const auditEvent = tableType({
  type: 'AuditEvent',
  idParam: 'auditEventId',
  params: [
    idParam,
    p('patient', 'reference', 'The patient the action was about', { target: 'Patient' }),
    p('date', 'date', 'When it was recorded'),
    p('subtype', 'token', 'Lamina’s action, e.g. patient.read'),
    lastUpdated,
  ],
  sources: [
    {
      from: (db) => db.selectFrom('audit_log').selectAll(),
      id: 'id',
      patient: 'patient_id',
      // Reading the log is not reading a patient's record.
      patientOf: () => null,
      filters: {
        subtype: tokenFilter('action'),
        date: dateFilter('at'),
        _lastUpdated: dateFilter('at'),
      },
      sortColumns: { date: 'at', _lastUpdated: 'at' },
      toResources: (row) => [toAuditEvent(row)],
    },
  ],
  defaultSort: newest('date'),
  sorts: ['date', '_lastUpdated'],
});

/** When a report last changed: its submission or its latest addendum. */
const reportUpdated = sql<Date>`greatest(so.reported_at, (select max((a->>'at')::timestamptz) from jsonb_array_elements(so.addenda) as a))`;

const secondOpinionType = [
  { system: loinc, code: consultNoteLoinc.code },
  { system: laminaSystems.documentType, code: 'second-opinion-report' },
];

/** What both kinds of document share: an id `<prefix>-<uuid>`, the codes they carry, two dates. */
function documents(kind: {
  prefix: string;
  type: readonly { system: string; code: string }[];
  category: string;
  made: Column;
  updated: Column;
}): Pick<Source, 'key' | 'filters' | 'sortColumns'> {
  return {
    key: (id) => {
      const key = id.slice(kind.prefix.length + 1);
      return id === `${kind.prefix}-${key}` ? key : undefined;
    },
    filters: {
      type: constantToken(kind.type),
      category: constantToken([{ system: laminaSystems.documentCategory, code: kind.category }]),
      date: dateFilter(kind.made),
      _lastUpdated: dateFilter(kind.updated),
    },
    sortColumns: { date: kind.made, _lastUpdated: kind.updated },
  };
}

const documentReference = tableType({
  type: 'DocumentReference',
  idParam: 'documentReferenceId',
  params: [
    idParam,
    ...patientParams,
    p('type', 'token', `second-opinion-report (also LOINC ${consultNoteLoinc.code}) or info-kit`),
    p('category', 'token', 'second-opinion or patient-information'),
    p('date', 'date', 'When the document was made'),
    lastUpdated,
  ],
  sources: [
    {
      // Second-opinion reports, once submitted (what the app shows the patient and the care team).
      from: (db) =>
        db
          .selectFrom('second_opinions as so')
          .select([
            'so.id',
            'so.patient_id',
            'so.reviewer_id',
            'so.report',
            'so.reported_at',
            'so.addenda',
            reportUpdated.as('last_updated'),
          ])
          .where('so.reported_at', 'is not', null)
          .where('so.report', 'is not', null),
      clinic: 'so.clinic_id',
      id: 'so.id',
      patient: 'so.patient_id',
      ...documents({
        prefix: 'second-opinion',
        type: secondOpinionType,
        category: 'second-opinion',
        made: 'so.reported_at',
        updated: reportUpdated,
      }),
      toResources: (row) => [secondOpinionToDocument(row)],
    },
    {
      // Info kits asked for at the front door: like the app, for care managers and admins (and clients).
      from: (db) =>
        db
          .selectFrom('intake_requests as r')
          .select(['r.id', 'r.patient_id', 'r.language', 'r.details', 'r.created_at'])
          .where('r.kind', '=', 'info_kit'),
      clinic: 'r.clinic_id',
      id: 'r.id',
      patient: 'r.patient_id',
      visible: (caller) =>
        !caller.actor || mayActInClinic(caller.actor, 'read-requests', caller.clinicId),
      ...documents({
        prefix: 'info-kit',
        type: [{ system: laminaSystems.documentType, code: 'info-kit' }],
        category: 'patient-information',
        made: 'r.created_at',
        updated: 'r.created_at',
      }),
      toResources: (row, ctx) => [infoKitToDocument(row, ctx.appUrl ?? '')],
    },
  ],
  defaultSort: newest('date'),
  sorts: ['date', '_lastUpdated'],
});

export const resourceDefinitions: readonly ResourceDefinition[] = [
  patient,
  practitioner,
  procedure,
  carePlan,
  questionnaire,
  questionnaireResponse,
  observation,
  flag,
  communication,
  imagingStudy,
  documentReference,
  auditEvent,
];

export const definitionFor = (type: string) => resourceDefinitions.find((d) => d.type === type);

/** `_revinclude` values a type accepts: every reference parameter of another type pointing at it. */
export function revincludesOf(type: string): string[] {
  return resourceDefinitions.flatMap((d) =>
    d.params.filter((param) => param.target === type).map((param) => `${d.type}:${param.name}`),
  );
}

/** The reference parameter a `_include`/`_revinclude` value names. */
export function referenceParam(value: string): { type: string; param: ParamSpec } | undefined {
  const [type, name] = value.split(':');
  const param = definitionFor(type ?? '')?.params.find((p) => p.name === name);
  return type && param ? { type, param } : undefined;
}
