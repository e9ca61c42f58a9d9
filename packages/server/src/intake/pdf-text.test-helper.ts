import { inflateSync } from 'node:zlib';

/** The text drawn on the pages: pdf-lib writes WinAnsi hex strings inside deflated content streams. */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const decoder = new TextDecoder('windows-1252');
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (fonts and metadata are not text)
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      shown.push(decoder.decode(Buffer.from(hex[1] ?? '', 'hex')));
  }
  return shown.join(' ').replace(/\s+/g, ' ');
}
