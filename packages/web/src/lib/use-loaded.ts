import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';

/**
 * What a screen reads from the API when it opens (again when `path` changes, or on `reload`):
 * `data` is null until the first answer, `failed` tells that the last read did not work (the
 * screen says so in its own words); `setData` keeps a change the screen made itself.
 */
export function useLoaded<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      setData(await api.get<T>(path));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, setData, failed, reload };
}
