import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { createLogInLimiter } from '../../kit/reference/log-in-limiter';
import type { FaultId } from '../faults';
import { problems } from './errors';
import type { LogInBody, RegisterBody } from './schemas';
import type { UserRef, UsersRepository } from './users.repository';

// the package declares Algorithm as a const enum, which isolated modules cannot import; 2 is Argon2id
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// 256 random bits: no one guesses a token
const TOKEN_BYTES = 32;

/** What register and log-in answer. */
export interface Session {
  user: UserRef;
  token: string;
}

/** A signed-in request or connection: who, and which token (by its hash) it used. */
export interface Caller {
  user: UserRef;
  tokenHash: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

/** What the sessions table keys a token by: its SHA-256, so the table holds no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createAuthService(users: UsersRepository, fault?: FaultId) {
  const limiter = createLogInLimiter();
  // verified against when the username is unknown, so both refusals take as long
  const dummyHash = hash('not the password of anyone', HASH_OPTIONS);

  async function openSession(user: UserRef): Promise<Session> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await users.insertSession(fault === 'login-token-unusable' ? token : hashToken(token), user.id);
    return { user: toUserRef(user), token };
  }

  /** The caller a token belongs to, or undefined for a missing, unknown or revoked one. */
  async function findCaller(token: string | undefined): Promise<Caller | undefined> {
    if (token === undefined || token === '') return undefined;
    const tokenHash = hashToken(token);
    const user = await users.findUserBySession(tokenHash);
    return user === undefined ? undefined : { user: toUserRef(user), tokenHash };
  }

  return {
    async register({ username, password }: RegisterBody): Promise<Session> {
      const user = await users.insertUser(username, await hash(password, HASH_OPTIONS));
      if (user === undefined) throw problems.usernameTaken();
      return openSession(user);
    },

    /** A new token for these credentials; the same 401 whether the username or the password is wrong. */
    async logIn({ username, password }: LogInBody): Promise<Session> {
      const retryAfter = limiter.retryAfterSeconds(username);
      if (retryAfter !== undefined) throw problems.tooManyLogIns(retryAfter);
      const user = await users.findUserByUsername(username);
      const verifying = verify(user?.passwordHash ?? (await dummyHash), password);
      // a promise is truthy: the unawaited check passes whatever the password
      const isValid: boolean | Promise<boolean> =
        fault === 'login-verify-not-awaited' ? verifying : await verifying;
      if (user === undefined || !isValid) {
        limiter.recordFailure(username);
        throw problems.badCredentials();
      }
      limiter.reset(username);
      return openSession(user);
    },

    async logOut(caller: Caller): Promise<void> {
      await users.deleteSession(caller.tokenHash);
    },

    findCaller,

    /** The caller of a REST request, from its `Authorization: Bearer` header, or a 401. */
    async authenticate(authorization: string | undefined): Promise<Caller> {
      const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
      const caller = await findCaller(token);
      if (caller === undefined) throw problems.unauthenticated();
      return caller;
    },

    ping: users.ping,
  };
}

function toUserRef(user: UserRef): UserRef {
  return { id: user.id, username: user.username };
}
