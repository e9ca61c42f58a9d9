import type { PgBoss } from 'pg-boss';
import type { LaminaDatabase } from '../db/open.ts';
import { startBoss } from '../jobs/boss.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import {
  defaultExportLimits,
  type ExportLimits,
  markExportFailed,
  runExportJob,
} from './export.ts';

const queue = 'fhir-export';
/** Where a job goes when every try failed: its worker marks the export failed. */
const gaveUp = 'fhir-export-failed';

interface ExportJob {
  clinicId: string;
  exportId: string;
}

export interface ExportJobOptions {
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
  /** How often an idle worker looks for a job (pg-boss: at least 0.5). */
  readonly pollingSeconds?: number;
  readonly limits?: ExportLimits;
  /** Seconds without a heartbeat before a job counts as lost and is retried (at least 10). */
  readonly heartbeatSeconds?: number;
}

/**
 * Bulk Data exports in the job queue (pg-boss, same database, both engines). Every server process
 * works the queue, so an export runs on whichever is free; a running job sends heartbeats, and a job
 * whose process stopped (no heartbeat for a minute) is run again from the start, up to three tries,
 * then marked failed. The export's state lives in its `fhir_exports` row, never in a process.
 */
export class ExportJobs {
  private readonly boss: PgBoss;

  private constructor(boss: PgBoss) {
    this.boss = boss;
  }

  static async start(database: LaminaDatabase, files: BlobStore, options: ExportJobOptions = {}) {
    const log = options.log ?? ((line: string) => console.warn(line));
    const now = options.now ?? (() => new Date());
    const boss = await startBoss(database, log);
    await boss.createQueue(gaveUp);
    await boss.createQueue(queue, {
      retryLimit: 2,
      retryDelay: 5,
      heartbeatSeconds: options.heartbeatSeconds ?? 60,
      expireInSeconds: 6 * 3600,
      deadLetter: gaveUp,
    });
    const polling = { pollingIntervalSeconds: options.pollingSeconds ?? 2 };
    await boss.work<ExportJob>(queue, polling, async ([job]) => {
      if (!job) return;
      const { status } = await runExportJob(
        database.db,
        files,
        job.data,
        now,
        options.limits ?? defaultExportLimits,
      );
      log(`export ${job.data.exportId}: ${status}`);
    });
    await boss.work<ExportJob>(gaveUp, polling, async ([job]) => {
      if (!job) return;
      await markExportFailed(database.db, job.data, now());
      log(`export ${job.data.exportId}: failed after every try`);
    });
    return new ExportJobs(boss);
  }

  /** Queues an export (its row is already stored). */
  async enqueue(clinicId: string, exportId: string): Promise<void> {
    await this.boss.send(queue, { clinicId, exportId } satisfies ExportJob);
  }

  async stop() {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
