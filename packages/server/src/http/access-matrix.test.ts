import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { assignReviewer, auditOf, insertUser } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { exportFileKey } from '../fhir/export.ts';
import { jpegBytes, syntheticStudy } from '../imaging/dicom.test-helper.ts';
import { ingestUpload } from '../imaging/service.ts';
import { assertSameEntries } from '../lists.test-helper.ts';
import { allRouteDocs } from '../openapi/routes.ts';
import { TestClient, testFiles } from './test-client.ts';
import {
  enrolAndSignIn,
  type SeededClinic,
  signedInClinic,
  signInPatient,
  signInStaff,
} from './test-fixtures.ts';

/**
 * Every route × every role × own data vs another patient's vs another clinic's. Who may call what
 * is declared once below; a route added without a line here fails the test.
 */
type Actor = Role | 'anonymous';
const staff: Actor[] = ['care_manager', 'clinician', 'admin'];

interface Rule {
  /** Roles allowed on their own clinic's data (the patient role: only their own record). */
  allow: readonly Actor[];
  /** An assigned reviewer may call it for that patient. */
  reviewerAssigned?: boolean;
}

const publicRoutes = new Set([
  'POST /api/auth/sign-in',
  'POST /api/auth/patient/code',
  'POST /api/auth/patient/verify',
  'POST /api/auth/sign-out',
  'POST /api/auth/staff/accept-invitation',
  'POST /api/auth/password/reset-request',
  'POST /api/auth/password/reset',
  'POST /api/public/:clinicSlug/candidacy',
  // A visitor's request: its status and kit need the request's token (intake/routes.test.ts).
  'POST /api/public/:clinicSlug/requests',
  'GET /api/public/:clinicSlug/requests/:requestId',
  'GET /api/public/:clinicSlug/requests/:requestId/info-kit.pdf',
  // Scans for a request, with the same token (imaging/request-routes.test.ts).
  'POST /api/public/:clinicSlug/requests/:requestId/imaging',
  'GET /api/public/:clinicSlug/requests/:requestId/imaging',
  'GET /api/openapi.json',
  // First run and invitations (issue 15): clinics/setup.test.ts, patients/invitations.test.ts.
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/patient/invitation',
  'GET /api/public/:clinicSlug/logo',
  // Reminders (issue 16): the stop link and calendar feed need their token (reminders/routes.test.ts).
  'GET /r/calendar/:clinicId/:file',
  'GET /r/stop/:clinicId/:token',
  'POST /r/stop/:clinicId/:token',
  // FHIR R4 (issue 18): the CapabilityStatement is public (fhir/routes.test.ts).
  'GET /fhir/r4/metadata',
  // SMART discovery and token endpoint: the client proves itself with its signed assertion (fhir/smart.test.ts).
  'GET /fhir/r4/.well-known/smart-configuration',
  'POST /fhir/r4/auth/token',
  // CDS Hooks: discovery is public; the service needs the EHR's signed JWT (fhir/cds-hooks.test.ts).
  'GET /cds-services',
  'POST /cds-services/lamina-recovery',
]);

const readers: Rule = { allow: ['patient', ...staff], reviewerAssigned: true };
const clinicStaff: Rule = { allow: staff };
const adminOnly: Rule = { allow: ['admin'] };
const careTeam: Rule = { allow: ['care_manager', 'admin'] };
const anyStaff: Rule = { allow: ['care_manager', 'clinician', 'reviewer', 'admin'] };
const patientOnly: Rule = { allow: ['patient'] };
const clinicianOnly: Rule = { allow: ['clinician'] };
const reviewerOnly: Rule = { allow: ['reviewer'] };
const patientStaffOrReviewer: Rule = { allow: ['patient', ...staff, 'reviewer'] };
const patientOrStaff: Rule = { allow: ['patient', ...staff] };
const patientOrCareTeam: Rule = { allow: ['patient', 'care_manager', 'admin'] };

const rules: Record<string, Rule> = {
  'GET /api/auth/me': { allow: ['patient', 'care_manager', 'clinician', 'reviewer', 'admin'] },
  'GET /api/patients': { allow: [...staff, 'reviewer'] },
  'POST /api/patients': careTeam,
  'POST /api/patients/import': careTeam,
  'POST /api/patients/:patientId/surgery/corrections': clinicStaff,
  'GET /api/patients/:patientId': readers,
  'GET /api/patients/:patientId/plan': readers,
  'PUT /api/patients/:patientId/overrides': { allow: ['clinician', 'admin'] },
  'POST /api/patients/:patientId/checkins': patientOnly,
  'POST /api/patients/:patientId/photos': patientOnly,
  'GET /api/patients/:patientId/photos': patientOrStaff,
  'GET /api/photos/:photoId': patientOrStaff,
  'GET /api/patients/:patientId/reminders': readers,
  'PUT /api/patients/:patientId/reminders': patientOnly,
  'GET /api/patients/:patientId/time-zone': readers,
  'PUT /api/patients/:patientId/time-zone': patientOrCareTeam,
  'POST /api/patients/:patientId/push-subscriptions': patientOnly,
  'DELETE /api/patients/:patientId/push-subscriptions': patientOnly,
  'GET /api/patients/:patientId/calendar.ics': readers,
  'POST /api/patients/:patientId/calendar-feed': patientOnly,
  'DELETE /api/patients/:patientId/calendar-feed': patientOnly,
  'GET /api/worklist': clinicStaff,
  'GET /api/clinic/reminder-settings': adminOnly,
  'PUT /api/clinic/reminder-settings': adminOnly,
  'GET /api/staff/me/alert-emails': clinicStaff,
  'PUT /api/staff/me/alert-emails': clinicStaff,
  'POST /api/worklist/:patientId/acknowledge': clinicStaff,
  'GET /api/patients/:patientId/checkins': readers,
  'GET /api/patients/:patientId/alerts': readers,
  'GET /api/alerts': clinicStaff,
  'GET /api/alerts/stream': clinicStaff,
  'GET /api/alerts/queue': clinicStaff,
  'GET /api/alerts/:alertId/card': clinicStaff,
  'GET /api/alerts/:alertId': clinicStaff,
  'POST /api/alerts/:alertId/acknowledge': clinicStaff,
  'POST /api/alerts/:alertId/resolve': clinicStaff,
  'POST /api/alerts/:alertId/notes': clinicStaff,
  'GET /api/clinic/alert-settings': clinicStaff,
  'PUT /api/clinic/alert-settings': adminOnly,
  'GET /api/outcomes': clinicStaff,
  'GET /api/outcomes.csv': clinicStaff,
  'GET /api/patients/:patientId/messages': patientOrStaff,
  'POST /api/patients/:patientId/messages': patientOrStaff,
  'POST /api/patients/:patientId/messages/read': patientOrStaff,
  'GET /api/messages/unread': clinicStaff,
  'POST /api/patients/:patientId/inbox-owner': careTeam,
  'GET /api/clinic/staff': clinicStaff,
  // With a patient-reported instrument (NRS): only the patient; mJOA would be clinicians only.
  'POST /api/patients/:patientId/proms/:instrument': patientOnly,
  'GET /api/patients/:patientId/proms': readers,
  'GET /api/patients/:patientId/proms/due': readers,
  'GET /api/leads': careTeam,
  'POST /api/leads/:leadId/status': careTeam,
  'POST /api/leads/:leadId/assign': careTeam,
  'POST /api/staff/invitations': adminOnly,
  'POST /api/users/:userId/disable': adminOnly,
  'POST /api/patients/:patientId/reviewers': adminOnly,
  'POST /api/auth/totp/setup': anyStaff,
  'POST /api/auth/totp/enable': anyStaff,
  'POST /api/auth/sessions/revoke-all': {
    allow: ['patient', 'care_manager', 'clinician', 'reviewer', 'admin'],
  },
  'POST /api/auth/password/change': anyStaff,
  'GET /api/clinic/mfa-policy': adminOnly,
  'PUT /api/clinic/mfa-policy': adminOnly,
  'GET /api/clinic/settings': adminOnly,
  'PUT /api/clinic/settings': adminOnly,
  'GET /api/clinic/imaging-storage': adminOnly,
  'PUT /api/clinic/imaging-storage': adminOnly,
  'GET /api/audit': adminOnly,
  'GET /api/audit.csv': adminOnly,
  // Imaging (issue 8): a reviewer reaches only de-identified copies of studies attached to their assigned case (checked before the loop).
  'POST /api/patients/:patientId/imaging': patientOrStaff,
  'GET /api/patients/:patientId/imaging': patientOrStaff,
  // The world's study is attached to the world's de-identified case of the reviewer: these calls ask
  // for the original, so the reviewer is denied; `?variant=deidentified` is checked before the loop.
  'GET /api/imaging/studies/:studyId': patientOrStaff,
  'GET /api/imaging/files/:fileId': patientOrStaff,
  'GET /api/imaging/files/:fileId/frame': patientOrStaff,
  'GET /api/peers/volunteer': patientOnly,
  'PUT /api/peers/volunteer': patientOnly,
  'POST /api/peers/volunteer/pause': patientOnly,
  'POST /api/peers/volunteer/withdraw': patientOnly,
  'POST /api/peers/proposals': patientOnly,
  'GET /api/peers/connections': patientOnly,
  'POST /api/peers/connections': patientOnly,
  // The world's patient is the asking side of the world's connection.
  'GET /api/peers/connections/:connectionId': patientOnly,
  'POST /api/peers/connections/:connectionId/accept': patientOnly,
  'POST /api/peers/connections/:connectionId/decline': patientOnly,
  'POST /api/peers/connections/:connectionId/messages': patientOnly,
  'POST /api/peers/connections/:connectionId/end': patientOnly,
  'GET /api/peer-volunteers': careTeam,
  'POST /api/peer-volunteers/:volunteerId/approve': careTeam,
  'POST /api/peer-volunteers/:volunteerId/pause': careTeam,
  'GET /api/peer-connections': careTeam,
  'POST /api/peer-connections/:connectionId/end': careTeam,
  'POST /api/patients/:patientId/requests': patientOnly,
  'GET /api/patients/:patientId/requests': patientOrCareTeam,
  'GET /api/requests/:requestId/info-kit.pdf': patientOrCareTeam,
  // A clinician's queue holds the free MRI/CT reviews only; the world's request is an info kit, so a
  // clinician's detail call is 404 (their own access: intake/imaging-review.test.ts).
  'GET /api/requests': { allow: ['care_manager', 'clinician', 'admin'] },
  'GET /api/requests/:requestId': careTeam,
  // Clinical results: clinicians only (an info kit answers 400/409, never 403/404, to a clinician).
  'POST /api/requests/:requestId/imaging-review-result': clinicianOnly,
  'POST /api/requests/:requestId/imaging-review-addendum': clinicianOnly,
  'POST /api/requests/:requestId/imaging': patientOnly,
  'GET /api/requests/:requestId/imaging': patientOrCareTeam,
  'POST /api/requests/:requestId/status': careTeam,
  'POST /api/requests/:requestId/assign': careTeam,
  'POST /api/requests/:requestId/notes': careTeam,
  'POST /api/requests/:requestId/insurance-outcome': careTeam,
  'GET /api/clinic/hours': careTeam,
  'PUT /api/clinic/hours': adminOnly,
  'POST /api/second-opinions': patientOnly,
  'GET /api/second-opinions': patientStaffOrReviewer,
  'GET /api/second-opinion-reviewers': adminOnly,
  'GET /api/second-opinion-settings': adminOnly,
  'PUT /api/second-opinion-settings': adminOnly,
  // The world's case belongs to "own" patient and is assigned to the clinic's reviewer.
  'GET /api/second-opinions/:caseId': patientStaffOrReviewer,
  'POST /api/second-opinions/:caseId/assign': adminOnly,
  'POST /api/second-opinions/:caseId/report': reviewerOnly,
  'POST /api/second-opinions/:caseId/addendum': reviewerOnly,
  'POST /api/second-opinions/:caseId/withdraw': patientOnly,
  'PUT /api/second-opinions/:caseId/studies': patientOnly,
  'GET /api/clinic/profile': adminOnly,
  'PUT /api/clinic/profile': adminOnly,
  'PUT /api/clinic/logo': adminOnly,
  'POST /api/patients/:patientId/invitations': careTeam,
  'POST /api/patients/:patientId/invitations/resend': careTeam,
  'POST /api/patients/:patientId/invitations/revoke': careTeam,
  'GET /api/patient-invitations': clinicStaff,
  'GET /api/patients/:patientId/invitations': clinicStaff,
  'GET /api/patients/:patientId/language': readers,
  'PUT /api/patients/:patientId/language': patientOrCareTeam,
  // Exercise log and plan PDF (issue 17): the patient logs; the care team and PT read.
  'POST /api/patients/:patientId/exercise-log': patientOnly,
  'GET /api/patients/:patientId/exercise-log': readers,
  'GET /api/patients/:patientId/plan.pdf': readers,
  // FHIR R4 (issue 18) with a staff session: the clinic's staff read; AuditEvent admins only.
  // SMART system clients' scopes: fhir/smart.test.ts.
  ...Object.fromEntries(
    [
      ['Patient', ':patientId'],
      ['Practitioner', ':userId'],
      ['Procedure', ':surgeryId'],
      ['CarePlan', ':surgeryId'],
      ['Questionnaire', ':instrument'],
      ['QuestionnaireResponse', ':questionnaireResponseId'],
      ['Observation', ':observationId'],
      ['Flag', ':alertId'],
      ['Communication', ':communicationId'],
      ['ImagingStudy', ':studyId'],
      ['DocumentReference', ':documentReferenceId'],
      ['AuditEvent', ':auditEventId'],
    ].flatMap(([type, id]): [string, Rule][] => {
      // The world's DocumentReference is an info kit: like its download, care managers and admins.
      if (type === 'DocumentReference')
        return [
          [`GET /fhir/r4/${type}`, clinicStaff],
          [`GET /fhir/r4/${type}/${id}`, careTeam],
        ];
      const rule = type === 'AuditEvent' ? adminOnly : clinicStaff;
      return [
        [`GET /fhir/r4/${type}`, rule],
        [`GET /fhir/r4/${type}/${id}`, rule],
      ];
    }),
  ),
  'GET /fhir/r4/Patient/:patientId/$everything': clinicStaff,
  'POST /fhir/r4': careTeam,
  // Bulk Data export of the whole clinic: admins (or a client with the scopes, fhir/export.test.ts).
  'GET /fhir/r4/$export': adminOnly,
  'GET /fhir/r4/Patient/$export': adminOnly,
  'GET /fhir/r4/$export-status/:exportId': adminOnly,
  'GET /fhir/r4/$export-file/:exportId/:file': adminOnly,
  // Last of the export routes (fhir/export-routes.ts): the admin's call cancels the fixture's export.
  'DELETE /fhir/r4/$export-status/:exportId': adminOnly,
  'GET /api/clinic/smart-clients': adminOnly,
  'POST /api/clinic/smart-clients': adminOnly,
  'POST /api/clinic/smart-clients/:smartClientId/revoke': adminOnly,
};

/** Definitions every clinic shares (no clinic data): no "another clinic's" variant to refuse. */
const sameForEveryClinic = new Set(['GET /fhir/r4/Questionnaire/:instrument']);

/** Routes that end the caller's own session: each call gets a freshly signed-in client. */
const endsSession = new Set(['POST /api/auth/sessions/revoke-all']);

interface World {
  clinic: SeededClinic;
  patientId: string;
  patientEmail: string;
  otherPatientId: string;
  alertId: string;
  leadId: string;
  disposableUserId: string;
  imagingStudyId: string;
  imagingFileId: string;
  peerVolunteerId: string;
  peerConnectionId: string;
  requestId: string;
  caseId: string;
  photoId: string;
  /** FHIR (issue 18): ids of the resources built from the world's rows. */
  surgeryId: string;
  checkinId: string;
  alertEventId: string;
  auditEventId: string;
  smartClientId: string;
  exportId: string;
}

async function aLead(db: Kysely<Database>, clinicId: string) {
  const assessmentId = randomUUID();
  const leadId = randomUUID();
  await db
    .insertInto('candidacy_assessments')
    .values({ clinic_id: clinicId, id: assessmentId, answers: '{}', result: '{}' })
    .execute();
  await db
    .insertInto('candidacy_leads')
    .values({
      clinic_id: clinicId,
      id: leadId,
      assessment_id: assessmentId,
      name: 'Lead',
      email: 'lead@mail.example',
      phone: null,
      consented_at: new Date(),
    })
    .execute();
  return leadId;
}

/** `volunteerPatientId` volunteers (approved); `requesterPatientId` is talking with them. */
async function aPeerConnection(
  db: Kysely<Database>,
  clinicId: string,
  requesterPatientId: string,
  volunteerPatientId: string,
) {
  const peerVolunteerId = randomUUID();
  const peerConnectionId = randomUUID();
  const at = new Date();
  await db
    .insertInto('peer_volunteers')
    .values({
      clinic_id: clinicId,
      id: peerVolunteerId,
      patient_id: volunteerPatientId,
      display_name: 'Peer',
      condition: 'other',
      region: 'lumbar',
      procedure: 'laminectomy',
      fusion: false,
      age_band: '60-69',
      languages: ['en'],
      intro: 'Hello',
      consented_at: at,
      updated_at: at,
      approved_at: at,
    })
    .execute();
  await db
    .insertInto('peer_connections')
    .values({
      clinic_id: clinicId,
      id: peerConnectionId,
      requester_patient_id: requesterPatientId,
      volunteer_id: peerVolunteerId,
      topic: 'Walking',
      status: 'active',
      requester_consented_at: at,
      volunteer_consented_at: at,
    })
    .execute();
  return { peerVolunteerId, peerConnectionId };
}

/** An info-kit request of the patient, so the kit download route has something to answer. */
async function aRequest(db: Kysely<Database>, clinicId: string, patientId: string) {
  const id = randomUUID();
  await db
    .insertInto('intake_requests')
    .values({
      clinic_id: clinicId,
      id,
      kind: 'info_kit',
      patient_id: patientId,
      contact_name: 'Rosa Diaz',
      contact_email: null,
      contact_phone: null,
      language: 'en',
      consented_at: new Date(),
      region: 'lumbar',
      symptoms: null,
      assessment_id: null,
      details: JSON.stringify({ region: 'lumbar', procedure: 'laminectomy' }),
      red_flags: '[]',
      assigned_to: null,
      first_response_at: null,
      insurance_outcome: null,
      outcome_message: null,
      outcome_at: null,
      token_hash: 'x',
      token_expires_at: new Date(Date.now() + 86_400_000),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}

async function buildWorld(db: Kysely<Database>): Promise<World> {
  const { clinic, client: admin } = await signedInClinic(db, 'admin');
  const me = await enrolAndSignIn(admin, clinic);
  const other = await enrolAndSignIn(admin, clinic);
  const posted = await me.client.post(`/api/patients/${me.patientId}/checkins`, {
    idempotencyKey: randomUUID(),
    checkin: { chestPain: 'yes', axialPain: 4 },
  });
  await assignReviewer(db, clinic.clinicId, clinic.staff.reviewer.id, me.patientId);
  const asked = await me.client.post('/api/second-opinions', {
    question: 'Is my nerve healing as expected?',
  });
  const caseId = (asked.json.case as { id: string }).id;
  await admin.post(`/api/second-opinions/${caseId}/assign`, {
    reviewerId: clinic.staff.reviewer.id,
  });
  const disposableUserId = randomUUID();
  await insertUser(db, clinic.clinicId, {
    id: disposableUserId,
    role: 'care_manager',
    email: `spare-${disposableUserId}@x.example`,
    displayName: 'Spare',
  });
  const [scan] = syntheticStudy({ series: [{ description: 'AX', images: 1 }] });
  const uploaded = await ingestUpload(db, testFiles, {
    clinicId: clinic.clinicId,
    owner: { patientId: me.patientId },
    uploadedBy: null,
    fileName: 'IM1.dcm',
    bytes: scan?.bytes ?? new Uint8Array(),
    now: new Date(),
  });
  // The reviewer's case carries the patient's study (de-identified: the patient did not share who she is).
  await me.client.put(`/api/second-opinions/${caseId}/studies`, {
    studyIds: [uploaded.studies[0]?.id],
  });
  const peer = await aPeerConnection(db, clinic.clinicId, me.patientId, other.patientId);
  const photo = await me.client.post(`/api/patients/${me.patientId}/photos`, {
    checkinId: posted.json.checkinId,
    contentType: 'image/jpeg',
    data: Buffer.from(jpegBytes()).toString('base64'),
  });
  const alertId = (posted.json.alert as { id: string }).id;
  const alertEventId = randomUUID();
  await db
    .insertInto('alert_events')
    .values({
      clinic_id: clinic.clinicId,
      id: alertEventId,
      alert_id: alertId,
      actor_id: null,
      kind: 'note',
      note: 'Called',
    })
    .execute();
  const surgery = await db
    .selectFrom('surgeries')
    .select('id')
    .where('clinic_id', '=', clinic.clinicId)
    .where('patient_id', '=', me.patientId)
    .executeTakeFirstOrThrow();
  const anAudit = await auditOf(db, clinic.clinicId)
    .select('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const smartClientId = randomUUID();
  await db
    .insertInto('smart_clients')
    .values({
      clinic_id: clinic.clinicId,
      id: smartClientId,
      name: 'EHR',
      jwks: JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-384', x: 'x', y: 'y' }] }),
      jwks_url: null,
      scopes: ['system/*.rs'],
      created_by: null,
    })
    .execute();
  // A finished export with one file, so the status and file routes have something to answer.
  const exportId = randomUUID();
  await db
    .insertInto('fhir_exports')
    .values({
      clinic_id: clinic.clinicId,
      id: exportId,
      status: 'completed',
      types: ['Patient'],
      since: null,
      request_url: 'https://lamina.test/fhir/r4/$export',
      requested_by: null,
      smart_client_id: null,
      created_at: new Date(),
      completed_at: new Date(),
      output: JSON.stringify([{ type: 'Patient', file: 'Patient.ndjson', count: 1 }]),
    })
    .execute();
  await testFiles.put(
    exportFileKey(clinic.clinicId, exportId, 'Patient.ndjson'),
    new TextEncoder().encode('{"resourceType":"Patient"}\n'),
  );
  return {
    photoId: (photo.json.photo as { id: string }).id,
    exportId,
    smartClientId,
    surgeryId: surgery.id,
    checkinId: posted.json.checkinId as string,
    alertEventId,
    auditEventId: anAudit.id,
    imagingStudyId: uploaded.studies[0]?.id ?? '',
    imagingFileId: uploaded.stored[0]?.fileId ?? '',
    ...peer,
    clinic,
    patientId: me.patientId,
    patientEmail: me.email,
    otherPatientId: other.patientId,
    alertId: (posted.json.alert as { id: string }).id,
    leadId: await aLead(db, clinic.clinicId),
    disposableUserId,
    requestId: await aRequest(db, clinic.clinicId, me.patientId),
    caseId,
  };
}

function fillPath(path: string, world: World, patientId: string): string {
  return path
    .replace(':patientId', patientId)
    .replace(':alertId', world.alertId)
    .replace(':leadId', world.leadId)
    .replace(':userId', world.disposableUserId)
    .replace(':studyId', world.imagingStudyId)
    .replace(':fileId', world.imagingFileId)
    .replace(':volunteerId', world.peerVolunteerId)
    .replace(':connectionId', world.peerConnectionId)
    .replace(':requestId', world.requestId)
    .replace(':instrument', 'nrs-back-leg')
    .replace(':clinicSlug', world.clinic.slug)
    .replace(':caseId', world.caseId)
    .replace(':photoId', world.photoId)
    .replace(':surgeryId', world.surgeryId)
    .replace(':questionnaireResponseId', `checkin-${world.checkinId}`)
    .replace(':observationId', `checkin-${world.checkinId}-axial-pain`)
    .replace(':communicationId', world.alertEventId)
    .replace(':documentReferenceId', `info-kit-${world.requestId}`)
    .replace(':auditEventId', world.auditEventId)
    .replace(':smartClientId', world.smartClientId)
    .replace(':exportId', world.exportId)
    .replace(':file', 'Patient.ndjson');
}

async function call(
  client: TestClient | undefined,
  app: TestClient['app'],
  method: string,
  path: string,
) {
  const headers: Record<string, string> =
    method === 'GET' ? {} : { 'content-type': 'application/json' };
  const cookie = client ? (client as unknown as { cookie: string }).cookie : '';
  if (cookie) headers.cookie = cookie;
  const response = await app.request(path, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body: '{}' }),
  });
  const text = response.headers.get('content-type')?.includes('event-stream')
    ? ''
    : await response.text();
  await response.body?.cancel().catch(() => {});
  return { status: response.status, text };
}

forEachEngine((engine) => {
  engine.test(
    'access matrix: every route × every role × own, another patient’s and another clinic’s data',
    async () => {
      const { db } = await engine.open();
      const mine = await buildWorld(db);
      const theirs = await buildWorld(db);
      const app = new TestClient(db).app;

      const documented = allRouteDocs.map((r) => `${r.method.toUpperCase()} ${r.path}`);
      const classified = new Set([...publicRoutes, ...Object.keys(rules)]);
      assertSameEntries(
        documented,
        classified,
        'every route has an access rule in this test',
        'no rule for a route that is gone',
      );

      const signInAs = async (actor: Actor): Promise<TestClient | undefined> => {
        if (actor === 'anonymous') return undefined;
        const client = new TestClient(db);
        if (actor === 'patient') await signInPatient(client, mine.clinic, mine.patientEmail);
        else await signInStaff(client, mine.clinic, actor);
        return client;
      };
      const actors: Actor[] = [
        'anonymous',
        'patient',
        'care_manager',
        'clinician',
        'reviewer',
        'admin',
      ];
      const clients = new Map<Actor, TestClient | undefined>();
      for (const actor of actors) clients.set(actor, await signInAs(actor));
      const theirIds = [
        theirs.clinic.clinicId,
        theirs.patientId,
        theirs.otherPatientId,
        theirs.alertId,
        theirs.leadId,
        theirs.disposableUserId,
        theirs.imagingStudyId,
        theirs.imagingFileId,
        theirs.peerVolunteerId,
        theirs.peerConnectionId,
        theirs.requestId,
        theirs.caseId,
        theirs.surgeryId,
        theirs.checkinId,
        theirs.alertEventId,
        theirs.auditEventId,
        theirs.smartClientId,
        theirs.exportId,
      ];

      const failures: string[] = [];
      let checked = 0;
      const expect = async (
        actor: Actor,
        method: string,
        path: string,
        allowed: boolean,
        label: string,
      ) => {
        const key = `${method} ${path}`;
        const client =
          endsSession.has(key) && actor !== 'anonymous'
            ? await signInAs(actor)
            : clients.get(actor);
        const { status, text } = await call(client, app, method, path);
        // Revoking all sessions also ended the shared client's session: sign in again.
        if (endsSession.has(key) && actor !== 'anonymous')
          clients.set(actor, await signInAs(actor));
        checked++;
        const denied = status === 401 || status === 403 || status === 404;
        if (allowed && denied)
          failures.push(`${actor} ${label} ${method} ${path}: expected access, got ${status}`);
        if (!allowed && !denied)
          failures.push(`${actor} ${label} ${method} ${path}: expected 401/403/404, got ${status}`);
        if (!allowed && actor === 'anonymous' && status !== 401)
          failures.push(`anonymous ${method} ${path}: expected 401, got ${status}`);
        const leaked = theirIds.find((id) => text.includes(id));
        if (leaked)
          failures.push(
            `${actor} ${label} ${method} ${path}: the answer contains another clinic's id ${leaked}`,
          );
      };

      // The reviewer's only way into imaging: the de-identified copies of their case's study (checked
      // first: the loop below withdraws the case).
      for (const path of [
        '/api/imaging/studies/:studyId?variant=deidentified',
        '/api/imaging/files/:fileId?variant=deidentified',
        '/api/imaging/files/:fileId/frame?variant=deidentified',
      ]) {
        await expect('reviewer', 'GET', fillPath(path, mine, mine.patientId), true, 'own');
        await expect(
          'reviewer',
          'GET',
          fillPath(path, theirs, theirs.patientId),
          false,
          'other-clinic',
        );
      }
      for (const doc of allRouteDocs) {
        const method = doc.method.toUpperCase();
        const key = `${method} ${doc.path}`;
        const rule = rules[key];
        if (!rule) continue;
        const aboutPatient = doc.path.includes(':patientId');
        for (const actor of actors) {
          const allowedOwn =
            actor === 'reviewer'
              ? rule.allow.includes('reviewer') || rule.reviewerAssigned === true
              : rule.allow.includes(actor);
          await expect(actor, method, fillPath(doc.path, mine, mine.patientId), allowedOwn, 'own');
          if (aboutPatient) {
            // Another patient of the same clinic: not for a patient, not for an unassigned reviewer.
            const allowedOther =
              actor === 'patient' || actor === 'reviewer'
                ? rule.allow.includes(actor) && actor !== 'patient'
                : rule.allow.includes(actor);
            await expect(
              actor,
              method,
              fillPath(doc.path, mine, mine.otherPatientId),
              allowedOther,
              'other-patient',
            );
          }
          if (doc.path.includes(':') && !sameForEveryClinic.has(key)) {
            await expect(
              actor,
              method,
              fillPath(doc.path, theirs, theirs.patientId),
              false,
              'other-clinic',
            );
          }
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${checked} checks failed`);
      assert.ok(checked > 400, `checked ${checked}`);
    },
  );
});
