import type { RequestCreated } from '@lamina/contract';
import {
  findRedFlagWords,
  isClinicOpen,
  type RedFlagMatch,
  redFlagInstructionFor,
} from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { audit } from '../audit/audit.ts';
import { hashToken, newSecretToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { invalidField } from '../http/problem.ts';
import { publicLink } from '../http/public-url.ts';
import { queueEmail } from '../jobs/outbox.ts';
import { requestTokenDays } from './access.ts';
import { onCallEmail, receivedEmail } from './emails.ts';
import { parseStoredAnswers, summarizeAnswers } from './prefill.ts';
import type { Language, PatientRequest, VisitorRequest } from './schemas.ts';
import { type ClinicContact, insertRequest, onCallCareManager, readAssessment } from './store.ts';

/**
 * A new request, from a visitor or a signed-in patient, in named steps: prefill from a candidacy
 * check, urgency (red-flag words, never down-graded), after-hours routing, storing it with its audit
 * entry, and the emails. Each step is its own function so each can be read and tested alone.
 */

export type NewRequest = VisitorRequest | PatientRequest;

export interface Requester {
  patientId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface Prefill {
  region: NonNullable<NewRequest['region']> | null;
  symptoms: string | null;
  /** The candidacy check it came from ended on an emergency answer. */
  assessmentUrgent: boolean;
}

/** Region and symptoms from the form, filled in from the candidacy check the person came from. */
export async function prefill(
  db: Kysely<Database>,
  clinicId: string,
  input: NewRequest,
): Promise<Prefill> {
  let region = input.region ?? null;
  let summary: string | undefined;
  let assessmentUrgent = false;
  if (input.assessmentId) {
    const stored = await readAssessment(db, clinicId, input.assessmentId);
    if (!stored)
      throw invalidField(
        'assessmentId',
        'is not a candidacy check of this clinic',
        'That candidacy check was not found here.',
      );
    const answers = parseStoredAnswers(stored.answers);
    if (answers) {
      region ??= answers.region;
      summary = summarizeAnswers(answers);
    }
    assessmentUrgent = (stored.result as { category?: string } | null)?.category === 'urgent';
  }
  if (input.kind === 'info_kit') region = input.infoKit.region;
  const symptoms =
    [input.symptoms, summary && `From the candidacy check: ${summary}`]
      .filter((s): s is string => Boolean(s))
      .join('\n\n') || null;
  return { region, symptoms, assessmentUrgent };
}

export interface Urgency {
  redFlags: RedFlagMatch[];
  urgent: boolean;
  /** What to do now (call the emergency number), shown before anything else. */
  emergencyInstruction: ReturnType<typeof redFlagInstructionFor>;
}

/** Red-flag words in the person's own words, or a candidacy check that ended on an emergency answer. */
export function urgency(
  input: NewRequest,
  clinic: ClinicContact,
  assessmentUrgent: boolean,
): Urgency {
  // Only the person's own words are scanned; a check that ended on an emergency answer counts too.
  const ownWords = [
    input.symptoms,
    input.kind === 'callback' ? input.callback.description : undefined,
    input.kind === 'imaging_review' ? input.imagingNote : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const redFlags = findRedFlagWords(ownWords);
  const language: Language = input.language;
  const contact = { emergencyNumber: clinic.emergencyNumber, clinicPhone: clinic.phone };
  const emergencyInstruction =
    redFlagInstructionFor(redFlags, language, contact) ??
    (assessmentUrgent
      ? redFlagInstructionFor(
          [
            {
              id: 'candidacy-emergency',
              concern: '',
              level: 'emergency',
              matched: [],
              sources: [],
            },
          ],
          language,
          contact,
        )
      : undefined);
  return { redFlags, urgent: redFlags.length > 0 || assessmentUrgent, emergencyInstruction };
}

export type OnCall = Awaited<ReturnType<typeof onCallCareManager>>;

/** A call-back while the clinic is closed goes to the first care manager on call. */
export async function route(
  db: Kysely<Database>,
  clinic: ClinicContact,
  input: NewRequest,
  at: Date,
): Promise<{ afterHours: boolean; onCall: OnCall }> {
  if (input.kind !== 'callback') return { afterHours: false, onCall: undefined };
  const afterHours = !isClinicOpen(clinic.hours, clinic.timeZone, at);
  return { afterHours, onCall: afterHours ? await onCallCareManager(db, clinic.id) : undefined };
}

/** What the request keeps beyond the common columns, by kind. */
function kindDetails(input: NewRequest, afterHours: boolean): Record<string, unknown> {
  if (input.kind === 'insurance') return input.insurance;
  if (input.kind === 'callback') return { ...input.callback, afterHours };
  if (input.kind === 'info_kit') return { ...input.infoKit, language: input.language };
  if (input.kind === 'imaging_review' && input.imagingNote)
    return { imagingNote: input.imagingNote };
  return {};
}

export interface Stored {
  requestId: string;
  token: string;
  tokenExpiresAt: Date;
}

/** Who asked what, of which clinic: what every step of making a request starts from. */
interface Asked {
  clinic: ClinicContact;
  input: NewRequest;
  requester: Requester;
}

/** Inserts the request with its status token and audits it, in the caller's transaction. */
export async function store(
  c: AppContext,
  trx: Kysely<Database>,
  step: Asked & {
    filled: Prefill;
    urgency: Urgency;
    routing: { afterHours: boolean; onCall: OnCall };
    at: Date;
  },
): Promise<Stored> {
  const { clinic, input, requester, filled, routing, at } = step;
  const { redFlags, urgent } = step.urgency;
  const token = newSecretToken();
  const tokenExpiresAt = new Date(at.getTime() + requestTokenDays * 86_400_000);
  const assignedTo = routing.onCall?.id ?? null;
  const requestId = await insertRequest(trx, {
    clinicId: clinic.id,
    kind: input.kind,
    patientId: requester.patientId,
    name: requester.name,
    email: requester.email,
    phone: requester.phone,
    language: input.language,
    region: filled.region,
    symptoms: filled.symptoms,
    assessmentId: input.assessmentId ?? null,
    details: kindDetails(input, routing.afterHours),
    redFlags: redFlags.map(({ id: flag, concern, level, matched }) => ({
      id: flag,
      concern,
      level,
      matched,
    })),
    urgent,
    assignedTo,
    tokenHash: hashToken(token),
    tokenExpiresAt,
    at,
  });
  await audit(
    c,
    {
      clinicId: clinic.id,
      action: 'intake.create',
      subjectType: 'intake_request',
      subjectId: requestId,
      patientId: requester.patientId,
      details: { kind: input.kind, urgent, afterHours: routing.afterHours, assignedTo },
    },
    trx,
  );
  return { requestId, token, tokenExpiresAt };
}

/** Queues the "we received it" email to the requester and, after hours, the on-call email. */
export async function notify(
  c: AppContext,
  trx: Kysely<Database>,
  step: Asked & { stored: Stored; urgent: boolean; onCall: OnCall },
): Promise<void> {
  const { clinic, input, requester, stored, urgent, onCall } = step;
  const deps = c.get('deps');
  if (requester.email) {
    const mail = receivedEmail({
      language: input.language,
      kind: input.kind,
      clinicName: clinic.name,
      name: requester.name,
      statusLink: publicLink(
        deps,
        `/request-status/${stored.requestId}?clinic=${clinic.slug}#token=${stored.token}`,
      ),
    });
    await queueEmail(trx, {
      clinicId: clinic.id,
      to: requester.email,
      subject: mail.subject,
      body: mail.body,
      kind: input.kind === 'info_kit' ? 'intake_info_kit' : 'intake_received',
    });
  }
  if (onCall) {
    const mail = onCallEmail({
      clinicName: clinic.name,
      requesterName: requester.name,
      urgency: input.kind === 'callback' ? input.callback.urgency : '',
      urgent,
      consoleLink: publicLink(deps, `/console/requests?open=${stored.requestId}`),
    });
    await queueEmail(trx, {
      clinicId: clinic.id,
      to: onCall.email,
      subject: mail.subject,
      body: mail.body,
      kind: 'intake_on_call',
    });
  }
}

/** Shared by visitors and patients: prefill, urgency, routing, then store and notify in one transaction. */
export async function createRequest(
  c: AppContext,
  clinic: ClinicContact,
  input: NewRequest,
  requester: Requester,
) {
  const { db, now, devLog } = c.get('deps');
  const at = now();
  const filled = await prefill(db, clinic.id, input);
  const found = urgency(input, clinic, filled.assessmentUrgent);
  const routing = await route(db, clinic, input, at);
  const stored = await db.transaction().execute(async (trx) => {
    const saved = await store(c, trx, {
      clinic,
      input,
      requester,
      filled,
      urgency: found,
      routing,
      at,
    });
    await notify(c, trx, {
      clinic,
      input,
      requester,
      stored: saved,
      urgent: found.urgent,
      onCall: routing.onCall,
    });
    return saved;
  });
  const { requestId } = stored;
  if (routing.onCall)
    devLog?.(`[dev mail] to ${routing.onCall.email}: after-hours call-back ${requestId}`);
  return c.json(
    {
      requestId,
      token: stored.token,
      tokenExpiresAt: new Date(stored.tokenExpiresAt).toISOString(),
      statusPath: `/request-status/${requestId}?clinic=${clinic.slug}`,
      kind: input.kind,
      status: 'new',
      urgent: found.urgent,
      afterHours: routing.afterHours,
      /** Shown before anything else when present. */
      emergencyInstruction: found.emergencyInstruction ?? null,
      clinic: { name: clinic.name, phone: clinic.phone, emergencyNumber: clinic.emergencyNumber },
    } satisfies RequestCreated,
    201,
  );
}
