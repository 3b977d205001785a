import type { FaultId } from '../faults';
import { TTL } from './config';
import { problems } from './errors';
import type { Limiter } from './limiter';
import type { Outbox } from './outbox';
import { checkPasswordPolicy, hashPassword } from './passwords';
import type { SessionsRepository } from './sessions.repository';
import { digestToken, newOpaqueToken } from './tokens';
import type { EmailTokenPurpose, User, UsersRepository } from './users.repository';

/** The user as clients see it: never the hash, never the TOTP secret. */
export interface PublicUser {
  id: number;
  email: string;
  role: 'user' | 'admin';
  emailVerified: boolean;
  totpEnabled: boolean;
  createdAt: string;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    emailVerified: user.emailVerified,
    totpEnabled: user.totpEnabled,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface AccountDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
  outbox: Outbox;
  resetLimiter: Limiter;
  /** Where the links in emails point: the learner's web app. */
  appUrl: string;
  fault?: FaultId | undefined;
}

/** One answer for sign-up, whether or not the email has an account, so it tells nobody which do. */
export const SIGN_UP_ACCEPTED = {
  message: 'Check your inbox: we sent a link to finish signing up.',
} as const;
export const RESET_ACCEPTED = {
  message: 'If an account uses this email, we sent it a link to reset the password.',
} as const;

export type AccountService = ReturnType<typeof createAccountService>;

/** Accounts: sign-up, email verification, password reset, and roles. */
export function createAccountService({
  users,
  sessions,
  outbox,
  resetLimiter,
  appUrl,
  fault,
}: AccountDependencies) {
  async function sendLink(user: User, purpose: EmailTokenPurpose, ttlSeconds: number): Promise<void> {
    const token = newOpaqueToken();
    await users.insertEmailToken(digestToken(token), user.id, purpose, ttlSeconds);
    const page = purpose === 'verify-email' ? 'verify-email' : 'reset-password';
    outbox.send({
      to: user.email,
      kind: purpose,
      subject: purpose === 'verify-email' ? 'Confirm your email' : 'Reset your password',
      text: `Follow this link within ${Math.round(ttlSeconds / 60)} minutes. If it was not you, ignore this email.`,
      link: `${appUrl}/${page}?token=${token}`,
    });
  }

  return {
    /** Creates an unverified account and emails its link; an email in use gets a warning email instead. */
    async signUp(
      input: { email: string; password: string; role?: unknown },
      verifyTtlSeconds = TTL.verifyEmail,
    ) {
      checkPasswordPolicy(input.password, fault);
      // hashed before looking the email up, so both answers take one hash
      const passwordHash = await hashPassword(input.password);
      const role = fault === 'signup-accepts-role' && input.role === 'admin' ? 'admin' : 'user';
      const user = await users.insertUser({ email: input.email, passwordHash, role });
      if (user === undefined) {
        if (fault === 'signup-reveals-existing-email') {
          throw problems.invalidField('email', 'An account already uses this email.');
        }
        outbox.send({
          to: input.email,
          kind: 'account-exists',
          subject: 'Someone tried to sign up with your email',
          text: 'You already have an account. If this was you, log in or reset your password.',
          link: null,
        });
        return { body: SIGN_UP_ACCEPTED };
      }
      if (fault !== 'verification-email-missing') await sendLink(user, 'verify-email', verifyTtlSeconds);
      return { body: fault === 'signup-returns-hash' ? { ...SIGN_UP_ACCEPTED, user } : SIGN_UP_ACCEPTED };
    },

    async verifyEmail(token: string): Promise<void> {
      const userId = await users.takeEmailToken(digestToken(token), 'verify-email', {
        markUsed: fault !== 'verification-reusable',
        checkExpiry: fault !== 'verification-never-expires',
      });
      if (userId === undefined) throw problems.invalidLink();
      await users.markVerified(userId);
    },

    /** Emails a reset link when the email has an account; the same answer either way. */
    async forgotPassword(email: string, resetTtlSeconds = TTL.passwordReset): Promise<void> {
      const retryAfter = resetLimiter.retryAfterSeconds(email);
      if (retryAfter !== undefined && fault !== 'no-reset-rate-limit')
        throw problems.tooManyResets(retryAfter);
      resetLimiter.record(email);
      const user = await users.findByEmail(email);
      if (user === undefined) {
        if (fault === 'forgot-reveals-unknown-email') throw problems.userNotFound();
        return;
      }
      await sendLink(user, 'password-reset', resetTtlSeconds);
    },

    /** Sets a new password from a reset link, then ends every session: whoever else was in is out. */
    async resetPassword(token: string, password: string): Promise<void> {
      checkPasswordPolicy(password, fault);
      const tokenHash = digestToken(token);
      const options = { markUsed: false, checkExpiry: fault !== 'reset-never-expires' };
      // checked first, used last: a password the policy refuses does not burn the link
      if ((await users.takeEmailToken(tokenHash, 'password-reset', options)) === undefined) {
        throw problems.invalidLink();
      }
      const passwordHash = await hashPassword(password);
      const userId = await users.takeEmailToken(tokenHash, 'password-reset', {
        ...options,
        markUsed: fault !== 'reset-token-reusable',
      });
      if (userId === undefined) throw problems.invalidLink();
      await users.setPasswordHash(userId, passwordHash);
      // following the link proves the inbox, so the email counts as verified too
      await users.markVerified(userId);
      if (fault !== 'reset-keeps-sessions') await sessions.revokeAllSessions(userId);
    },

    async listUsers(): Promise<PublicUser[]> {
      return (await users.listUsers()).map(toPublicUser);
    },

    async setRole(id: number, role: 'user' | 'admin'): Promise<PublicUser> {
      const user = await users.setRole(id, role);
      if (user === undefined) throw problems.userNotFound();
      // a role lives in access tokens too: end the sessions so the new role applies at the next log-in
      await sessions.revokeAllSessions(id);
      return toPublicUser(user);
    },

    /** Test mode only: makes the account with this email an admin. */
    async promoteForTests(email: string): Promise<boolean> {
      const user = await users.findByEmail(email);
      if (user === undefined) return false;
      await users.setRole(user.id, 'admin');
      return true;
    },
  };
}
