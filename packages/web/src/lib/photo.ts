import { api } from './api.ts';

/** What the server accepts (photos/routes.ts photoLimits). */
export const photoMaxBytes = 4 * 1024 * 1024;
/** The longest side after re-encoding: enough to see a wound, small enough for a slow phone link. */
const maxSide = 1600;

export type PreparedPhoto = { blob: Blob; url: string };
export type PhotoProblem = 'cannot-open' | 'too-big';

async function decode(file: Blob): Promise<CanvasImageSource & { width: number; height: number }> {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file);
    } catch {
      // Fall through to an <img>, which some browsers decode more formats with (HEIC on Safari).
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A photo ready to send: decoded by the browser (JPEG, PNG, and HEIC where the browser can), drawn
 * on a canvas at most `maxSide` pixels and saved again as JPEG. Drawing on a canvas keeps only the
 * pixels: Exif (with any GPS location), XMP and comments are not carried over. The server removes
 * any that remain all the same.
 */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto | PhotoProblem> {
  let image: Awaited<ReturnType<typeof decode>>;
  try {
    image = await decode(file);
  } catch {
    return 'cannot-open';
  }
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  const context = canvas.getContext('2d');
  if (!context) return 'cannot-open';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.85),
  );
  if (!blob) return 'cannot-open';
  if (blob.size > photoMaxBytes) return 'too-big';
  return { blob, url: URL.createObjectURL(blob) };
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends a prepared photo, attached to a check-in or a message the patient sent. */
export async function uploadPhoto(
  patientId: string,
  target: { checkinId: string } | { messageId: string },
  blob: Blob,
): Promise<void> {
  await api.post(`/api/patients/${patientId}/photos`, {
    ...target,
    contentType: 'image/jpeg',
    data: await base64(blob),
  });
}
