import { z } from 'zod';
import type { LaminaDatabase } from '../db/open.ts';

/** What the alerts trigger announces (migration 003) on the `lamina_alerts` channel. */
export const alertEventSchema = z.object({
  clinicId: z.string(),
  alertId: z.string(),
  patientId: z.string(),
  level: z.string(),
  status: z.string(),
  offTrack: z.boolean(),
  escalationStep: z.number(),
  op: z.enum(['insert', 'update']),
});
export type AlertEvent = z.output<typeof alertEventSchema>;

type Listener = (event: AlertEvent) => void;

/**
 * One LISTEN per server process, fanned out to the event streams open on it. The database carries
 * the events between processes; this only knows which of its own connections want which clinic.
 */
export class AlertFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stop: (() => Promise<void>) | undefined;

  static async start(database: LaminaDatabase): Promise<AlertFeed> {
    const feed = new AlertFeed();
    feed.stop = await database.listen('lamina_alerts', (payload) => feed.dispatch(payload));
    return feed;
  }

  subscribe(clinicId: string, listener: Listener): () => void {
    let set = this.listeners.get(clinicId);
    if (!set) {
      set = new Set();
      this.listeners.set(clinicId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(clinicId);
    };
  }

  private dispatch(payload: string): void {
    let event: AlertEvent;
    try {
      event = alertEventSchema.parse(JSON.parse(payload));
    } catch {
      return; // not ours
    }
    for (const listener of this.listeners.get(event.clinicId) ?? []) listener(event);
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.listeners.clear();
  }
}
