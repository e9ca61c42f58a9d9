import { z } from 'zod';
import { admin } from '../admin/routes.ts';
import { patientAlerts } from '../alerts/patient-alerts.ts';
import { alertQueue } from '../alerts/queue-routes.ts';
import { alerts } from '../alerts/routes.ts';
import { alertSettings } from '../alerts/settings-routes.ts';
import { alertStream } from '../alerts/stream.ts';
import { account } from '../auth/account-routes.ts';
import { auth } from '../auth/routes.ts';
import { candidacy } from '../candidacy/routes.ts';
import { checkins } from '../checkins/routes.ts';
import { clinics } from '../clinics/routes.ts';
import { exerciseLog } from '../exercises/routes.ts';
import { cdsHooks } from '../fhir/cds-hooks.ts';
import { fhirExport } from '../fhir/export-routes.ts';
import { fhir } from '../fhir/routes.ts';
import { smart } from '../fhir/smart-routes.ts';
import type { AppContext } from '../http/context.ts';
import { requestImaging } from '../imaging/request-routes.ts';
import { imaging } from '../imaging/routes.ts';
import { intake } from '../intake/routes.ts';
import { messages } from '../messages/routes.ts';
import { outcomes } from '../outcomes/routes.ts';
import { enrolment } from '../patients/enrol-routes.ts';
import { planPdf } from '../patients/plan-pdf.ts';
import { patients } from '../patients/routes.ts';
import { peers } from '../peers/routes.ts';
import { photoRoutes } from '../photos/routes.ts';
import { proms } from '../proms/routes.ts';
import { reminders } from '../reminders/routes.ts';
import { secondOpinions } from '../second-opinion/routes.ts';
import { openApiDocument } from './document.ts';
import { documentedRoutes, type RouteDoc } from './registry.ts';

const selfDoc: RouteDoc = {
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document',
  access: 'anyone',
  response: z
    .looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) })
    .meta({ title: 'OpenApiDocument' }),
  audit: 'none',
};

/** Every documented route; a feature added to app.ts must add its docs here (openapi.test.ts checks). */
export const allRouteDocs: readonly RouteDoc[] = [
  ...auth.docs,
  ...patients.docs,
  ...checkins.docs,
  ...patientAlerts.docs,
  ...alertStream.docs,
  ...alertSettings.docs,
  ...alerts.docs,
  ...outcomes.docs,
  ...account.docs,
  ...messages.docs,
  ...proms.docs,
  ...candidacy.docs,
  ...admin.docs,
  ...imaging.docs,
  ...alertQueue.docs,
  ...photoRoutes.docs,
  ...peers.docs,
  ...intake.docs,
  ...requestImaging.docs,
  ...secondOpinions.docs,
  ...enrolment.docs,
  ...clinics.docs,
  ...reminders.docs,
  ...exerciseLog.docs,
  ...planPdf.docs,
  ...fhir.docs,
  ...fhirExport.docs,
  ...smart.docs,
  ...cdsHooks.docs,
  selfDoc,
];

let document: ReturnType<typeof openApiDocument> | undefined;

export const openapi = documentedRoutes([
  {
    ...selfDoc,
    handler: (c: AppContext) => {
      // Built once per process from static data: nothing another process would need.
      document ??= openApiDocument(allRouteDocs);
      return c.json(document);
    },
  },
]);
