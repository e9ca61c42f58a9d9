import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = process.env.MEMDIR ?? mkdtempSync(join(tmpdir(), 'mem-'));
process.env.LAMINA_DATA_DIR = join(dir, 'data');
process.env.DATABASE_URL = '';
process.env.LAMINA_LOG_LEVEL = 'warn';
const { runCli } = await import('./src/cli/main.ts');
const { processIo } = await import('./src/cli/io.ts');
for (const t of [1000, 2000, 3000, 5000, 8000]) setTimeout(() => { const m = process.memoryUsage(); console.error('t', t, 'rss', (m.rss/1e6).toFixed(0), 'ext', (m.external/1e6).toFixed(0), 'ab', (m.arrayBuffers/1e6).toFixed(0), 'heap', (m.heapTotal/1e6).toFixed(0)); }, t);
setTimeout(() => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => (n / 1e6).toFixed(0);
  console.error(`MEM rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
  process.kill(process.pid, 'SIGTERM');
}, Number(process.env.MEMWAIT ?? 5000));
await runCli(['serve', '--demo', '--port', '0'], processIo());
