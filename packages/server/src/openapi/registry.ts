import { Hono } from 'hono';
import type { z } from 'zod';
import { auditedActions } from '../audit/audit.ts';
import type { AppContext, AppEnv } from '../http/context.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * What a route writes to the audit log (decision 019/025): the action(s) its handler records with
 * `audit(c, event)` when it succeeds. `'none'` for a route that reads or changes nothing that is
 * audited (sign-in bookkeeping, the clinic's public page, this document). `optional` for a route that
 * audits only sometimes, saying when in `when` (e.g. a card read covered by its event stream's row).
 */
export type RouteAudit =
  | 'none'
  | {
      readonly actions: readonly string[];
      /** Set when a successful call may write none of them: say when. */
      readonly when?: string;
    };

/** What the OpenAPI document says about one route. */
export interface RouteDoc {
  readonly method: HttpMethod;
  /** The full path as Hono writes it: '/api/patients/:patientId/messages'. */
  readonly path: string;
  readonly summary: string;
  /** Who may call it, in words; the access policy (auth/access.ts) is what enforces it. */
  readonly access: string;
  /** The JSON body, parsed with this same schema by the handler. */
  readonly body?: z.ZodType;
  /** Query parameters, parsed with this same schema by the handler. */
  readonly query?: z.ZodObject;
  /**
   * The JSON answer on success: a camelCase DTO schema from @lamina/contract (the web app types
   * its fetches with the same schema). `null` when the answer is not JSON (an event stream, a file,
   * CSV, 204). In tests every JSON answer is checked against it (`checkContract`).
   */
  readonly response?: z.ZodType | null;
  /** The audit rows a successful call writes (checked in tests, like `response`). */
  readonly audit?: RouteAudit;
  readonly success?: {
    readonly status: number;
    readonly description: string;
    readonly contentType?: string;
  };
}

/**
 * The callers many routes have (`RouteDoc.access`), named once so the document says them in the
 * same words everywhere.
 */
export const callers = {
  anyone: 'anyone',
  admins: 'admins (their own clinic)',
  /** Care managers, clinicians and admins. */
  staff: 'care managers, clinicians and admins (their own clinic)',
  /** Care managers and admins: those who run the care, not the clinicians. */
  careTeam: 'care managers and admins (their own clinic)',
} as const;

export interface RouteSpec extends RouteDoc {
  readonly handler: (c: AppContext) => Response | Promise<Response>;
}

/** The problem a contract check reports: a 500 in tests, naming the route and what differs. */
export class ContractError extends Error {}

/**
 * Tests only (AppDeps.checkContract): the answer matches the route's response schema, and the
 * audit rows written are the ones the route declares — so a handler cannot answer a stray
 * snake_case row, forget its audit row or write an undeclared one without a test failing.
 */
async function checkContract(spec: RouteSpec, c: AppContext, response: Response): Promise<void> {
  if (!response.ok) return;
  const route = `${spec.method.toUpperCase()} ${spec.path}`;
  const type = response.headers.get('content-type') ?? '';
  if (spec.response && /^application\/(fhir\+)?json/.test(type)) {
    const parsed = spec.response.safeParse(await response.clone().json());
    if (!parsed.success)
      throw new ContractError(
        `${route} answered outside its response schema: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}`,
      );
  }
  if (spec.audit === undefined) return;
  const written = auditedActions(c);
  const declared = spec.audit === 'none' ? [] : spec.audit.actions;
  const stray = written.filter((action) => !declared.includes(action));
  if (stray.length > 0)
    throw new ContractError(`${route} audited ${stray.join(', ')}, which it does not declare`);
  if (spec.audit !== 'none' && !spec.audit.when && written.length === 0)
    throw new ContractError(`${route} declares audit ${declared.join(', ')} but wrote none`);
}

/**
 * A feature's routes declared once: the same list registers the handlers and documents them,
 * so the OpenAPI document cannot drift from what the server answers.
 */
export function documentedRoutes(specs: readonly RouteSpec[]) {
  return {
    docs: specs.map(({ handler: _handler, ...doc }): RouteDoc => doc),
    /** Mount with `app.route('/', feature.routes())`: the paths are already full. */
    routes(): Hono<AppEnv> {
      const routes = new Hono<AppEnv>();
      for (const spec of specs)
        routes.on(spec.method.toUpperCase(), spec.path, async (c) => {
          const response = await spec.handler(c);
          if (!c.get('deps').checkContract) return response;
          try {
            await checkContract(spec, c, response);
          } catch (error) {
            if (!(error instanceof ContractError)) throw error;
            const problem = { title: 'Contract broken', status: 500, detail: error.message };
            return c.json({ type: 'https://lamina.dev/problems/contract', ...problem }, 500);
          }
          return response;
        });
      return routes;
    },
  };
}
