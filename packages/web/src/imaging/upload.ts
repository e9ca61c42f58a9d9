import type { StudySummary, UploadResultDto } from '@lamina/contract';

/** Raw file uploads with progress (XHR: fetch cannot report upload progress). */

/** A study as the server lists it (a patient's, an intake request's) and as an upload answers it. */
export type StoredStudy = StudySummary;
export type UploadAnswer = UploadResultDto;

export type UploadOutcome =
  | { ok: true; answer: UploadAnswer }
  | { ok: false; status: number; reason: string; refused: { name: string; reason: string }[] };

/** The type the server is told; the server decides by the bytes, this only says what was meant. */
export function contentTypeFor(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.jpg') || name.endsWith('.jpeg')) return 'image/jpeg';
  if (name.endsWith('.dcm') || name.endsWith('.dicom')) return 'application/dicom';
  return 'application/octet-stream';
}

export function uploadFile(
  url: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
  /** Extra headers, e.g. a visitor's request token. */
  headers: Record<string, string> = {},
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentTypeFor(file));
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, reason: '', refused: [] });
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // A proxy's HTML error page: the status still says what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ ok: true, answer: body as unknown as UploadAnswer });
        return;
      }
      const errors = (body.errors as { field: string; message: string }[] | undefined) ?? [];
      resolve({
        ok: false,
        status: xhr.status,
        reason: String(body.detail ?? body.title ?? xhr.statusText),
        refused: errors.map((e) => ({ name: e.field, reason: e.message })),
      });
    };
    xhr.send(file);
  });
}
