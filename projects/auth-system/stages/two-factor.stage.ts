import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  fail,
  type HttpResponse,
  pass,
  totpCode,
} from '@groundwork/grader';
import { type Account, isFailure, isSuccess, newDevice, setupFailure } from './auth-requests';
import { TOPIC } from './topics';
import { confirmEnrolment, newEnrolledDevice, nextCode, startEnrolment } from './totp-requests';

// spec.md: ten recovery codes; fewer than eight is not enough to count on
const MIN_RECOVERY_CODES = 8;

const logInWith = (ctx: CheckContext, account: Account, extra: Record<string, string>) =>
  ctx.http.post('/auth/login', { json: { email: account.email, password: account.password, ...extra } });

function refusedSecondFactor(res: HttpResponse, what: string, why: string) {
  if (res.status === 401 || res.status === 400 || res.status === 403) return undefined;
  return fail({
    expected: `401 for ${what}`,
    actual: `status ${describeStatus(res.status)}`,
    hint: `POST /auth/login with the right password and ${what} answered ${describeStatus(res.status)}, but it should be refused with 401: ${why}.`,
    exchange: res.exchange,
  });
}

const totpEnrolment = defineCheck({
  id: 'totp-enrolment',
  title:
    'Enrolment gives a secret, refuses a wrong code, and a right one turns two-factor on with recovery codes',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const device = await newDevice(ctx);
    if (isFailure(device)) return device;
    const totp = await startEnrolment(ctx, device);
    if (isFailure(totp)) return totp;
    const wrong = totpCode(totp, 0);
    const refused = await ctx.http.post('/auth/totp/confirm', {
      json: { code: wrong },
      headers: device.bearer,
    });
    if (isSuccess(refused)) {
      return fail({
        expected: '400 for a code the secret does not give',
        actual: `status ${describeStatus(refused.status)}`,
        hint: `POST /auth/totp/confirm with a wrong code (${wrong}) answered ${describeStatus(refused.status)}, but enrolment must prove the authenticator app holds the secret: refuse it with 400.`,
        exchange: refused.exchange,
      });
    }
    const confirmed = await confirmEnrolment(ctx, device, totp);
    if (isFailure(confirmed)) return confirmed;
    if (new Set(confirmed.recoveryCodes).size >= MIN_RECOVERY_CODES) return pass();
    return fail({
      expected: `"recoveryCodes": at least ${MIN_RECOVERY_CODES} different strings`,
      actual: `${confirmed.recoveryCodes.length} recovery codes`,
      hint: `POST /auth/totp/confirm should answer ten single-use "recoveryCodes", but it answered ${confirmed.recoveryCodes.length}.`,
    });
  },
});

const totpRequiredAtLogin = defineCheck({
  id: 'totp-required-at-login',
  title: 'With two-factor on, the password alone does not log in; password and a fresh code do',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const device = await newEnrolledDevice(ctx);
    if (isFailure(device)) return device;
    const alone = await logInWith(ctx, device, {});
    if (isSuccess(alone) || /accessToken/.test(alone.text())) {
      return fail({
        expected: '401 asking for a code, without tokens',
        actual: `status ${describeStatus(alone.status)}`,
        hint: `POST /auth/login with the right password but no code answered ${describeStatus(alone.status)} for an account with two-factor on, but it must ask for totpCode (401) and issue no tokens.`,
        exchange: alone.exchange,
      });
    }
    const withCode = await logInWith(ctx, device, { totpCode: nextCode(device) });
    return isSuccess(withCode)
      ? pass()
      : setupFailure(
          withCode,
          'a log-in with a fresh TOTP code to work',
          TOPIC.authenticationVsAuthorization,
        );
  },
});

const totpCodeSingleUse = defineCheck({
  id: 'totp-code-single-use',
  title: 'A TOTP code that has logged in once is refused the second time',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const device = await newEnrolledDevice(ctx);
    if (isFailure(device)) return device;
    const code = nextCode(device);
    const first = await logInWith(ctx, device, { totpCode: code });
    if (!isSuccess(first))
      return setupFailure(
        first,
        'a log-in with a fresh TOTP code to work',
        TOPIC.authenticationVsAuthorization,
      );
    const replay = await logInWith(ctx, device, { totpCode: code });
    return (
      refusedSecondFactor(
        replay,
        `the TOTP code ${code} again`,
        'remember the last time step accepted and refuse it and every earlier one',
      ) ?? pass()
    );
  },
});

const recoveryCodeSingleUse = defineCheck({
  id: 'recovery-code-single-use',
  title: 'A recovery code logs in once, and is refused the second time',
  topic: TOPIC.authenticationVsAuthorization,
  async run(ctx) {
    const device = await newEnrolledDevice(ctx);
    if (isFailure(device)) return device;
    const recoveryCode = device.recoveryCodes[0];
    if (recoveryCode === undefined)
      return setupFailure(device.login, 'recovery codes', TOPIC.authenticationVsAuthorization);
    const first = await logInWith(ctx, device, { recoveryCode });
    if (!isSuccess(first))
      return setupFailure(
        first,
        'a log-in with a recovery code to work',
        TOPIC.authenticationVsAuthorization,
      );
    const again = await logInWith(ctx, device, { recoveryCode });
    return (
      refusedSecondFactor(again, 'a recovery code already used', 'each recovery code works once') ?? pass()
    );
  },
});

export const twoFactorStage = defineStage({
  id: 'two-factor',
  title: 'Two-factor with TOTP',
  difficulty: 'advanced',
  needs: ['log-in'],
  topics: [TOPIC.authenticationVsAuthorization],
  checks: [totpEnrolment, totpRequiredAtLogin, totpCodeSingleUse, recoveryCodeSingleUse],
});
