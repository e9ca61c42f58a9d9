import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, newTotpSecret, totpCode, verifyTotp } from './totp.ts';

// RFC 6238 appendix B test vectors (SHA-1, 8 digits, ASCII secret "12345678901234567890").
const rfcSecret = new TextEncoder().encode('12345678901234567890');
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('TOTP matches the RFC 6238 test vectors', () => {
  for (const [time, code] of vectors)
    assert.equal(totpCode(rfcSecret, time, 8), code, String(time));
});

test('base32 round-trips and decodes the RFC secret', () => {
  assert.equal(base32Encode(rfcSecret), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.deepEqual(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), rfcSecret);
  const secret = newTotpSecret();
  assert.equal(base32Encode(base32Decode(secret)), secret);
});

test('a code is accepted in its step and the next one either side, and refused beyond', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000;
  const code = totpCode(base32Decode(secret), now);
  assert.equal(verifyTotp(secret, code, now), true);
  assert.equal(verifyTotp(secret, code, now + 30), true);
  assert.equal(verifyTotp(secret, code, now - 30), true);
  assert.equal(verifyTotp(secret, code, now + 95), false);
  assert.equal(verifyTotp(secret, '12345', now), false);
  assert.equal(verifyTotp(secret, 'abcdef', now), false);
});
