import type { RecoveryPlan } from '@lamina/pathway';
import { ApiError, api, type Me, NetworkError } from './api.ts';

/** The signed-in patient and their plan, kept on the device so the plan can be read offline. */
const meKey = 'lamina.me';
const planKey = 'lamina.plan';

function read<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function keep(key: string, value: unknown) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage: the app still works online.
  }
}

/** null: not signed in. Offline, the last known session is used (the server checks it again later). */
export async function loadMe(): Promise<{ me: Me | null; offline: boolean }> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    keep(meKey, me);
    return { me, offline: false };
  } catch (error) {
    if (error instanceof NetworkError) return { me: read<Me>(meKey) ?? null, offline: true };
    if (error instanceof ApiError && error.status === 401) {
      keep(meKey, undefined);
      return { me: null, offline: false };
    }
    throw error;
  }
}

export interface PlanState {
  plan: RecoveryPlan;
  /** True when this is the copy saved on the device, because the server could not be reached. */
  saved: boolean;
}

export async function loadPlan(patientId: string): Promise<PlanState> {
  try {
    const plan = await api.get<RecoveryPlan>(`/api/patients/${patientId}/plan`);
    keep(planKey, { patientId, plan });
    return { plan, saved: false };
  } catch (error) {
    const saved = read<{ patientId: string; plan: RecoveryPlan }>(planKey);
    if (error instanceof NetworkError && saved?.patientId === patientId)
      return { plan: saved.plan, saved: true };
    throw error;
  }
}

/** The service worker's cache of API answers (sw.js `data`): plans opened on this device. */
export const dataCacheName = 'lamina-data';

/**
 * Forgets what this device kept for the person signing out: the saved session and plan, and the
 * service worker's cached API answers (a staff member's console also leaves plans there). Queued
 * check-ins stay: they are sent when their patient signs in again, never lost.
 */
export async function forgetDeviceData() {
  keep(meKey, undefined);
  keep(planKey, undefined);
  try {
    navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
    if ('caches' in globalThis) await caches.delete(dataCacheName);
  } catch {
    // No cache storage (private mode, old browser): nothing was kept there.
  }
}

export async function signOut() {
  try {
    await api.post('/api/auth/sign-out');
  } finally {
    await forgetDeviceData();
  }
}
