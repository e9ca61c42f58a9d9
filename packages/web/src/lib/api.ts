/** The API client: JSON in and out, errors as RFC 9457 problem details. Same origin, cookie session. */
import type { MeDto } from '@lamina/contract';

export interface ProblemField {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly fields: readonly ProblemField[];
  /** On a 429: seconds until the server takes the request again. */
  readonly retryAfterSeconds: number | undefined;
  /** A 409 "already enrolled" names the patient who is (issue 15). */
  readonly existingPatientId: string | undefined;
  constructor(
    status: number,
    message: string,
    fields: readonly ProblemField[] = [],
    retryAfterSeconds?: number,
    existingPatientId?: string,
  ) {
    super(message);
    this.status = status;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
    this.existingPatientId = existingPatientId;
  }
}

/** The request never reached the server (offline, or the server is down): safe to retry later. */
export class NetworkError extends Error {}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as {
      detail?: string;
      title?: string;
      errors?: ProblemField[];
      retryAfterSeconds?: number;
      existingPatientId?: string;
    };
    const retryAfter = Number(problem.retryAfterSeconds ?? response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      problem.detail ?? problem.title ?? response.statusText,
      problem.errors ?? [],
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      problem.existingPatientId,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};

/**
 * Who is signed in (GET /api/auth/me, @lamina/contract). A copy saved by an older version may lack
 * the newer fields, so those are optional here.
 */
export type Me = Omit<MeDto, 'clinic' | 'mfaSetupRequired' | 'totpEnabled'> &
  Partial<Pick<MeDto, 'clinic' | 'mfaSetupRequired' | 'totpEnabled'>>;
