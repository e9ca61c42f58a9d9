import type { PgBoss } from 'pg-boss';
import type { LaminaDatabase } from '../db/open.ts';
import { startBoss } from '../jobs/boss.ts';
import { escalateOverdueAlerts } from './escalation.ts';

const queue = 'alert-escalation';

/**
 * The escalation job queue (pg-boss, in the same database on both engines, so it survives
 * restarts): one job at each alert's deadline, plus a sweep every minute that catches anything a
 * crash between storing an alert and scheduling its job would otherwise miss.
 */
export class EscalationJobs {
  private readonly boss: PgBoss;
  private readonly database: LaminaDatabase;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  private constructor(
    boss: PgBoss,
    database: LaminaDatabase,
    now: () => Date,
    log: (line: string) => void,
  ) {
    this.boss = boss;
    this.database = database;
    this.now = now;
    this.log = log;
  }

  static async start(
    database: LaminaDatabase,
    options: { now?: () => Date; log?: (line: string) => void; pollingSeconds?: number } = {},
  ) {
    const log = options.log ?? ((line: string) => console.warn(line));
    const boss = await startBoss(database, log);
    await boss.createQueue(queue);
    const jobs = new EscalationJobs(boss, database, options.now ?? (() => new Date()), log);
    await boss.work(queue, { pollingIntervalSeconds: options.pollingSeconds ?? 1 }, async () => {
      await jobs.runOnce();
    });
    await boss.schedule(queue, '* * * * *');
    return jobs;
  }

  /** Escalates what is due now and schedules each escalated alert's next deadline. */
  async runOnce() {
    const escalated = await escalateOverdueAlerts(this.database.db, this.now());
    for (const e of escalated) {
      this.log(`alert ${e.alertId} escalated to on-call #${e.step}`);
      await this.scheduleCheck(e.alertId, e.nextDeadline);
    }
    return escalated;
  }

  /** Runs the escalation check when this alert's deadline passes (called after the alert is stored). */
  async scheduleCheck(alertId: string, at: Date): Promise<void> {
    await this.boss.sendAfter(
      queue,
      { alertId },
      { singletonKey: `${alertId}:${at.toISOString()}` },
      at,
    );
  }

  async stop() {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
