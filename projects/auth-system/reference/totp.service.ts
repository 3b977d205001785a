import { Secret, TOTP } from 'otpauth';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { Limiter } from './limiter';
import { digestToken, newOpaqueToken } from './tokens';
import type { User, UsersRepository } from './users.repository';

const ISSUER = 'Groundwork auth-system';
const PERIOD_SECONDS = 30;
// one step either side: phones whose clocks drift by up to 30 s still work
const WINDOW_STEPS = 1;
const RECOVERY_CODE_COUNT = 10;

const totpFor = (user: User, secret: string) =>
  new TOTP({
    issuer: ISSUER,
    label: user.email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** The time step a code matches (within the window), or undefined. */
function matchingStep(user: User, secret: string, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = Date.now();
  const delta = totpFor(user, secret).validate({ token: code, window: WINDOW_STEPS, timestamp: now });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

export type TotpService = ReturnType<typeof createTotpService>;

/** TOTP two-factor (RFC 6238): enrolment, confirmation with recovery codes, and the check at log-in. */
export function createTotpService(users: UsersRepository, codeLimiter: Limiter, fault?: FaultId) {
  return {
    /** A new secret, not yet in force: it takes effect once a code from it is confirmed. */
    async enroll(user: User): Promise<{ secret: string; otpauthUri: string }> {
      const secret = new Secret({ size: 20 }).base32;
      await users.startTotpEnrolment(user.id, secret);
      return { secret, otpauthUri: totpFor(user, secret).toString() };
    },

    /** Turns two-factor on with a code from the new secret; answers the recovery codes, shown only now. */
    async confirm(user: User, code: string): Promise<{ recoveryCodes: string[] }> {
      if (user.totpSecret === null) throw problems.notEnrolling();
      const step =
        fault === 'totp-confirm-accepts-any-code'
          ? Math.floor(Date.now() / 1000 / PERIOD_SECONDS)
          : matchingStep(user, user.totpSecret, code);
      if (step === undefined) throw problems.badTotpCode();
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newOpaqueToken(10));
      await users.enableTotp(user.id, step, recoveryCodes.map(digestToken));
      return { recoveryCodes };
    },

    /** Throws unless the log-in carries a fresh TOTP code or an unused recovery code. */
    async checkSecondFactor(
      user: User,
      input: { totpCode?: string | undefined; recoveryCode?: string | undefined },
    ) {
      if (!user.totpEnabled || user.totpSecret === null || fault === 'totp-not-enforced') return;
      const key = String(user.id);
      const retryAfter = codeLimiter.retryAfterSeconds(key);
      if (retryAfter !== undefined && fault !== 'no-totp-rate-limit') throw problems.tooManyCodes(retryAfter);
      if (input.totpCode === undefined && input.recoveryCode === undefined) throw problems.totpRequired();
      let isAccepted = false;
      if (input.totpCode !== undefined) {
        const step = matchingStep(user, user.totpSecret, input.totpCode);
        // a code's step is claimed once: a replay within its 30 s (or a later step's) is refused
        isAccepted =
          step !== undefined &&
          (fault === 'totp-code-reusable' || (await users.claimTotpStep(user.id, step)));
      } else if (input.recoveryCode !== undefined) {
        isAccepted = await users.useRecoveryCode(
          user.id,
          digestToken(input.recoveryCode),
          fault === 'recovery-code-reusable',
        );
      }
      if (!isAccepted) {
        codeLimiter.record(key);
        throw problems.badSecondFactor();
      }
      codeLimiter.reset(key);
    },
  };
}
