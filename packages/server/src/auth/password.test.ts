import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

test('passwords are stored as argon2id hashes and verified', async () => {
  const stored = await hashPassword('correct horse battery');
  assert.match(stored, /^\$argon2id\$/);
  assert.equal(await verifyPassword(stored, 'correct horse battery'), true);
  assert.equal(await verifyPassword(stored, 'correct horse batterY'), false);
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
});

test('short passwords are refused with the rule', () => {
  assert.equal(passwordProblem('short'), 'must be at least 12 characters');
  assert.equal(passwordProblem('a long enough passphrase'), undefined);
});
