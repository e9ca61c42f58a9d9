/** What the intake screens send and read (see POST /api/public/:clinicSlug/requests in the OpenAPI document). */
import type { Source } from '@lamina/pathway';
import { ApiError, NetworkError, type ProblemField } from '../../lib/api.ts';

export const requestKinds = [
  'treatment',
  'imaging_review',
  'insurance',
  'info_kit',
  'callback',
] as const;
export type RequestKind = (typeof requestKinds)[number];
export type RequestStatus = 'new' | 'in_progress' | 'done' | 'closed';
export type InsuranceOutcome = 'verified' | 'not_covered' | 'needs_information';

export interface Created {
  requestId: string;
  token: string;
  statusPath: string;
  urgent: boolean;
  emergencyInstruction: {
    id: string;
    text: string;
    level: 'emergency' | 'urgent';
    sources: Source[];
  } | null;
  clinic: { name: string; phone: string | null; emergencyNumber: string };
}

type ShownStatement = { id: string; text: string; sources: Source[]; lang: 'en' | 'es' };

/** A free MRI/CT review result as the requester reads it, in the language of the request. */
export interface RequesterReview {
  language: 'en' | 'es';
  nextStep: 'consultation' | 'conservative_care' | 'nothing_needed';
  summary: string;
  reviewedBy: string;
  writtenAt: string;
  addenda: { text: string; at: string }[];
  notice: ShownStatement;
  meaning: ShownStatement;
  doNow: ShownStatement;
}

export interface PublicStatus {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  language: 'en' | 'es';
  createdAt: string;
  insuranceOutcome: { outcome: InsuranceOutcome; message: string; at: string } | null;
  infoKit: { region: string; procedure: string } | null;
  imagingReview: RequesterReview | null;
  clinic: { name: string; phone: string | null; emergencyNumber: string };
}

export interface OwnRequest {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  createdAt: string;
  insuranceOutcome: PublicStatus['insuranceOutcome'];
  infoKit: { region: string; procedure: string } | null;
  imagingReview: RequesterReview | null;
}

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
  return (await response.json()) as PublicStatus;
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

/** What a requester uploaded for their request (GET …/requests/:id/imaging). */
export interface RequestImaging {
  studies: {
    id: string;
    modality: string | null;
    bodyPart: string | null;
    studyDate: string | null;
    seriesCount: number;
    imageCount: number;
  }[];
  documents: { kind: 'pdf' | 'jpeg'; name: string; uploadedAt: string }[];
}

export const requestImagingUrl = (clinic: string, id: string) =>
  `/api/public/${encodeURIComponent(clinic)}/requests/${encodeURIComponent(id)}/imaging`;

export async function readRequestImaging(clinic: string, id: string, token: string) {
  const response = await withToken(requestImagingUrl(clinic, id), token);
  return (await response.json()) as RequestImaging;
}

export const tokenHeaders = (token: string) => ({ [tokenHeader]: token });
