import type { PgBoss } from 'pg-boss';
import type { LaminaDatabase } from '../db/open.ts';
import { startBoss } from '../jobs/boss.ts';
import { deliverQueuedPush } from './deliver-push.ts';
import { runReminders } from './run.ts';

const queue = 'reminders';

/**
 * The reminder job (pg-boss, in the same database on both engines, so the schedule survives a
 * restart): every 10 minutes it computes what is due now in each patient's zone and queues it,
 * then delivers queued push messages. Sending once is the database's job (reminder_sends' unique
 * key), not the queue's: two servers, a retry or a manual run can never send a reminder twice.
 */
export class ReminderJobs {
  private readonly boss: PgBoss;
  private readonly database: LaminaDatabase;
  private readonly now: () => Date;
  private readonly pushSubject: string;
  private readonly log: (line: string) => void;
  /** Set after construction: where reminder links point (LAMINA_PUBLIC_URL). */
  publicUrl: (() => URL) | undefined;

  private constructor(
    boss: PgBoss,
    database: LaminaDatabase,
    now: () => Date,
    pushSubject: string,
    log: (line: string) => void,
  ) {
    this.boss = boss;
    this.database = database;
    this.now = now;
    this.pushSubject = pushSubject;
    this.log = log;
  }

  static async start(
    database: LaminaDatabase,
    options: {
      now?: () => Date;
      log?: (line: string) => void;
      pollingSeconds?: number;
      /** VAPID contact (LAMINA_PUSH_SUBJECT). */
      pushSubject?: string;
      /** LAMINA_PUBLIC_URL: reminder links start with it (a function: known once the server listens). */
      publicUrl?: () => URL;
    } = {},
  ) {
    const log = options.log ?? ((line: string) => console.warn(line));
    const boss = await startBoss(database, log);
    await boss.createQueue(queue);
    const jobs = new ReminderJobs(
      boss,
      database,
      options.now ?? (() => new Date()),
      options.pushSubject ?? 'mailto:no-reply@localhost',
      log,
    );
    jobs.publicUrl = options.publicUrl;
    await boss.work(queue, { pollingIntervalSeconds: options.pollingSeconds ?? 2 }, async () => {
      await jobs.runOnce();
    });
    await boss.schedule(queue, '*/10 * * * *');
    return jobs;
  }

  /** One pass: queue what is due, then deliver push. Safe to run anywhere, any number of times. */
  async runOnce() {
    const now = this.now();
    const url = this.publicUrl?.();
    const queued = await runReminders(this.database.db, now, url ? { publicUrl: url } : {});
    const push = await deliverQueuedPush(this.database.db, now, { subject: this.pushSubject });
    if (queued.queued > 0 || push.failed > 0)
      this.log(`reminders: ${queued.queued} queued, push ${push.sent} sent, ${push.failed} failed`);
    return { ...queued, push };
  }

  /** Asks for a pass now (through the queue, so it runs on whichever server is free). */
  async trigger() {
    await this.boss.send(queue, {});
  }

  async stop() {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
