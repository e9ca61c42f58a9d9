import type { RecoveryPlan } from '@lamina/pathway';
import type { Me } from './api.ts';

/** What every signed-in patient screen gets from the app shell (App.tsx). */
export interface PatientContext {
  me: Me & { patientId: string };
  plan: RecoveryPlan;
  planSaved: boolean;
  offline: boolean;
}
