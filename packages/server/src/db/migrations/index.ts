import type { Kysely } from 'kysely';
import * as coreSchema from './001-core-schema.ts';
import * as apiFeatures from './002-api-features.ts';
import * as liveAlerts from './003-live-alerts.ts';
import * as clinicContact from './004-clinic-contact.ts';
import * as inboxAssignment from './005-inbox-assignment.ts';
import * as imaging from './006-imaging.ts';
import * as intakeRequests from './007-intake-requests.ts';
import * as peerConnections from './008-peer-connections.ts';
import * as secondOpinions from './009-second-opinions.ts';
import * as requestImaging from './010-request-imaging.ts';
import * as secondOpinionImaging from './011-second-opinion-imaging.ts';
import * as authHardening from './012-auth-hardening.ts';
import * as uploadQuotas from './013-upload-quotas.ts';
import * as auditChain from './014-audit-chain.ts';
import * as imagingReviewResults from './015-imaging-review-results.ts';
import * as enrolment from './016-enrolment.ts';
import * as clinicSetup from './017-clinic-setup.ts';
import * as reminders from './018-reminders.ts';
import * as patientLastCheckin from './019-patient-last-checkin.ts';
import * as checkinToldLanguage from './020-checkin-told-language.ts';
import * as woundPhotos from './021-wound-photos.ts';
import * as exerciseLog from './022-exercise-log.ts';
import * as fhirSmart from './023-fhir-smart.ts';
import * as fhirExportJobs from './024-fhir-export-jobs.ts';
import * as checkinsInlineDecision from './025-checkins-inline-decision.ts';

/** Migrations write SQL for the schema of their day, so they must not depend on today's row types. */
// biome-ignore lint/suspicious/noExplicitAny: the Kysely-recommended type for migrations
export type MigrationDb = Kysely<any>;

export interface Migration {
  /** The file name without `.ts`, e.g. `001-core-schema`; recorded in schema_migrations. */
  readonly name: string;
  up(db: MigrationDb): Promise<void>;
}

/** Every migration, in order. A new one is a new file here and a new line below (a test checks both agree). */
export const migrations: readonly Migration[] = [
  { name: '001-core-schema', up: coreSchema.up },
  { name: '002-api-features', up: apiFeatures.up },
  { name: '003-live-alerts', up: liveAlerts.up },
  { name: '004-clinic-contact', up: clinicContact.up },
  { name: '005-inbox-assignment', up: inboxAssignment.up },
  { name: '006-imaging', up: imaging.up },
  { name: '007-intake-requests', up: intakeRequests.up },
  { name: '008-peer-connections', up: peerConnections.up },
  { name: '009-second-opinions', up: secondOpinions.up },
  { name: '010-request-imaging', up: requestImaging.up },
  { name: '011-second-opinion-imaging', up: secondOpinionImaging.up },
  { name: '012-auth-hardening', up: authHardening.up },
  { name: '013-upload-quotas', up: uploadQuotas.up },
  { name: '014-audit-chain', up: auditChain.up },
  { name: '015-imaging-review-results', up: imagingReviewResults.up },
  { name: '016-enrolment', up: enrolment.up },
  { name: '017-clinic-setup', up: clinicSetup.up },
  { name: '018-reminders', up: reminders.up },
  { name: '019-patient-last-checkin', up: patientLastCheckin.up },
  { name: '020-checkin-told-language', up: checkinToldLanguage.up },
  { name: '021-wound-photos', up: woundPhotos.up },
  { name: '022-exercise-log', up: exerciseLog.up },
  { name: '023-fhir-smart', up: fhirSmart.up },
  { name: '024-fhir-export-jobs', up: fhirExportJobs.up },
  { name: '025-checkins-inline-decision', up: checkinsInlineDecision.up },
];
