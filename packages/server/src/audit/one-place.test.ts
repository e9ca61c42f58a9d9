import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertSameEntries } from '../lists.test-helper.ts';
import { awaitingResponseSchema } from '../openapi/contract-progress.test-helper.ts';
import { openApiPath } from '../openapi/document.ts';
import { allRouteDocs } from '../openapi/routes.ts';

/**
 * Audit in one place (decisions 019 and 025): a handler audits only through `audit(c, event)`,
 * and every route declares in the registry which actions it writes (`audit: { actions }` or
 * 'none'), which the registry checks on every answer in the feature tests (checkContract).
 * `recordAudit(db, entry)` is for code without a request: jobs, the CLI.
 */
const serverRoot = fileURLToPath(new URL('..', import.meta.url));

/** Request-handling files that still call recordAudit by hand: the list only shrinks. */
const awaitingAuditHelper = new Set<string>([]);

/**
 * Where recordAudit stays (decision 019): code without a request (a job, the CLI) or below the
 * handlers (audit() itself, the refusal middleware). A request without a session but with a person
 * proved by a code or password (sign-in, a password reset, an accepted invitation) names that
 * person as the actor in audit(c, event); a visitor's token writes `actor: null`.
 */
const withoutRequest = new Set<string>([
  'audit/audit.ts', // audit() itself
  'audit/denied.ts', // the middleware that audits refused requests
  'alerts/escalation.ts', // a job
  'clinics/create.ts', // the CLI's clinic creation
  'patients/import.ts', // the CLI's CSV import (a request passes audit(c, …) instead)
]);

test('handlers audit through audit(c, event), never recordAudit by hand', () => {
  const files = globSync('**/*.ts', { cwd: serverRoot })
    .filter((path) => !/\.(test|bench)\.ts$|\.test-helper\.ts$/.test(path))
    .filter((path) => readFileSync(join(serverRoot, path), 'utf8').includes('recordAudit('));
  const byHand = files.filter((path) => !withoutRequest.has(path));
  assertSameEntries(
    byHand,
    awaitingAuditHelper,
    'use audit(c, event) (audit/audit.ts) and declare the action on the route',
    'converted: remove it from awaitingAuditHelper',
  );
});

test('every route on the contract declares what it audits', () => {
  const onContract = allRouteDocs.filter(
    (doc) => !awaitingResponseSchema.has(`${doc.method} ${openApiPath(doc.path)}`),
  );
  assert.ok(onContract.length > 0);
  assert.deepEqual(
    onContract.filter((doc) => doc.audit === undefined).map((doc) => `${doc.method} ${doc.path}`),
    [],
    "declare audit: { actions: [...] } or 'none'",
  );
  for (const doc of onContract)
    if (doc.audit && doc.audit !== 'none')
      for (const action of doc.audit.actions)
        assert.match(action, /^[a-z_-]+(\.[a-z_-]+)+$/, `${doc.path}: ${action} is verb.object`);
});
