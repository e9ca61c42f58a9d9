import { type IsoDate, localDate } from '@lamina/pathway';
import type { AppContext } from './context.ts';

/** Today's date at the clinic (its time zone, the server's clock): what plans and triage count from. */
export async function clinicToday(c: AppContext, clinicId: string): Promise<IsoDate> {
  const { db, now } = c.get('deps');
  const clinic = await db
    .selectFrom('clinics')
    .select('timezone')
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return localDate(clinic.timezone, now());
}
