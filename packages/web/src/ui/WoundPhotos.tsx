import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';

/** A wound photo as the API lists it (photos/routes.ts). */
export interface WoundPhoto {
  id: string;
  checkinId: string | null;
  messageId: string | null;
  width: number;
  height: number;
  uploadedAt: string;
}

/** The patient's wound photos (each read of the list is audited on the server). */
export function usePhotos(patientId: string): [WoundPhoto[], () => Promise<void>] {
  const [photos, setPhotos] = useState<WoundPhoto[]>([]);
  const load = useCallback(async () => {
    if (!patientId) return;
    try {
      setPhotos(
        (await api.get<{ photos: WoundPhoto[] }>(`/api/patients/${patientId}/photos`)).photos,
      );
    } catch {
      // No photos shown; the rest of the screen still works.
    }
  }, [patientId]);
  useEffect(() => {
    void load();
  }, [load]);
  return [photos, load];
}

/** Small pictures, each a link to the full photo (the server checks who may see it). */
export function PhotoThumbs({ photos, alt }: { photos: WoundPhoto[]; alt: string }) {
  if (photos.length === 0) return null;
  return (
    <span className="photo-thumbs">
      {photos.map((p) => (
        <a key={p.id} href={`/api/photos/${p.id}`} target="_blank" rel="noopener">
          <img
            src={`/api/photos/${p.id}`}
            alt={alt}
            width={96}
            height={Math.max(1, Math.round((96 * p.height) / p.width))}
            data-testid="wound-photo"
          />
        </a>
      ))}
    </span>
  );
}
