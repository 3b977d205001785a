import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { createLogInLimiter } from '../../kit/reference/log-in-limiter';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { RegisterBody } from './schemas';
import type { Role, User, UsersRepository } from './users.repository';

// a shopping session lasts a day; after that, log in again
export const TOKEN_TTL_SECONDS = 24 * 60 * 60;
// the package declares Algorithm as a const enum, which isolated modules cannot import; 2 is Argon2id
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The user as clients see it: never the hash. */
export interface PublicUser {
  id: number;
  email: string;
  role: Role;
}

/** A signed-in user and the bearer token that proves it. */
export interface Session {
  user: PublicUser;
  token: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(users: UsersRepository, fault?: FaultId) {
  const limiter = createLogInLimiter();
  // verified against when the email is unknown, so both refusals take as long
  const dummyHash = hash('not the password of anyone', HASH_OPTIONS);

  /** A new opaque token; the sessions table keeps only its SHA-256. */
  async function startSession(user: User): Promise<Session> {
    const token = randomBytes(32).toString('base64url');
    await users.insertSession(sessionKey(token), user.id, TOKEN_TTL_SECONDS);
    return { user: toPublicUser(user), token };
  }

  async function authenticate(authorization: string | undefined): Promise<User> {
    const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw problems.unauthenticated();
    const user = await users.findUserBySession(sessionKey(token));
    if (user === undefined) throw problems.unauthenticated();
    return user;
  }

  return {
    /** A new customer, signed in. */
    async register(input: RegisterBody): Promise<Session> {
      const passwordHash = await hash(input.password, HASH_OPTIONS);
      const user = await users.insertUser(input.email, passwordHash);
      if (user === undefined) throw problems.emailTaken();
      return startSession(user);
    },

    /** A new session for these credentials; the same 401 whether the email or the password is wrong. */
    async logIn(email: string, password: string): Promise<Session> {
      const retryAfter = limiter.retryAfterSeconds(email);
      if (retryAfter !== undefined) throw problems.tooManyLogIns(retryAfter);
      const user = await users.findUserByEmail(email);
      const isValid =
        fault === 'login-ignores-password'
          ? user !== undefined
          : await verify(user?.passwordHash ?? (await dummyHash), password);
      if (user === undefined || !isValid) {
        limiter.recordFailure(email);
        throw problems.badCredentials();
      }
      limiter.reset(email);
      return startSession(user);
    },

    /** The user a bearer token belongs to, or a 401. */
    authenticate,

    /** The admin a bearer token belongs to: 401 without a valid token, 403 for a customer. */
    async authenticateAdmin(authorization: string | undefined): Promise<User> {
      const user = await authenticate(authorization);
      if (user.role !== 'admin') throw problems.adminsOnly();
      return user;
    },

    /** Test mode only: makes the account an admin. */
    async promote(email: string): Promise<void> {
      if (fault === 'promote-ignored') return;
      if (!(await users.promoteToAdmin(email))) throw problems.accountNotFound();
    },
  };
}

/** What the sessions table keys a token by: its SHA-256, so the table holds no usable token. */
function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, email: user.email, role: user.role };
}
