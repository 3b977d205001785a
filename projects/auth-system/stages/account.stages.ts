import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  type HttpResponse,
  pass,
} from '@groundwork/grader';
import {
  isFailure,
  isSuccess,
  setupFailure,
  signUp,
  sleep,
  TEST_EXPIRY_HEADER,
  tokenFromOutbox,
} from './auth-requests';
import { TOPIC } from './topics';

// from common-passwords.txt, each at least 8 characters, so only the list can refuse them
const COMMON_PASSWORDS = ['password', 'iloveyou', 'qwertyuiop', 'sunshine'];
// NIST SP 800-63B: no composition rules, so a long lower-case passphrase must be accepted
const PASSPHRASE = 'violet lanterns drift over the quiet harbour';
// the test-mode lifetime asked for, and how long the grader waits: the margin only makes expiry surer
const SHORT_TTL_SECONDS = 1;
const EXPIRY_WAIT_MS = 1_300;

/** A 400 whose body names the password field (a problem's `field`, or the word in its message). */
function expectPasswordRefused(res: HttpResponse, what: string, rule: string) {
  if (res.status === 400 && /password/i.test(res.text())) return undefined;
  return fail({
    expected: `400 naming password for ${what}`,
    actual: `status ${describeStatus(res.status)}`,
    hint: `POST /auth/signup with ${what} answered ${describeStatus(res.status)}, but it should be refused with 400 naming password, because ${rule}.`,
    exchange: res.exchange,
    topic: TOPIC.passwordHashing,
  });
}

const signupAccepted = defineCheck({
  id: 'signup-accepted',
  title: 'POST /auth/signup accepts a new account and answers neither its password nor a hash',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const password = ctx.data.password();
    const res = await signUp(ctx, { email: ctx.data.email(), password });
    if (!isSuccess(res)) {
      return fail({
        expected: 'a 2xx status (201 or 202)',
        actual: `status ${describeStatus(res.status)}`,
        hint: `POST /auth/signup with a new email and a good password should answer 202 Accepted, but it answered ${describeStatus(res.status)}.`,
        exchange: res.exchange,
      });
    }
    const hygiene = ctx.probes.responseHygiene({
      responses: [res],
      forbidden: [{ value: password, description: 'the password just sent' }],
    });
    return hygiene.status === 'fail' ? { ...hygiene, topic: TOPIC.passwordHashing } : pass();
  },
});

const signupPasswordPolicy = defineCheck({
  id: 'signup-password-policy',
  title: 'Passwords under 8 characters are refused; a long passphrase without digits or symbols is accepted',
  topic: TOPIC.passwordHashing,
  async run(ctx) {
    const short = await signUp(ctx, { email: ctx.data.email(), password: 'k9#Lm2q' });
    const failure = expectPasswordRefused(
      short,
      'a 7-character password',
      'passwords have at least 8 characters',
    );
    if (failure) return failure;
    const phrase = await signUp(ctx, { email: ctx.data.email(), password: PASSPHRASE });
    if (isSuccess(phrase)) return pass();
    return fail({
      expected: `a 2xx status for the passphrase "${PASSPHRASE}"`,
      actual: `status ${describeStatus(phrase.status)}`,
      hint: `POST /auth/signup with the passphrase "${PASSPHRASE}" answered ${describeStatus(phrase.status)}, but NIST SP 800-63B forbids composition rules: accept any password of 8 characters or more that is not a common one.`,
      exchange: phrase.exchange,
    });
  },
});

const signupCommonPasswordRefused = defineCheck({
  id: 'signup-common-password-refused',
  title: 'Passwords from the common-passwords list are refused with 400 naming password',
  topic: TOPIC.passwordHashing,
  async run(ctx) {
    for (const password of COMMON_PASSWORDS) {
      const res = await signUp(ctx, { email: ctx.data.email(), password });
      const failure = expectPasswordRefused(
        res,
        `the password "${password}"`,
        'it is on the list of common passwords the project ships',
      );
      if (failure) return failure;
    }
    return pass();
  },
});

/** Status and body with its fields in a fixed order: what must not tell a new email from one in use. */
const answerOf = (res: HttpResponse) => {
  const body = res.json();
  const fields =
    typeof body === 'object' && body !== null
      ? Object.entries(body).sort(([a], [b]) => a.localeCompare(b))
      : res.text();
  return JSON.stringify([res.status, fields]);
};

const signupNoEnumeration = defineCheck({
  id: 'signup-no-enumeration',
  title: 'Signing up with an email in use answers exactly as for a new one',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const email = ctx.data.email();
    const first = await signUp(ctx, { email, password: ctx.data.password() });
    if (!isSuccess(first)) return setupFailure(first, 'to sign a new user up');
    const again = await signUp(ctx, { email, password: ctx.data.password() });
    if (answerOf(first) === answerOf(again)) return pass();
    return fail({
      expected: `${describeStatus(first.status)} ${first.text().slice(0, 120)}`,
      actual: `${describeStatus(again.status)} ${again.text().slice(0, 120)}`,
      hint: `A second POST /auth/signup with the same email answered differently from the first (${describeStatus(again.status)} instead of ${describeStatus(first.status)}, or another body), which tells anyone which emails have accounts: answer the same and email the owner instead.`,
      exchange: again.exchange,
    });
  },
});

export const signUpStage = defineStage({
  id: 'sign-up',
  title: 'Sign up',
  difficulty: 'beginner',
  needs: ['health'],
  topics: [TOPIC.signupAndLoginFlows, TOPIC.passwordHashing],
  checks: [signupAccepted, signupPasswordPolicy, signupCommonPasswordRefused, signupNoEnumeration],
});

const verificationEmailSent = defineCheck({
  id: 'verification-email-sent',
  title: 'Sign-up sends a verification email whose link carries a token',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const email = ctx.data.email();
    const res = await signUp(ctx, { email, password: ctx.data.password() });
    if (!isSuccess(res)) return setupFailure(res, 'to sign a new user up');
    const token = await tokenFromOutbox(ctx, email, 'verify-email');
    return isFailure(token) ? token : pass();
  },
});

/** A log-in that must be refused before the email is verified: 401 or 403, and no access token. */
async function expectUnverifiedRefused(ctx: CheckContext, email: string, password: string, why: string) {
  const login = await ctx.http.post('/auth/login', { json: { email, password } });
  if ((login.status === 401 || login.status === 403) && !/accessToken/.test(login.text())) return undefined;
  return fail({
    expected: '401 or 403 without tokens',
    actual: `status ${describeStatus(login.status)}`,
    hint: `POST /auth/login for an account whose email ${why} answered ${describeStatus(login.status)}, but it should be refused with 403 until the email is verified.`,
    exchange: login.exchange,
  });
}

const unverifiedLoginRefused = defineCheck({
  id: 'unverified-login-refused',
  title: 'An account whose email is not verified cannot log in',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = { email: ctx.data.email(), password: ctx.data.password() };
    const res = await signUp(ctx, account);
    if (!isSuccess(res)) return setupFailure(res, 'to sign a new user up');
    return (
      (await expectUnverifiedRefused(ctx, account.email, account.password, 'is not verified yet')) ?? pass()
    );
  },
});

const verificationSingleUse = defineCheck({
  id: 'verification-single-use',
  title: 'A verification link works once: the account can log in, and the link is refused the second time',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = { email: ctx.data.email(), password: ctx.data.password() };
    const res = await signUp(ctx, account);
    if (!isSuccess(res)) return setupFailure(res, 'to sign a new user up');
    const token = await tokenFromOutbox(ctx, account.email, 'verify-email');
    if (isFailure(token)) return token;
    const first = await ctx.http.post('/auth/verify-email', { json: { token } });
    if (!isSuccess(first)) {
      return fail({
        expected: 'a 2xx status',
        actual: `status ${describeStatus(first.status)}`,
        hint: `POST /auth/verify-email with the token from the email answered ${describeStatus(first.status)}, but it should verify the email.`,
        exchange: first.exchange,
      });
    }
    const login = await ctx.http.post('/auth/login', { json: account });
    if (!isSuccess(login)) return setupFailure(login, 'a verified account to log in');
    const again = await ctx.http.post('/auth/verify-email', { json: { token } });
    if (again.status >= 400 && again.status < 500) return pass();
    return fail({
      expected: '400 for a link already used',
      actual: `status ${describeStatus(again.status)}`,
      hint: `POST /auth/verify-email with a token already used answered ${describeStatus(again.status)}, but a verification link works once: mark it used and refuse it with 400.`,
      exchange: again.exchange,
    });
  },
});

const verificationExpires = defineCheck({
  id: 'verification-expires',
  title: 'A verification link stops working once it expires',
  topic: TOPIC.signupAndLoginFlows,
  async run(ctx) {
    const account = { email: ctx.data.email(), password: ctx.data.password() };
    const res = await signUp(ctx, account, { [TEST_EXPIRY_HEADER]: String(SHORT_TTL_SECONDS) });
    if (!isSuccess(res)) return setupFailure(res, 'to sign a new user up');
    const token = await tokenFromOutbox(ctx, account.email, 'verify-email');
    if (isFailure(token)) return token;
    await sleep(ctx, EXPIRY_WAIT_MS);
    const late = await ctx.http.post('/auth/verify-email', { json: { token } });
    if (late.status < 400 || late.status >= 500) {
      return fail({
        expected: '400 for an expired link',
        actual: `status ${describeStatus(late.status)}`,
        hint: `POST /auth/verify-email with a link that expired ${(EXPIRY_WAIT_MS / 1000 - SHORT_TTL_SECONDS).toFixed(1)} s ago (${TEST_EXPIRY_HEADER}: ${SHORT_TTL_SECONDS} at sign-up) answered ${describeStatus(late.status)}, but it should be refused with 400: store an expiry with each link and compare it with the clock.`,
        exchange: late.exchange,
      });
    }
    return (
      (await expectUnverifiedRefused(ctx, account.email, account.password, 'was never verified in time')) ??
      pass()
    );
  },
});

export const emailVerificationStage = defineStage({
  id: 'email-verification',
  title: 'Email verification',
  difficulty: 'intermediate',
  needs: ['sign-up'],
  topics: [TOPIC.signupAndLoginFlows],
  checks: [verificationEmailSent, unverifiedLoginRefused, verificationSingleUse, verificationExpires],
});
