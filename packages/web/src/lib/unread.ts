import type { MessageThread } from '@lamina/contract';
import { useEffect, useSyncExternalStore } from 'react';
import { api } from './api.ts';

/**
 * Unread messages from the care team (issue 17): one small store, read by Today's task list and the
 * Messages badge in the bottom bar. Refreshed when a screen opens; never fatal when offline.
 */
let unread = 0;
const listeners = new Set<() => void>();
const set = (n: number) => {
  unread = n;
  for (const l of listeners) l();
};

/** `_reason`: what asked for the refresh (a new screen), so a hook can refresh on each one. */
export async function refreshUnread(patientId: string, _reason?: string): Promise<void> {
  try {
    const r = await api.get<MessageThread>(`/api/patients/${patientId}/messages`);
    set(Number(r.unread) || 0);
  } catch {
    // Offline or signed out: keep what we knew.
  }
}

export function useUnread(patientId: string | null, refreshKey?: string): number {
  useEffect(() => {
    if (patientId) void refreshUnread(patientId, refreshKey);
  }, [patientId, refreshKey]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
  );
}
