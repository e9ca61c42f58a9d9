import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl, resolveDatabaseConfig } from './config.ts';

test('the embedded database in ./.lamina/data is the default', () => {
  assert.deepEqual(resolveDatabaseConfig({}, {}, '/srv/lamina'), {
    engine: 'pglite',
    dataDir: '/srv/lamina/.lamina/data',
  });
});

test('LAMINA_DATA_DIR moves it; an option wins over the environment', () => {
  assert.deepEqual(resolveDatabaseConfig({ LAMINA_DATA_DIR: 'var/db' }, {}, '/srv'), {
    engine: 'pglite',
    dataDir: '/srv/var/db',
  });
  assert.deepEqual(
    resolveDatabaseConfig({ DATABASE_URL: 'postgres://h/db' }, { dataDir: '/data' }, '/srv'),
    { engine: 'pglite', dataDir: '/data' },
  );
});

test('DATABASE_URL selects PostgreSQL; blank values count as unset', () => {
  assert.deepEqual(
    resolveDatabaseConfig({ DATABASE_URL: 'postgresql://u@h:5432/db', LAMINA_DATA_DIR: ' ' }),
    {
      engine: 'postgres',
      url: 'postgresql://u@h:5432/db',
    },
  );
});

test('ambiguous or malformed settings are refused with a clear message', () => {
  assert.throws(
    () => resolveDatabaseConfig({ DATABASE_URL: 'postgres://h/db', LAMINA_DATA_DIR: '/d' }),
    /Both DATABASE_URL and LAMINA_DATA_DIR are set/,
  );
  assert.throws(
    () => resolveDatabaseConfig({ DATABASE_URL: 'localhost:5432' }),
    /must start with postgres:\/\//,
  );
  assert.throws(
    () => resolveDatabaseConfig({ DATABASE_URL: 'not a url' }),
    /DATABASE_URL is not a URL/,
  );
  assert.throws(() => resolveDatabaseConfig({}, { dataDir: '' }), /data directory is empty/);
});

test('printed URLs hide the password', () => {
  assert.equal(redactUrl('postgres://lamina:s3cret@db:5432/x'), 'postgres://lamina:***@db:5432/x');
});
