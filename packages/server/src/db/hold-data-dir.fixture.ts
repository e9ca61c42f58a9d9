// Test helper run as a separate process. Holds an embedded data directory until its stdin closes:
//   node hold-data-dir.fixture.ts DATA_DIR            opens the database (and writes a row)
//   node hold-data-dir.fixture.ts DATA_DIR lock-only  says "waiting", then takes only the lock on a line of stdin
// Prints "ready <pid>" once it holds the directory, or "refused <message>" and exits 3.
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';
import { openDatabase } from './open.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: hold-data-dir.fixture.ts DATA_DIR [lock-only]');
let close: () => Promise<void>;
try {
  if (mode === 'lock-only') {
    // Wait for "go" on stdin so that several holders try at the same moment.
    process.stdout.write('waiting\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    const lock = acquireDataDirLock(dataDir);
    close = async () => lock.release();
  } else {
    const database = await openDatabase({ engine: 'pglite', dataDir });
    await database.db
      .insertInto('clinics')
      .values({ slug: `holder-${process.pid}`, name: 'Holder' })
      .execute();
    close = () => database.close();
  }
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  process.stdout.write(`refused ${error.message}\n`);
  process.exit(3);
}
process.stdout.write(`ready ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await close();
  process.exit(0);
});
