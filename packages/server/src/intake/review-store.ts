import { randomUUID } from 'node:crypto';
import type { RequesterReview, StaffReview } from '@lamina/contract';
import {
  type ImagingReviewNextStep,
  type ImagingReviewResult,
  imagingReviewTexts,
} from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Language } from './schemas.ts';

/** All SQL about free MRI/CT review results and their addenda (migration 015, decision 015). */

/**
 * Stores the result once. Undefined when the request already has one: the primary key
 * (clinic_id, request_id) decides, so two clinicians writing at the same moment cannot both win.
 */
export async function insertReviewResult(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    requestId: string;
    authorId: string;
    result: ImagingReviewResult;
    at: Date;
  },
) {
  return db
    .insertInto('imaging_review_results')
    .values({
      clinic_id: input.clinicId,
      request_id: input.requestId,
      author_id: input.authorId,
      next_step: input.result.nextStep,
      summary: input.result.summary,
      created_at: input.at,
    })
    .onConflict((conflict) => conflict.columns(['clinic_id', 'request_id']).doNothing())
    .returning('request_id')
    .executeTakeFirst();
}

/** Appends a correction; undefined when the request has no result yet (an addendum corrects one). */
export async function insertReviewAddendum(
  db: Kysely<Database>,
  input: { clinicId: string; requestId: string; authorId: string; text: string; at: Date },
) {
  const result = await db
    .selectFrom('imaging_review_results')
    .select('request_id')
    .where('clinic_id', '=', input.clinicId)
    .where('request_id', '=', input.requestId)
    .executeTakeFirst();
  if (!result) return undefined;
  const id = randomUUID();
  await db
    .insertInto('imaging_review_addenda')
    .values({
      clinic_id: input.clinicId,
      id,
      request_id: input.requestId,
      author_id: input.authorId,
      body: input.text,
      created_at: input.at,
    })
    .execute();
  return id;
}

export interface StoredReview {
  requestId: string;
  nextStep: ImagingReviewNextStep;
  summary: string;
  author: { id: string; name: string };
  createdAt: Date;
  addenda: { id: string; text: string; at: Date; author: { id: string; name: string } }[];
}

/** The results (with their addenda) of these requests, by request id. */
export async function readReviews(
  db: Kysely<Database>,
  clinicId: string,
  requestIds: readonly string[],
): Promise<Map<string, StoredReview>> {
  const found = new Map<string, StoredReview>();
  if (requestIds.length === 0) return found;
  const results = await db
    .selectFrom('imaging_review_results as r')
    .innerJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'r.clinic_id').onRef('u.id', '=', 'r.author_id'),
    )
    .select(['r.request_id', 'r.next_step', 'r.summary', 'r.created_at', 'r.author_id'])
    .select('u.display_name')
    .where('r.clinic_id', '=', clinicId)
    .where('r.request_id', 'in', requestIds)
    .execute();
  for (const row of results)
    found.set(row.request_id, {
      requestId: row.request_id,
      nextStep: row.next_step,
      summary: row.summary,
      author: { id: row.author_id, name: row.display_name },
      createdAt: row.created_at,
      addenda: [],
    });
  if (found.size === 0) return found;
  const addenda = await db
    .selectFrom('imaging_review_addenda as a')
    .innerJoin('users as u', (join) =>
      join.onRef('u.clinic_id', '=', 'a.clinic_id').onRef('u.id', '=', 'a.author_id'),
    )
    .select(['a.id', 'a.request_id', 'a.body', 'a.created_at', 'a.author_id'])
    .select('u.display_name')
    .where('a.clinic_id', '=', clinicId)
    .where('a.request_id', 'in', [...found.keys()])
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  for (const row of addenda)
    found.get(row.request_id)?.addenda.push({
      id: row.id,
      text: row.body,
      at: row.created_at,
      author: { id: row.author_id, name: row.display_name },
    });
  return found;
}

export async function readReview(db: Kysely<Database>, clinicId: string, requestId: string) {
  return (await readReviews(db, clinicId, [requestId])).get(requestId);
}

/** What staff see: the clinician's words, who wrote them, and the fixed texts the requester gets. */
export function staffReviewView(review: StoredReview, language: Language): StaffReview {
  return {
    nextStep: review.nextStep,
    summary: review.summary,
    author: review.author,
    writtenAt: new Date(review.createdAt).toISOString(),
    addenda: review.addenda.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    shownToRequester: imagingReviewTexts(review.nextStep, language),
  };
}

/**
 * What the requester sees (status page, patient app), in the language of their request: the
 * clinician's words as written, the "not a diagnosis" notice and what the next step means.
 */
export function requesterReviewView(review: StoredReview, language: Language): RequesterReview {
  return {
    language,
    nextStep: review.nextStep,
    summary: review.summary,
    reviewedBy: review.author.name,
    writtenAt: new Date(review.createdAt).toISOString(),
    addenda: review.addenda.map((a) => ({ text: a.text, at: new Date(a.at).toISOString() })),
    ...imagingReviewTexts(review.nextStep, language),
  };
}

/**
 * The requester's status link keeps working for `days` after the result (only the token's hash is
 * stored, so the email cannot carry a new link; the one from their first email must still open).
 */
export async function keepStatusLinkOpen(
  db: Kysely<Database>,
  clinicId: string,
  requestId: string,
  until: Date,
) {
  await db
    .updateTable('intake_requests')
    .set({ token_expires_at: sql<Date>`greatest(token_expires_at, ${until})` })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', requestId)
    .execute();
}
