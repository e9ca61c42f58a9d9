import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgliteMemoryParams, pgliteParsers } from './src/db/open.ts';
const mb = (n: number) => (n / 1e6).toFixed(0);
const hwm = () => /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]! ;
const show = (l: string) => { const m = process.memoryUsage(); console.log(l, `rss ${mb(m.rss)} hwm ${(Number(hwm())/1000).toFixed(0)} heapTotal ${mb(m.heapTotal)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)}`); };
show('start');
const opts: any = { parsers: pgliteParsers, startParams: [...PGlite.defaultStartParams, ...pgliteMemoryParams] };
if (process.env.INITMEM) opts.initialMemory = Number(process.env.INITMEM) * 1024 * 1024;
const pg = await PGlite.create('/tmp/pe/m1/data', opts);
show('pglite open');
await pg.query('select count(*) from checkins');
show('after query');

if (process.env.APP) { await import('./src/app.ts'); show('app imported'); }
if (process.env.BOSS) { const { fromPglite, PgBoss } = await import('pg-boss'); const b = new PgBoss({ db: fromPglite(pg), backend: 'pglite', schema: 'pgboss' } as any); await b.start(); show('boss started'); await new Promise(r => setTimeout(r, 3000)); show('boss 3s'); await b.stop({graceful: false} as any); }
await new Promise(r => setTimeout(r, 2000)); show('2s later');
await pg.close();
