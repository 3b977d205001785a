import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { FaultId } from '../faults';
import { ConduitError, conduitErrors } from './errors';
import type { RegisterBody, UpdateUserBody } from './schemas';
import { takenField, type User, type UsersRepository } from './users.repository';

// the package declares Algorithm as a const enum, which isolated modules cannot import; 2 is Argon2id
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const TOKEN_LIFETIME = '24h';
// one algorithm, named: a token that asks for another (or for none) is refused before its signature is read
const JWT_ALGORITHM = 'HS256';

/** The user as the contract's `User` shows them to themselves: with a token, never the hash. */
export interface UserResponse {
  email: string;
  token: string;
  username: string;
  bio: string | null;
  image: string | null;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(users: UsersRepository, fault?: FaultId) {
  // a key per process: tokens die with the reference, which keeps its data in memory anyway
  const secret = randomBytes(32);
  // verified against when the email is unknown, so both refusals take as long
  const dummyHash = hash('not the password of anyone', HASH_OPTIONS);

  async function issueToken(user: User): Promise<string> {
    return new SignJWT({ username: user.username })
      .setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(secret);
  }

  async function toUserResponse(user: User): Promise<UserResponse> {
    return {
      email: user.email,
      token: await issueToken(user),
      username: user.username,
      bio: user.bio,
      image: user.image,
    };
  }

  /** The subject of a token this process signed, or a 401. */
  async function verifiedSubject(token: string): Promise<string | undefined> {
    if (fault === 'jwt-decoded-not-verified') return decodeJwt(token).sub;
    if (fault === 'alg-none-accepted' && decodeProtectedHeader(token).alg === 'none')
      return decodeJwt(token).sub;
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: [JWT_ALGORITHM] });
      return payload.sub;
    } catch (error) {
      if (fault === 'garbage-token-500' && error instanceof joseErrors.JWSInvalid) throw error;
      throw conduitErrors.tokenInvalid();
    }
  }

  return {
    toUserResponse,

    async register(input: RegisterBody): Promise<User> {
      const passwordHash = await hash(input.password, HASH_OPTIONS);
      try {
        return await users.insertUser({
          username: input.username,
          email: input.email.toLowerCase(),
          passwordHash,
        });
      } catch (error) {
        const field = takenField(error);
        if (field === undefined || (fault === 'duplicate-username-500' && field === 'username')) throw error;
        throw conduitErrors.taken(field);
      }
    },

    /** The user these credentials belong to; the same 401 whether the email or the password is wrong. */
    async logIn(email: string, password: string): Promise<User> {
      const user = await users.findByEmail(email.toLowerCase());
      const isValid = await verify(user?.passwordHash ?? (await dummyHash), password);
      if (user === undefined || (!isValid && fault !== 'login-ignores-password')) {
        throw conduitErrors.badCredentials();
      }
      return user;
    },

    async update(user: User, changes: UpdateUserBody): Promise<User> {
      const passwordHash =
        changes.password === undefined ? undefined : await hash(changes.password, HASH_OPTIONS);
      const kept = fault === 'update-user-ignores-bio' ? { bio: undefined, image: undefined } : {};
      try {
        const updated = await users.updateUser(user.id, {
          ...changes,
          ...(changes.email === undefined ? {} : { email: changes.email.toLowerCase() }),
          passwordHash,
          ...kept,
        });
        return updated ?? user;
      } catch (error) {
        const field = takenField(error);
        if (field === undefined) throw error;
        throw conduitErrors.taken(field);
      }
    },

    /**
     * The signed-in user, from `Authorization: Token <jwt>`. Optional routes pass `isRequired: false` and
     * get undefined without a header; a header that is there must be valid either way.
     */
    async authenticate(authorization: string | undefined, isRequired: boolean): Promise<User | undefined> {
      if (fault === 'missing-token-500' && isRequired) {
        // the bug: the header is split before anyone checks it is there
        (authorization as string).split(' ');
      }
      if (authorization === undefined) {
        if (isRequired) throw conduitErrors.tokenMissing();
        return undefined;
      }
      const token = /^Token +(\S+)$/.exec(authorization)?.[1];
      if (token === undefined) throw conduitErrors.tokenInvalid();
      const subject = await verifiedSubject(token);
      const id = Number(subject);
      const user = Number.isSafeInteger(id) ? await users.findById(id) : undefined;
      if (user === undefined) throw conduitErrors.tokenInvalid();
      return user;
    },
  };
}

export function isConduitError(error: unknown): error is ConduitError {
  return error instanceof ConduitError;
}
