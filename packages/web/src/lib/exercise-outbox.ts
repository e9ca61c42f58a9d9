import { allExerciseIds } from '@lamina/pathway';
import { ApiError, api, NetworkError } from './api.ts';
import { newKey } from './outbox.ts';

/**
 * The exercise log's sends waiting on this phone (issue 17), like the check-in outbox: a day's
 * list is written here first and leaves only when the server stored it; the idempotency key makes
 * a resend after an unclear failure safe. A newer list for the same day replaces a waiting one.
 * The phone also keeps the days it knows (sent or not) to show them offline.
 */
export interface PendingExerciseDay {
  idempotencyKey: string;
  patientId: string;
  day: string;
  done: string[];
  /** Set when the server refused it (not a network problem): kept, not resent. */
  refused?: string;
}

export type ExerciseDays = Record<string, string[]>;

const outboxKey = 'lamina.exerciseOutbox.v1';
const daysKey = 'lamina.exerciseLog.v2';

function read<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the send below still tries.
  }
}

export function waitingExerciseDays(): PendingExerciseDay[] {
  return read<PendingExerciseDay[]>(outboxKey, []);
}

/** The days this phone knows for a patient: the server's, then what waits to be sent on top. */
export function knownDays(patientId: string): ExerciseDays {
  const days = { ...read<Record<string, ExerciseDays>>(daysKey, {})[patientId] };
  for (const item of waitingExerciseDays())
    if (item.patientId === patientId) days[item.day] = item.done;
  return days;
}

function remember(patientId: string, days: ExerciseDays) {
  const all = read<Record<string, ExerciseDays>>(daysKey, {});
  write(daysKey, { ...all, [patientId]: { ...all[patientId], ...days } });
}

/** Records a day's list on the phone and queues its send (replacing a waiting one for that day). */
export function logDay(patientId: string, day: string, done: string[]) {
  const others = waitingExerciseDays().filter((p) => !(p.patientId === patientId && p.day === day));
  write(outboxKey, [...others, { idempotencyKey: newKey(), patientId, day, done }]);
  remember(patientId, { [day]: done });
}

/**
 * Days ticked before the log was kept on the server (this phone's `lamina.exerciseLog.v1`) are
 * queued once, so the care team sees them too (the server refuses days older than 60 days).
 */
export function queueOldLog(patientId: string, today: string) {
  const old = read<Record<string, { done?: string[] }> | null>('lamina.exerciseLog.v1', null);
  if (!old) return;
  const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - 59 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const known = knownDays(patientId);
  for (const [day, entry] of Object.entries(old)) {
    const done = (entry.done ?? []).filter((id) => allExerciseIds.includes(id));
    if (/^\d{4}-\d{2}-\d{2}$/.test(day) && day >= oldest && day <= today && !known[day])
      if (done.length > 0) logDay(patientId, day, done);
  }
  try {
    localStorage.removeItem('lamina.exerciseLog.v1');
  } catch {
    // Blocked storage: nothing was read either.
  }
}

/** The server's log (what the care team sees), kept on the phone for offline reading. */
export async function loadDays(patientId: string): Promise<ExerciseDays> {
  const answer = await api.get<{ days: { day: string; done: string[] }[] }>(
    `/api/patients/${patientId}/exercise-log`,
  );
  remember(patientId, Object.fromEntries(answer.days.map((d) => [d.day, d.done])));
  return knownDays(patientId);
}

let flushing: Promise<number> | undefined;

/** Sends everything waiting, oldest first; stops at the first network failure. Returns how many were stored. */
export function flushExerciseDays(): Promise<number> {
  // `.finally` runs after the assignment, even when nothing waits and the send ends at once.
  flushing ??= sendWaiting().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function sendWaiting(): Promise<number> {
  let stored = 0;
  for (const item of waitingExerciseDays()) {
    if (item.refused) continue;
    try {
      await api.post(`/api/patients/${item.patientId}/exercise-log`, {
        idempotencyKey: item.idempotencyKey,
        day: item.day,
        done: item.done,
      });
      write(
        outboxKey,
        waitingExerciseDays().filter((p) => p.idempotencyKey !== item.idempotencyKey),
      );
      stored += 1;
    } catch (error) {
      if (error instanceof NetworkError) break;
      if (error instanceof ApiError && (error.status === 401 || error.status >= 500)) break;
      if (error instanceof ApiError)
        write(
          outboxKey,
          waitingExerciseDays().map((p) =>
            p.idempotencyKey === item.idempotencyKey ? { ...p, refused: error.message } : p,
          ),
        );
    }
  }
  return stored;
}
