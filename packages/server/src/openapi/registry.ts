import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppContext, AppEnv } from '../http/context.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

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
  /** The JSON answer on success (documented from this schema; the handler builds its type from it). */
  readonly response?: z.ZodType;
  readonly success?: {
    readonly status: number;
    readonly description: string;
    readonly contentType?: string;
  };
}

export interface RouteSpec extends RouteDoc {
  readonly handler: (c: AppContext) => Response | Promise<Response>;
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
      for (const spec of specs) routes.on(spec.method.toUpperCase(), spec.path, spec.handler);
      return routes;
    },
  };
}
