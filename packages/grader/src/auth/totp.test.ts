import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase32, readTotpParameters, totpCode, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"
const RFC_SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('codes match RFC 6238’s test vectors', () => {
  const parameters = readTotpParameters(`otpauth://totp/x?secret=${RFC_SECRET_BASE32}&digits=8`);
  assert.ok(parameters);
  for (const [seconds, code] of [
    [59, '94287082'],
    [1_111_111_109, '07081804'],
    [2_000_000_000, '69279037'],
  ] as const) {
    assert.equal(totpCode(parameters, totpStep(parameters, seconds * 1000)), code);
  }
});

test('a bare base32 secret reads as six digits every 30 seconds', () => {
  const parameters = readTotpParameters(RFC_SECRET_BASE32.toLowerCase());
  assert.deepEqual(
    { digits: parameters?.digits, period: parameters?.periodSeconds, algorithm: parameters?.algorithm },
    { digits: 6, period: 30, algorithm: 'sha1' },
  );
  assert.equal(Buffer.from(decodeBase32('GEZDGNBV') ?? []).toString(), '12345');
});

test('what is not a TOTP secret is refused', () => {
  assert.equal(readTotpParameters('not base32!'), undefined);
  assert.equal(readTotpParameters('otpauth://hotp/x?secret=GEZDGNBV'), undefined);
  assert.equal(readTotpParameters('otpauth://totp/x?secret=GEZDGNBV&algorithm=MD5'), undefined);
});
