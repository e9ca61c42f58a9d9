import type { Bundle, BundleEntry, Patient, Procedure } from '@medplum/fhirtypes';
import { onClinicRef } from '../db/joins.ts';
import { type AppContext, unsafeJson } from '../http/context.ts';
import { HttpProblem } from '../http/problem.ts';
import { enrolChecked } from '../patients/enrol.ts';
import { authorizeFhir, type FhirCaller, fhirCaller } from './caller.ts';
import {
  laminaExtensions,
  laminaSystems,
  procedureSnomed,
  regionSnomed,
  snomed,
  spinalFusionSnomed,
} from './codes.ts';
import { FhirError, fhirJson, sendFhir } from './outcome.ts';
import { parseToken } from './search.ts';

/**
 * Write-in (issue 18): an EHR enrols a patient with a transaction Bundle of one Patient and its
 * Procedure (the surgery). It goes through the console's own enrolment (patients/enrol.ts
 * `enrolChecked`): same validation, duplicate check and audit. `ifNoneExist: identifier=…` on the
 * Patient makes a resend return the patient already enrolled instead of a second one.
 */
const maxBodyChars = 1_000_000;

const invalid = (message: string, expression?: string[]) =>
  new FhirError(400, 'invalid', message, expression);

async function readBundle(c: AppContext): Promise<Bundle> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith(fhirJson) && !type.startsWith('application/json'))
    throw new FhirError(415, 'not-supported', `Send the Bundle as ${fhirJson}.`);
  const text = await c.req.text();
  if (text.length > maxBodyChars)
    throw new FhirError(413, 'too-costly', 'The Bundle is too large.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('The body is not JSON.');
  }
  const unsafe = unsafeJson(body);
  if (unsafe) throw invalid(unsafe.detail, [unsafe.error.field]);
  const bundle = body as Bundle;
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction')
    throw invalid('The body must be a Bundle of type transaction.', ['Bundle.type']);
  if (!Array.isArray(bundle.entry)) throw invalid('The Bundle has no entries.', ['Bundle.entry']);
  return bundle;
}

function codeIn(procedure: Procedure, system: string, code: string) {
  return procedure.code?.coding?.some((c) => c.system === system && c.code === code) ?? false;
}

/** Lamina's procedure from the Procedure's codes: SNOMED CT where it has one, else Lamina's own code. */
function procedureCode(procedure: Procedure): string | undefined {
  for (const [name, standard] of Object.entries(procedureSnomed))
    if (standard && codeIn(procedure, snomed, standard.code)) return name;
  return procedure.code?.coding?.find((c) => c.system === laminaSystems.procedure)?.code;
}

function regionOf(procedure: Procedure): string | undefined {
  for (const [region, site] of Object.entries(regionSnomed))
    if (
      procedure.bodySite?.some((b) =>
        b.coding?.some((c) => c.system === snomed && c.code === site.code),
      )
    )
      return region;
  return undefined;
}

function surgeryFrom(procedures: Procedure[]) {
  const main = procedures.find((p) => !codeIn(p, snomed, spinalFusionSnomed.code));
  if (!main)
    throw invalid('The Bundle needs a Procedure for the decompression surgery.', ['Procedure']);
  const fusion = procedures.some((p) => codeIn(p, snomed, spinalFusionSnomed.code));
  const levels = main.extension?.find((e) => e.url === laminaExtensions.spinalLevels)?.valueInteger;
  const approach = main.extension
    ?.find((e) => e.url === laminaExtensions.approach)
    ?.valueCodeableConcept?.coding?.find((c) => c.system === laminaSystems.approach)?.code;
  const performed = main.performedDateTime ?? main.performedPeriod?.start;
  const surgeon = main.performer?.[0]?.actor?.reference;
  return {
    surgery: {
      region: regionOf(main),
      procedure: procedureCode(main),
      ...(approach ? { approach } : {}),
      fusion,
      ...(levels === undefined ? {} : { levels }),
      surgeryDate: performed?.slice(0, 10),
    },
    ...(surgeon?.startsWith('Practitioner/')
      ? { surgeonId: surgeon.slice('Practitioner/'.length) }
      : {}),
  };
}

function enrolmentFrom(patient: Patient, procedures: Procedure[], mrn: string | undefined) {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  const email = patient.telecom?.find((t) => t.system === 'email')?.value;
  const phone = patient.telecom?.find((t) => t.system === 'phone' || t.system === 'sms')?.value;
  const language =
    patient.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code ??
    patient.communication?.[0]?.language?.coding?.[0]?.code;
  return {
    givenName: name?.given?.[0],
    familyName: name?.family,
    ...(patient.birthDate ? { dateOfBirth: patient.birthDate } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(language ? { language: language.slice(0, 2).toLowerCase() } : {}),
    ...(mrn ? { mrn } : {}),
    ...surgeryFrom(procedures),
  };
}

/** The MRN the EHR names: ifNoneExist's identifier, or the Patient's MR identifier. */
function mrnOf(entry: BundleEntry<Patient>): { mrn?: string; conditional: boolean } {
  const condition = entry.request?.ifNoneExist;
  if (condition) {
    const params = new URLSearchParams(condition);
    const keys = [...params.keys()];
    if (keys.length !== 1 || keys[0] !== 'identifier')
      throw invalid('ifNoneExist supports identifier=system|value only.', [
        'Bundle.entry.request.ifNoneExist',
      ]);
    const code = parseToken(params.get('identifier') ?? '').code;
    if (!code)
      throw invalid('ifNoneExist names no identifier value.', ['Bundle.entry.request.ifNoneExist']);
    return { mrn: code, conditional: true };
  }
  const identifier =
    entry.resource?.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR')) ??
    entry.resource?.identifier?.[0];
  return { ...(identifier?.value ? { mrn: identifier.value } : {}), conditional: false };
}

/** POST /fhir/r4 with a transaction Bundle: Patient (+ ifNoneExist) and Procedure(s). */
export async function transaction(c: AppContext): Promise<Response> {
  const caller: FhirCaller = await fhirCaller(c);
  authorizeFhir(caller, 'Patient', 'c');
  authorizeFhir(caller, 'Procedure', 'c');
  const bundle = await readBundle(c);
  const entries = bundle.entry ?? [];
  for (const [index, entry] of entries.entries())
    if (
      entry.request?.method !== 'POST' ||
      !['Patient', 'Procedure'].includes(entry.resource?.resourceType ?? '')
    )
      throw invalid(
        'Only POST of a Patient and its Procedure is supported in a transaction here.',
        [`Bundle.entry[${index}]`],
      );
  const patients = entries.filter(
    (e) => e.resource?.resourceType === 'Patient',
  ) as BundleEntry<Patient>[];
  const procedures = entries
    .map((e) => e.resource)
    .filter((r): r is Procedure => r?.resourceType === 'Procedure');
  const patientEntry = patients[0];
  if (patients.length !== 1 || !patientEntry?.resource)
    throw invalid('The Bundle must hold exactly one Patient.', ['Bundle.entry']);
  for (const procedure of procedures) {
    const subject = procedure.subject?.reference;
    if (subject !== patientEntry.fullUrl)
      throw invalid('Each Procedure’s subject must reference the Patient entry (its fullUrl).', [
        'Procedure.subject',
      ]);
  }
  const { db } = c.get('deps');
  const { mrn, conditional } = mrnOf(patientEntry);
  const url = c.get('deps').publicUrl;
  const base = `${url.origin}${url.pathname.replace(/\/$/, '')}/fhir/r4`;
  if (conditional && mrn) {
    const existing = await db
      .selectFrom('patients as p')
      .leftJoin('surgeries as s', (join) => onClinicRef(join, 's.patient_id', 'p.id'))
      .select(['p.id', 's.id as surgery_id'])
      .where('p.clinic_id', '=', caller.clinicId)
      .where('p.mrn', '=', mrn)
      .orderBy('s.created_at', 'desc')
      .executeTakeFirst();
    if (existing) return sendFhir(c, response(base, existing.id, existing.surgery_id, '200 OK'));
  }
  let created: { patientId: string; surgeryId: string };
  try {
    created = await enrolChecked(
      c,
      {
        clinicId: caller.clinicId,
        actor: caller.actor,
        details: {
          via: 'fhir',
          ...(caller.smartClientId ? { smartClientId: caller.smartClientId } : {}),
        },
      },
      enrolmentFrom(patientEntry.resource, procedures, mrn),
    );
  } catch (error) {
    // The enrolment's own rules (a missing name, a surgery date that is not a date): 422, with the fields.
    if (error instanceof HttpProblem && error.problem.status === 400)
      throw Object.assign(error, { problem: { ...error.problem, status: 422 } });
    throw error;
  }
  return sendFhir(c, response(base, created.patientId, created.surgeryId, '201 Created'), 200);
}

function response(
  base: string,
  patientId: string,
  surgeryId: string | null,
  status: string,
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [
      {
        fullUrl: `${base}/Patient/${patientId}`,
        response: { status, location: `Patient/${patientId}` },
      },
      ...(surgeryId
        ? [
            {
              fullUrl: `${base}/Procedure/${surgeryId}`,
              response: { status, location: `Procedure/${surgeryId}` },
            },
          ]
        : []),
    ],
  };
}
