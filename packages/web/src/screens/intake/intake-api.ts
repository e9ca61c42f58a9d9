/** What the intake screens send and read (see POST /api/public/:clinicSlug/requests in the OpenAPI document). */
import type { PublicRequestStatus, RequesterImaging } from '@lamina/contract';
import { ApiError, NetworkError, type ProblemField } from '../../lib/api.ts';

// The answer types and word lists are the server's own (@lamina/contract): a changed answer
// breaks this build, not the screen.
export type {
  OwnRequest,
  PublicRequestStatus as PublicStatus,
  RequestCreated as Created,
  RequesterImaging as RequestImaging,
  RequesterReview,
} from '@lamina/contract';
export {
  type InsuranceOutcome,
  type RequestKind,
  type RequestStatus,
  requestKinds,
} from '@lamina/contract/words';

/** The status token travels in this header, never in a URL the server would log. */
const tokenHeader = 'x-request-token';

async function withToken(path: string, token: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { [tokenHeader]: token }, credentials: 'omit' });
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      detail?: string;
      errors?: ProblemField[];
    };
    throw new ApiError(response.status, problem.detail ?? response.statusText, problem.errors);
  }
  return response;
}

export async function readStatus(clinic: string, id: string, token: string) {
  const response = await withToken(
    `/api/public/${encodeURIComponent(clinic)}/requests/${encodeURIComponent(id)}`,
    token,
  );
  return (await response.json()) as PublicRequestStatus;
}

export async function downloadKit(clinic: string, id: string, token: string): Promise<Blob> {
  const response = await withToken(
    `/api/public/${encodeURIComponent(clinic)}/requests/${encodeURIComponent(id)}/info-kit.pdf`,
    token,
  );
  return response.blob();
}

/** Saves a blob as a file through a temporary link (works for the PDF kit on phones and desktops). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const requestImagingUrl = (clinic: string, id: string) =>
  `/api/public/${encodeURIComponent(clinic)}/requests/${encodeURIComponent(id)}/imaging`;

export async function readRequestImaging(clinic: string, id: string, token: string) {
  const response = await withToken(requestImagingUrl(clinic, id), token);
  return (await response.json()) as RequesterImaging;
}

export const tokenHeaders = (token: string) => ({ [tokenHeader]: token });
