import { parentPort, workerData } from 'node:worker_threads';
import { Inflate } from 'fflate';
import type { UnzipJob, WorkerMessage } from './unzip.ts';
import { entryData, readZipDirectory, ZipFormatError } from './zip-format.ts';

/**
 * Runs in a worker thread (imaging/unzip.ts starts it): inflates a zip's entries one at a time with
 * a running byte budget, and hands each to the main thread, waiting for it to be stored before the
 * next is inflated. What counts is the bytes that come out of the inflater, not the sizes the zip
 * claims: an entry that inflates past what it declared is stopped there, within one chunk.
 */

const port = parentPort;
if (!port) throw new Error('unzip-worker.ts runs as a worker thread');
const job = workerData as UnzipJob;

let acknowledged: (() => void) | undefined;
port.on('message', (message: unknown) => {
  if (message === 'next') acknowledged?.();
});
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/** Entries a disc or an operating system adds that are not images: skipped silently. */
export function isClutter(path: string): boolean {
  const parts = path.split('/');
  const base = parts.at(-1) ?? '';
  return (
    path.endsWith('/') ||
    parts.includes('__MACOSX') ||
    base.startsWith('.') ||
    base.toUpperCase() === 'DICOMDIR' ||
    base === 'Thumbs.db'
  );
}

class Stop extends Error {
  readonly stop: Extract<WorkerMessage, { type: 'stop' }>['reason'];
  constructor(stop: Extract<WorkerMessage, { type: 'stop' }>['reason']) {
    super(stop);
    this.stop = stop;
  }
}

let inflatedTotal = 0;
/** The entry being inflated, named when the zip is stopped there. */
let current: string | undefined;

/** Inflates one entry into a buffer of its declared size; stops as soon as more comes out than that. */
function inflateEntry(data: Uint8Array, declared: number): Uint8Array | 'short' {
  const out = new Uint8Array(declared);
  let written = 0;
  let over = false;
  const inflater = new Inflate((part) => {
    if (over) return;
    inflatedTotal += part.byteLength;
    if (written + part.byteLength > declared) {
      over = true;
      return;
    }
    out.set(part, written);
    written += part.byteLength;
  });
  const chunk = job.chunkBytes;
  if (data.byteLength === 0) inflater.push(data, true);
  for (let at = 0; at < data.byteLength && !over; at += chunk)
    inflater.push(data.subarray(at, at + chunk), at + chunk >= data.byteLength);
  if (over) throw new Stop('lying');
  if (inflatedTotal > job.limits.zipUnpackedBytes) throw new Stop('unpacked');
  return written === declared ? out : 'short';
}

async function run(): Promise<void> {
  const bytes = job.bytes;
  const directory = readZipDirectory(bytes).filter((entry) => !isClutter(entry.name));
  if (directory.length > job.limits.zipEntries) throw new Stop('entries');
  // First what the zip claims (cheap, before anything is inflated), then what it really holds.
  let claimed = 0;
  for (const entry of directory)
    if (entry.declaredSize <= job.limits.fileBytes) claimed += entry.declaredSize;
  if (claimed > job.limits.zipUnpackedBytes) throw new Stop('unpacked');
  for (const entry of directory) {
    if (entry.declaredSize > job.limits.fileBytes) {
      send({ type: 'refused', name: entry.name, reason: 'file-too-large' });
      continue;
    }
    if (entry.encrypted) {
      send({ type: 'refused', name: entry.name, reason: 'encrypted' });
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      send({ type: 'refused', name: entry.name, reason: 'method' });
      continue;
    }
    current = entry.name;
    const data = entryData(bytes, entry);
    let inflated: Uint8Array | 'short';
    if (entry.method === 0) {
      if (data.byteLength > entry.declaredSize) throw new Stop('lying');
      inflatedTotal += data.byteLength;
      inflated = data.byteLength === entry.declaredSize ? data.slice() : 'short';
    } else inflated = inflateEntry(data, entry.declaredSize);
    if (inflated === 'short') {
      send({ type: 'refused', name: entry.name, reason: 'short' });
      continue;
    }
    const stored = new Promise<void>((resolve) => {
      acknowledged = resolve;
    });
    send({ type: 'entry', name: entry.name, bytes: inflated }, [inflated.buffer as ArrayBuffer]);
    // One entry at a time: memory holds the zip, this entry and the one being stored, no more.
    await stored;
    current = undefined;
  }
  send({ type: 'done', inflatedBytes: inflatedTotal });
}

run().then(
  () => port.close(),
  (error: unknown) => {
    const reason = error instanceof Stop ? error.stop : 'damaged';
    const detail = error instanceof ZipFormatError || error instanceof Stop ? error.message : '';
    send({
      type: 'stop',
      reason,
      detail,
      inflatedBytes: inflatedTotal,
      ...(current === undefined ? {} : { name: current }),
    });
    port.close();
  },
);
