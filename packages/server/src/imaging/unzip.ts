import { Worker } from 'node:worker_threads';

/**
 * Opening a study zip without freezing the server or filling its memory (issue 12, decision 011).
 * The zip is inflated in a worker thread (unzip-worker.ts), never on the event loop; entries come
 * out one at a time and the next is inflated only when the caller asks for it, so memory holds the
 * zip plus about two entries (≤ 2 × 50 MB), whatever the zip claims. At most `inflateSlots.max`
 * zips are inflated at once in this process; a few more wait; beyond that the server says it is busy.
 */

export interface ZipLimits {
  /** Most bytes one file may have, declared and actual. */
  readonly fileBytes: number;
  /** Most files a zip may hold (clutter not counted). */
  readonly zipEntries: number;
  /** Most bytes all entries may unpack to, declared and actual. */
  readonly zipUnpackedBytes: number;
}

export interface UnzipJob {
  readonly bytes: Uint8Array;
  readonly limits: ZipLimits;
  /** Compressed bytes pushed to the inflater at a time: at most ~1032× this comes out per push. */
  readonly chunkBytes: number;
}

export type WorkerMessage =
  | { type: 'entry'; name: string; bytes: Uint8Array }
  | {
      type: 'refused';
      name: string;
      reason: 'file-too-large' | 'encrypted' | 'method' | 'short';
    }
  | {
      type: 'stop';
      reason: 'entries' | 'unpacked' | 'lying' | 'damaged';
      detail: string;
      inflatedBytes: number;
      /** The entry it was stopped at, if any. */
      name?: string;
    }
  | { type: 'done'; inflatedBytes: number };

export type ZipItem =
  | { type: 'entry'; name: string; bytes: Uint8Array }
  | Extract<WorkerMessage, { type: 'refused' }>;

/**
 * The zip was stopped: before anything was inflated (too many files, claims too much), or at an
 * entry (`entry`) that inflates past what it declares or is damaged. `inflatedBytes` is what had
 * come out by then.
 */
export class ZipStopped extends Error {
  readonly reason: Extract<WorkerMessage, { type: 'stop' }>['reason'];
  readonly inflatedBytes: number;
  readonly entry: string | undefined;
  constructor(stop: Extract<WorkerMessage, { type: 'stop' }>) {
    super(`zip refused (${stop.reason}): ${stop.detail}`);
    this.reason = stop.reason;
    this.inflatedBytes = stop.inflatedBytes;
    this.entry = stop.name;
  }
}

/** Too many zips are being opened right now: try again shortly (503). */
export class InflateBusy extends Error {}

/** Per process: inflating protects this process's memory and CPU, so the count is this process's. */
export const inflateSlots = {
  /** Zips inflated at once: each uses one core and up to ~100 MB besides its own bytes. */
  max: 2,
  /** Zips that may wait for a slot; more are told to come back (their bodies are already in memory). */
  maxWaiting: 8,
  active: 0,
  /** The most that were active at once since the last reset (tests read it). */
  peak: 0,
  waiting: [] as (() => void)[],
};

async function acquireSlot(): Promise<void> {
  if (inflateSlots.active < inflateSlots.max) {
    inflateSlots.active++;
    inflateSlots.peak = Math.max(inflateSlots.peak, inflateSlots.active);
    return;
  }
  if (inflateSlots.waiting.length >= inflateSlots.maxWaiting) throw new InflateBusy();
  // The releasing zip hands its slot over: `active` stays the same.
  await new Promise<void>((resolve) => inflateSlots.waiting.push(resolve));
}

function releaseSlot(): void {
  const next = inflateSlots.waiting.shift();
  if (next) next();
  else inflateSlots.active--;
}

const workerUrl = new URL('./unzip-worker.ts', import.meta.url);

/**
 * The entries of a zip, inflated in a worker, one at a time. Stops with ZipStopped when the zip is
 * refused as a whole (too many files, unpacks past the limit, an entry unpacking past what it
 * declares, damaged). `transfer`: the caller gives up `bytes` (moved to the worker, not copied).
 */
export async function* unzipEntries(
  bytes: Uint8Array,
  limits: ZipLimits,
  options: { transfer?: boolean; chunkBytes?: number } = {},
): AsyncGenerator<ZipItem> {
  await acquireSlot();
  let worker: Worker | undefined;
  try {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const own =
      options.transfer && whole && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
    const job: UnzipJob = { bytes: own, limits, chunkBytes: options.chunkBytes ?? 4 * 1024 };
    const started = new Worker(workerUrl, {
      workerData: job,
      transferList: [own.buffer as ArrayBuffer],
    });
    worker = started;
    const queue: WorkerMessage[] = [];
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    let exited = false;
    const poke = () => {
      wake?.();
      wake = undefined;
    };
    started.on('message', (message: WorkerMessage) => {
      queue.push(message);
      poke();
    });
    started.on('error', (error) => {
      failure = error;
      poke();
    });
    started.on('exit', () => {
      exited = true;
      poke();
    });
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        if (exited) throw new Error('The unzip worker stopped without an answer.');
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (message.type === 'done') return;
      if (message.type === 'stop') throw new ZipStopped(message);
      yield message;
      if (message.type === 'entry') started.postMessage('next');
    }
  } finally {
    await worker?.terminate();
    releaseSlot();
  }
}
