import type { CheckinInput, TriageDecision } from '@lamina/pathway';
import { ApiError, api, NetworkError } from './api.ts';

/**
 * Check-ins waiting on this device. A check-in is written here before the first attempt to send
 * it, and leaves only when the server has stored it, so a lost connection or a closed tab never
 * loses it. The idempotency key makes a resend after an unclear failure safe.
 */
export interface PendingCheckin {
  idempotencyKey: string;
  patientId: string;
  filledAt: string;
  checkin: CheckinInput;
  /** The language the result was shown in (the console shows the care team those words). */
  lang?: 'en' | 'es';
  /** Set when the server refused it (not a network problem): shown to the patient, kept. */
  refused?: string;
}

export interface SubmitResult {
  checkinId: string;
  stored: boolean;
  replayed: boolean;
  decision: TriageDecision;
  alert: { id: string; deadlineAt: string | null } | null;
}

const storageKey = 'lamina.outbox.v1';
const listeners = new Set<() => void>();
let cache: PendingCheckin[] | undefined;

export function pending(): readonly PendingCheckin[] {
  if (!cache) {
    try {
      cache = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as PendingCheckin[];
    } catch {
      cache = [];
    }
  }
  return cache;
}

function write(next: PendingCheckin[]) {
  cache = next;
  localStorage.setItem(storageKey, JSON.stringify(next));
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
}

export function enqueue(item: PendingCheckin) {
  write([...pending().filter((p) => p.idempotencyKey !== item.idempotencyKey), item]);
}

export function discard(idempotencyKey: string) {
  write(pending().filter((p) => p.idempotencyKey !== idempotencyKey));
}

async function send(item: PendingCheckin): Promise<SubmitResult> {
  return api.post<SubmitResult>(`/api/patients/${item.patientId}/checkins`, {
    idempotencyKey: item.idempotencyKey,
    filledAt: item.filledAt,
    ...(item.lang ? { lang: item.lang } : {}),
    checkin: item.checkin,
  });
}

/** Sends one check-in now; it stays in the outbox unless the server stored it. */
export async function sendOne(item: PendingCheckin): Promise<SubmitResult> {
  try {
    const result = await send(item);
    discard(item.idempotencyKey);
    return result;
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401 && error.status < 500) {
      write(
        pending().map((p) =>
          p.idempotencyKey === item.idempotencyKey ? { ...p, refused: error.message } : p,
        ),
      );
    }
    throw error;
  }
}

let flushing: Promise<SubmitResult[]> | undefined;

/** Sends everything waiting, oldest first; stops at the first network failure. */
export function flush(): Promise<SubmitResult[]> {
  flushing ??= (async () => {
    const sent: SubmitResult[] = [];
    try {
      for (const item of [...pending()]) {
        if (item.refused) continue;
        try {
          sent.push(await sendOne(item));
        } catch (error) {
          if (error instanceof NetworkError) break;
          if (error instanceof ApiError && error.status === 401) break;
        }
      }
    } finally {
      flushing = undefined;
    }
    return sent;
  })();
  return flushing;
}
