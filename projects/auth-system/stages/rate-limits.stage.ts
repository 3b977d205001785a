import { defineCheck, defineStage, describeStatus, fail, type HttpResponse, pass } from '@groundwork/grader';
import { createAccount, isFailure, isSuccess } from './auth-requests';
import { TOPIC } from './topics';
import { newEnrolledDevice } from './totp-requests';

// spec.md: a 429 by the 11th attempt in 15 minutes (servers may lock sooner, but not before the 6th)
const MAX_ATTEMPTS = 11;
const MAX_DURATION_MS = 20_000;

/** Repeats an attempt until a 429 with Retry-After; fails on a success, or when no 429 comes. */
async function expectLimited(
  what: string,
  attempt: (n: number) => Promise<HttpResponse>,
  isAllowedSuccess = false,
) {
  const deadline = Date.now() + MAX_DURATION_MS;
  let last: HttpResponse | undefined;
  for (let n = 1; n <= MAX_ATTEMPTS && Date.now() < deadline; n++) {
    last = await attempt(n);
    if (last.status === 429) {
      const retryAfter = last.header('retry-after')?.trim() ?? '';
      if (/^\d+$/.test(retryAfter) || !Number.isNaN(Date.parse(retryAfter)))
        return pass(`429 after ${n} attempts`);
      return fail({
        expected: '429 with a Retry-After header',
        actual: retryAfter === '' ? '429 without Retry-After' : `retry-after: ${retryAfter}`,
        hint: `${what} was refused with 429 after ${n} attempts, as it should be, but without a readable Retry-After header: say in seconds when the client may try again.`,
        exchange: last.exchange,
      });
    }
    if (isSuccess(last) && !isAllowedSuccess) {
      return fail({
        expected: 'a refusal',
        actual: `status ${describeStatus(last.status)}`,
        hint: `${what} with a wrong secret succeeded (${describeStatus(last.status)}) on attempt ${n}.`,
        exchange: last.exchange,
      });
    }
  }
  return fail({
    expected: `429 within ${MAX_ATTEMPTS} attempts`,
    actual: `the last answered ${describeStatus(last?.status ?? 0)}`,
    hint: `${what} was still accepted after ${MAX_ATTEMPTS} attempts in a row: count them per account and answer 429 with Retry-After.`,
    ...(last === undefined ? {} : { exchange: last.exchange }),
  });
}

const loginLockout = defineCheck({
  id: 'login-lockout',
  title: 'Repeated failed log-ins for one account end in 429 with Retry-After',
  topic: TOPIC.rateLimiting,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    return expectLimited('POST /auth/login with a wrong password', (n) =>
      ctx.http.post('/auth/login', {
        json: { email: account.email, password: `wrong-${n}-${account.password}` },
      }),
    );
  },
});

const resetRateLimit = defineCheck({
  id: 'reset-rate-limit',
  title: 'Repeated reset requests for one email end in 429 with Retry-After',
  topic: TOPIC.rateLimiting,
  async run(ctx) {
    const account = await createAccount(ctx);
    if (isFailure(account)) return account;
    return expectLimited(
      'POST /auth/password/forgot for one email',
      () => ctx.http.post('/auth/password/forgot', { json: { email: account.email } }),
      true,
    );
  },
});

const totpRateLimit = defineCheck({
  id: 'totp-rate-limit',
  title: 'Repeated wrong TOTP codes end in 429 with Retry-After',
  topic: TOPIC.rateLimiting,
  async run(ctx) {
    const device = await newEnrolledDevice(ctx);
    if (isFailure(device)) return device;
    return expectLimited('POST /auth/login with the right password and a wrong TOTP code', (n) =>
      ctx.http.post('/auth/login', {
        // arbitrary digits: one matches the current window by chance about once in 300,000 tries
        json: { email: device.email, password: device.password, totpCode: String(100_000 + n * 7_919) },
      }),
    );
  },
});

export const rateLimitsStage = defineStage({
  id: 'rate-limits',
  title: 'Lockout and rate limits',
  difficulty: 'intermediate',
  needs: ['log-in', 'two-factor'],
  topics: [TOPIC.rateLimiting],
  checks: [loginLockout, resetRateLimit, totpRateLimit],
});
