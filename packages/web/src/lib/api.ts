/** The API client: JSON in and out, errors as RFC 9457 problem details. Same origin, cookie session. */

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

export interface Me {
  userId: string;
  clinicId: string;
  role: string;
  email: string;
  displayName: string;
  patientId: string | null;
  /** Staff whose role must use an authenticator app and who have none yet: only its setup is open. */
  mfaSetupRequired?: boolean;
  /** How to reach the clinic and emergency services (absent in a copy saved by an older version). */
  clinic?: { name: string; slug: string; phone: string | null; emergencyNumber: string };
}
