import {
  candidacyAnswerDto,
  type Lead,
  leadAssignAnswerDto,
  leadListDto,
  leadStatusAnswerDto,
} from '@lamina/contract';
import { assessCandidacy, candidacyAnswersSchema } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { assigneeSchema, requireAssignee } from '../admin/staff.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/schema.ts';
import { contactFields, reachable } from '../http/contact.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson } from '../http/context.ts';
import { authorizeClinic } from '../http/guard.ts';
import { notFound } from '../http/problem.ts';
import { readQuery } from '../http/query.ts';
import { limitVisitor } from '../http/rate-limit.ts';
import { callers, documentedRoutes } from '../openapi/registry.ts';
import {
  assignLead,
  clinicBySlug,
  listLeads,
  setLeadStatus,
  storeAssessment,
  storeLead,
} from './store.ts';

/** Anonymous checks allowed per visitor address and clinic in the window. */
export const candidacyLimit = { submissions: 10, windowMinutes: 60 } as const;

const leadStatuses = ['new', 'contacted', 'closed'] as const;

export const contactSchema = reachable(
  z.strictObject({
    ...contactFields,
    consent: z.literal(true, { error: 'tick the box to let the clinic contact you' }),
  }),
);

export const candidacySubmissionSchema = z.strictObject({
  answers: candidacyAnswersSchema,
  /** Left only when the person wants the clinic to contact them. */
  contact: contactSchema.optional(),
});
export const leadQuerySchema = z.strictObject({ status: z.enum(leadStatuses).optional() });
export const leadStatusSchema = z.strictObject({ status: z.enum(leadStatuses) });

const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

async function submit(c: AppContext) {
  const slug = (c.req.param('clinicSlug') ?? '').toLowerCase();
  const { db, now } = c.get('deps');
  const clinic = slugPattern.test(slug) ? await clinicBySlug(db, slug) : undefined;
  if (!clinic) throw notFound(`A clinic called "${slug}"`);
  await limitVisitor(
    c,
    {
      clinicId: clinic.id,
      bucket: 'candidacy',
      max: candidacyLimit.submissions,
      windowMinutes: candidacyLimit.windowMinutes,
    },
    `Too many checks from here in a short time. Please wait ${candidacyLimit.windowMinutes} minutes, then try again.`,
  );
  const at = now();
  const input = await readJson(c, candidacySubmissionSchema);
  const result = assessCandidacy(input.answers);
  const stored = await db.transaction().execute(async (trx) => {
    const assessmentId = await storeAssessment(trx, {
      clinicId: clinic.id,
      answers: input.answers,
      result,
      at,
    });
    await audit(
      c,
      {
        clinicId: clinic.id,
        actor: null,
        action: 'candidacy.assess',
        subjectType: 'candidacy_assessment',
        subjectId: assessmentId,
        details: { category: result.category },
      },
      trx,
    );
    let leadId: string | null = null;
    if (input.contact) {
      leadId = await storeLead(trx, {
        clinicId: clinic.id,
        assessmentId,
        name: input.contact.name,
        email: input.contact.email ?? null,
        phone: input.contact.phone ?? null,
        at,
      });
      await audit(
        c,
        {
          clinicId: clinic.id,
          actor: null,
          action: 'lead.create',
          subjectType: 'candidacy_lead',
          subjectId: leadId,
        },
        trx,
      );
    }
    return { assessmentId, leadId };
  });
  return c.json(
    { ...stored, clinic: clinic.name, contactSaved: stored.leadId !== null, result },
    201,
  );
}

async function leads(c: AppContext) {
  const actor = authorizeClinic(c, 'read-leads');
  const { status } = readQuery(c, leadQuerySchema);
  const { db } = c.get('deps');
  const rows = await listLeads(db, actor.clinicId, status);
  await audit(c, {
    action: 'lead.list',
    subjectType: 'candidacy_lead',
    details: { count: rows.length, status: status ?? null },
  });
  return c.json({
    leads: rows.map(
      (row): Lead => ({
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        status: row.status as Lead['status'],
        createdAt: new Date(row.created_at).toISOString(),
        assessmentId: row.assessment_id,
        category: row.category ?? null,
        region: row.region ?? null,
        assignee: row.assignee,
      }),
    ),
  });
}

/** Existence first, input second: another clinic's lead is simply not found. */
async function requireLead(c: AppContext, clinicId: string, leadId: string) {
  const lead = await c
    .get('deps')
    .db.selectFrom('candidacy_leads')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', leadId)
    .executeTakeFirst();
  if (!lead) throw notFound('This lead');
}

/**
 * Changes a lead and audits its before and after in one transaction; `change` answers the value
 * before (undefined: the lead is gone, a 404).
 */
async function changeLead<T>(
  c: AppContext,
  leadId: string,
  action: string,
  after: T,
  change: (trx: Kysely<Database>) => Promise<T | undefined>,
) {
  const before = await c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const previous = await change(trx);
      if (previous !== undefined)
        await audit(
          c,
          {
            action,
            subjectType: 'candidacy_lead',
            subjectId: leadId,
            details: { before: previous, after },
          },
          trx,
        );
      return previous;
    });
  if (before === undefined) throw notFound('This lead');
}

async function updateStatus(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-leads');
  const leadId = pathId(c, 'leadId');
  await requireLead(c, actor.clinicId, leadId);
  const { status } = await readJson(c, leadStatusSchema);
  await changeLead(c, leadId, 'lead.status', status, (trx) =>
    setLeadStatus(trx, actor.clinicId, leadId, status),
  );
  return c.json({ leadId, status });
}

async function assign(c: AppContext) {
  const actor = authorizeClinic(c, 'manage-leads');
  const leadId = pathId(c, 'leadId');
  const { db } = c.get('deps');
  await requireLead(c, actor.clinicId, leadId);
  const { userId } = await readJson(c, assigneeSchema);
  const assignee = await requireAssignee(db, actor.clinicId, userId);
  await changeLead(c, leadId, 'lead.assign', userId, (trx) =>
    assignLead(trx, actor.clinicId, leadId, userId),
  );
  return c.json({ leadId, assignee });
}

export const candidacy = documentedRoutes([
  {
    method: 'post',
    path: '/api/public/:clinicSlug/candidacy',
    summary:
      'Check whether decompression surgery may fit (never a diagnosis); with contact details and consent the clinic gets a lead. Rate limited per visitor',
    access: 'anyone, no account needed',
    body: candidacySubmissionSchema,
    success: { status: 201, description: 'Assessed and stored.' },
    response: candidacyAnswerDto,
    audit: { actions: ['candidacy.assess', 'lead.create'] },
    handler: submit,
  },
  {
    method: 'get',
    path: '/api/leads',
    summary:
      'People who left contact details after a candidacy check, newest first, with whom each is assigned to',
    access: callers.careTeam,
    query: leadQuerySchema,
    response: leadListDto,
    audit: { actions: ['lead.list'] },
    handler: leads,
  },
  {
    method: 'post',
    path: '/api/leads/:leadId/status',
    summary: "Set a lead's status (new, contacted, closed)",
    access: callers.careTeam,
    body: leadStatusSchema,
    response: leadStatusAnswerDto,
    audit: { actions: ['lead.status'] },
    handler: updateStatus,
  },
  {
    method: 'post',
    path: '/api/leads/:leadId/assign',
    summary:
      'Assign a lead to an active care manager, clinician or admin of the clinic ({"userId": null}: nobody)',
    access: callers.careTeam,
    body: assigneeSchema,
    response: leadAssignAnswerDto,
    audit: { actions: ['lead.assign'] },
    handler: assign,
  },
]);
