import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Zips made by hand for the zip-bomb tests: the same deflated block can be repeated under many
 * names (so a 1 GB bomb is built in well under a second), and the sizes a zip declares can lie.
 */
export interface HandZipEntry {
  readonly name: string;
  /** The deflated (or, for method 0, stored) bytes. */
  readonly data: Uint8Array;
  readonly crc: number;
  /** What the data really unpacks to. */
  readonly size: number;
  /** What the zip says it unpacks to; defaults to the truth. */
  readonly declaredSize?: number;
  readonly method?: 0 | 8;
}

/** `size` bytes of zeros (or `fill`), deflated at the best ratio: about 1/1000 of the size. */
export function deflatedZeros(size: number, fill = 0): Omit<HandZipEntry, 'name'> {
  const raw = Buffer.alloc(size, fill);
  return { data: deflateRawSync(raw, { level: 9 }), crc: crc32(raw), size };
}

export function deflated(bytes: Uint8Array): Omit<HandZipEntry, 'name'> {
  return { data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.byteLength };
}

export function handZip(entries: readonly HandZipEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? entry.size;
    const method = entry.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.byteLength, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.byteLength, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(entry.data));
    directory.push(central, name);
    offset += 30 + name.length + entry.data.byteLength;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directoryBytes, end]));
}

/** Samples the event loop and the process's memory while `work` runs. */
export async function watchProcess<T>(work: () => Promise<T>): Promise<{
  result: T;
  /** The longest the event loop went without running a 10 ms timer, in ms. */
  longestBlockMs: number;
  /** Peak resident memory above what it was at the start, in MB. */
  peakRssMb: number;
}> {
  const start = process.memoryUsage().rss;
  let peak = start;
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await work();
    return {
      result,
      longestBlockMs: Math.round(Math.max(longest, performance.now() - last)),
      peakRssMb: Math.round((Math.max(peak, process.memoryUsage().rss) - start) / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}
