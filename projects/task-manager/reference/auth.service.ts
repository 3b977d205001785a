import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { createLogInLimiter } from '../../kit/reference/log-in-limiter';
import { ProblemError } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { SignUpBody } from './schemas';
import type { User, UsersRepository } from './users.repository';

// short-lived: a leaked token is useful for an hour at most
export const TOKEN_TTL_SECONDS = 60 * 60;
// the package declares Algorithm as a const enum, which isolated modules cannot import; 2 is Argon2id
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The user as clients see it: never the hash. */
export interface PublicUser {
  id: number;
  email: string;
  name: string | null;
  createdAt: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(users: UsersRepository, fault?: FaultId) {
  const limiter = createLogInLimiter();
  // verified against when the email is unknown, so both refusals take as long
  const dummyHash = hash('not the password of anyone', HASH_OPTIONS);

  /** What the sessions table keys a token by: its SHA-256, so the table holds no usable token. */
  function sessionKey(token: string): string {
    if (fault === 'token-prefix-match') return token;
    return createHash('sha256').update(token).digest('hex');
  }

  return {
    async signUp(input: SignUpBody): Promise<PublicUser | User> {
      const passwordHash = await hash(input.password, HASH_OPTIONS);
      const user = await users.insertUser({ email: input.email, name: input.name ?? null, passwordHash });
      if (user === undefined) throw problems.emailTaken();
      if (fault === 'signup-returns-hash') return user;
      return toPublicUser(user);
    },

    /** A new bearer token for these credentials; the same 401 whether the email or the password is wrong. */
    async logIn(email: string, password: string): Promise<{ token: string; expiresIn: number }> {
      const retryAfter = limiter.retryAfterSeconds(email);
      if (retryAfter !== undefined && fault !== 'no-login-rate-limit')
        throw problems.tooManyLogIns(retryAfter);
      const user = await users.findUserByEmail(email);
      const isValid = await verify(user?.passwordHash ?? (await dummyHash), password);
      if (user === undefined || !isValid) {
        limiter.recordFailure(email);
        if (fault === 'login-reveals-unknown-email' && user === undefined) {
          throw new ProblemError(401, 'No account uses this email.');
        }
        throw problems.badCredentials();
      }
      limiter.reset(email);
      const token = randomBytes(32).toString('base64url');
      await users.insertSession(sessionKey(token), user.id, TOKEN_TTL_SECONDS);
      return { token, expiresIn: TOKEN_TTL_SECONDS };
    },

    /** The user a bearer token belongs to, or a 401. */
    async authenticate(authorization: string | undefined): Promise<User> {
      const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
      if (token === undefined) throw problems.unauthenticated();
      const key = fault === 'login-token-unusable' ? token : sessionKey(token);
      const user = await users.findUserBySession(key);
      if (user === undefined) throw problems.unauthenticated();
      return user;
    },

    toPublicUser,
  };
}

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}
