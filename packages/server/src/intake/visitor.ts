import type { AppContext } from '../http/context.ts';
import { pathId } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { authorizeRequestToken, requestTokenHeader } from './access.ts';
import { type ClinicContact, clinicContactBySlug, getRequest } from './store.ts';

/**
 * What a visitor without an account reaches: the clinic named in the path and the request their
 * token opens. Used by the intake routes and the imaging upload for a request, so neither feature
 * imports the other's routes.
 */

const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The clinic named by the `clinicSlug` path parameter (404 for a malformed or unknown slug). */
export async function clinicFromSlug(c: AppContext): Promise<ClinicContact> {
  const slug = (c.req.param('clinicSlug') ?? '').toLowerCase();
  const clinic = slugPattern.test(slug)
    ? await clinicContactBySlug(c.get('deps').db, slug)
    : undefined;
  if (!clinic) throw notFound(`A clinic called "${slug}"`);
  return clinic;
}

/** The request a visitor's token opens (404 for a wrong or expired token, another clinic or no such request). */
export async function tokenHolderRequest(c: AppContext) {
  const clinic = await clinicFromSlug(c);
  const requestId = pathId(c, 'requestId');
  const { db, now } = c.get('deps');
  const holder = await authorizeRequestToken(
    db,
    clinic.id,
    requestId,
    c.req.header(requestTokenHeader),
    now(),
  );
  // Wrong token, expired token and no such request look the same.
  if (!holder) throw notFound('This request');
  const row = await getRequest(db, clinic.id, requestId);
  if (!row) throw notFound('This request');
  return { clinic, row };
}
