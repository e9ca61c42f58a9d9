/**
 * The central directory of a zip (APPNOTE 6.3.10 §4.3.12–4.3.16, with ZIP64 §4.3.14–4.3.15 and the
 * extra field 0x0001 §4.5.3), read without inflating anything. The sizes found here are what the
 * zip *claims*; whoever inflates must count what actually comes out (see unzip-worker.ts).
 */

export interface ZipDirectoryEntry {
  readonly name: string;
  /** Bit 0 of the general purpose flags: the entry is encrypted. */
  readonly encrypted: boolean;
  /** 0 stored, 8 deflate; anything else is not opened. */
  readonly method: number;
  readonly compressedSize: number;
  /** The unpacked size the zip claims. Attacker-controlled: never trusted for memory or time. */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const signatures = {
  endOfDirectory: 0x06054b50,
  zip64Locator: 0x07064b50,
  zip64EndOfDirectory: 0x06064b50,
  directoryEntry: 0x02014b50,
  localHeader: 0x04034b50,
} as const;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('size out of range');
  return Number(value);
}

/** The entries of a zip held in memory, in directory order. Throws ZipFormatError for a damaged directory. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const inside = (at: number, length: number) => {
    if (at < 0 || length < 0 || at + length > bytes.byteLength)
      throw new ZipFormatError('the zip directory points outside the file');
  };
  // The end record sits in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 65_535); at--) {
    if (u32(at) === signatures.endOfDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no zip directory at the end of the file');
  let count = u16(end + 10);
  let directorySize = u32(end + 12);
  let directoryOffset = u32(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== signatures.zip64Locator)
      throw new ZipFormatError('a ZIP64 directory without its locator');
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    inside(record, 56);
    if (u32(record) !== signatures.zip64EndOfDirectory)
      throw new ZipFormatError('a ZIP64 locator pointing at no ZIP64 directory');
    count = safeNumber(view.getBigUint64(record + 32, true));
    directorySize = safeNumber(view.getBigUint64(record + 40, true));
    directoryOffset = safeNumber(view.getBigUint64(record + 48, true));
  }
  inside(directoryOffset, directorySize);
  const entries: ZipDirectoryEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    inside(at, 46);
    if (u32(at) !== signatures.directoryEntry) throw new ZipFormatError('a damaged zip directory');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localHeaderOffset = u32(at + 42);
    inside(at + 46, nameLength + extraLength + commentLength);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // ZIP64: the 32-bit fields at 0xffffffff are in extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(extra);
      const size = u16(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const next = () => {
          if (field + 8 > extra + 4 + size) throw new ZipFormatError('a short ZIP64 field');
          const value = safeNumber(view.getBigUint64(field, true));
          field += 8;
          return value;
        };
        if (declaredSize === 0xffffffff) declaredSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      extra += 4 + size;
    }
    entries.push({
      name,
      encrypted: (flags & 1) === 1,
      method,
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of one entry (after its local header), checked to lie inside the file. */
export function entryData(bytes: Uint8Array, entry: ZipDirectoryEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== signatures.localHeader)
    throw new ZipFormatError('an entry without its local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength)
    throw new ZipFormatError('an entry longer than the file');
  return bytes.subarray(start, start + entry.compressedSize);
}
