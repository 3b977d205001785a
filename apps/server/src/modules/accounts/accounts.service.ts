import type { LoginInput, SignupInput } from '@groundwork/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { AppError } from '../../platform/errors/app-error';
import { type AuditContext, recordAuditEvent } from './audit.repository';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import type { PrincipalCache } from './principal-cache';
import { hashSecret, newSecret } from './secrets';
import { deleteSession, extendSession, findLiveSession, insertSession } from './sessions.repository';
import { findLiveToken, touchToken } from './tokens.repository';
import { countUsers, findUserByEmail, insertUser, isUniqueViolation, type UserRow } from './users.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
// serialises sign-ups just long enough to decide who the first (admin) account is
const FIRST_ACCOUNT_LOCK_KEY = 7_424_002;

export type IssuedSession = { cookieValue: string; csrfToken: string; expiresAt: Date };

/** What a caller sends to prove who they are. */
export type Credential = { kind: 'token'; secret: string } | { kind: 'session'; cookieValue: string };

/** The credential's hash (what the database stores) and its key in the principal cache. */
function keysOf(credential: Credential): { hash: string; cacheKey: string } {
  const hash = hashSecret(credential.kind === 'token' ? credential.secret : credential.cookieValue);
  return { hash, cacheKey: `${credential.kind}:${hash}` };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(deps: { db: Db; sessionTtlDays: number; cache: PrincipalCache }) {
  const { db, cache } = deps;
  const ttlMs = deps.sessionTtlDays * DAY_MS;

  async function issueSession(user: UserRow, context: AuditContext): Promise<IssuedSession> {
    const cookieValue = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(Date.now() + ttlMs);
    await insertSession(db, {
      idHash: hashSecret(cookieValue),
      userId: user.id,
      csrfToken,
      expiresAt,
      ...(context.userAgent ? { userAgent: context.userAgent.slice(0, 300) } : {}),
      ...(context.ip ? { ip: context.ip } : {}),
    });
    return { cookieValue, csrfToken, expiresAt };
  }

  /** A live session's principal; a session past half its lifetime is extended (sliding expiry). */
  async function loadSessionPrincipal(idHash: string) {
    const session = await findLiveSession(db, idHash);
    if (!session) return undefined;
    let expiresAt = session.expiresAt;
    if (expiresAt.getTime() - Date.now() < ttlMs / 2) {
      expiresAt = new Date(Date.now() + ttlMs);
      await extendSession(db, idHash, expiresAt);
    }
    const principal: Principal = {
      via: 'session',
      user: session.user,
      sessionIdHash: idHash,
      csrfToken: session.csrfToken,
    };
    return { principal, expiresAt };
  }

  /** A live token's principal; its last-used time is written at most once a minute. */
  async function loadTokenPrincipal(tokenHash: string) {
    const found = await findLiveToken(db, tokenHash);
    if (!found) return undefined;
    const { token, user } = found;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) await touchToken(db, token.id);
    const principal: Principal = { via: 'token', user, tokenId: token.id };
    return { principal, expiresAt: token.expiresAt };
  }

  return {
    /** Creates an account and signs it in. The first account on a fresh instance becomes admin. */
    async signup(input: SignupInput, context: AuditContext) {
      const passwordHash = await hashPassword(input.password);
      let user: UserRow;
      try {
        user = await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK_KEY})`);
          const role = (await countUsers(tx)) === 0 ? 'admin' : 'learner';
          const created = await insertUser(tx, { email: input.email, name: input.name, passwordHash, role });
          await recordAuditEvent(tx, {
            type: 'signup',
            userId: created.id,
            actorId: created.id,
            data: { role },
            ...context,
          });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.invalidFieldWithCode('email_taken', 'email', 'This email already has an account');
        }
        throw error;
      }
      return { user, session: await issueSession(user, context) };
    },

    /** Checks the password and opens a new session; the same error for an unknown email and a wrong password. */
    async login(input: LoginInput, context: AuditContext) {
      const user = await findUserByEmail(db, input.email);
      const isValid = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !isValid) {
        await recordAuditEvent(db, {
          type: 'login.failed',
          userId: user?.id ?? null,
          data: { email: input.email, reason: user ? 'wrong_password' : 'unknown_email' },
          ...context,
        });
        throw new AppError('invalid_credentials');
      }
      await recordAuditEvent(db, { type: 'login.succeeded', userId: user.id, actorId: user.id, ...context });
      return { user, session: await issueSession(user, context) };
    },

    async logout(principal: Principal, context: AuditContext) {
      if (principal.via === 'session') {
        await deleteSession(db, principal.sessionIdHash);
        await cache.invalidate({ kind: 'session', idHash: principal.sessionIdHash });
      }
      await recordAuditEvent(db, {
        type: 'logout',
        userId: principal.user.id,
        actorId: principal.user.id,
        ...context,
      });
    },

    /** Who a credential belongs to, when this process saw it in the last few seconds; no waiting. */
    peekPrincipal(credential: Credential): Principal | undefined {
      return cache.peek(keysOf(credential).cacheKey);
    },

    /** Who a credential belongs to: undefined for an unknown, expired or revoked one. */
    authenticate(credential: Credential): Promise<Principal | undefined> {
      const { hash, cacheKey } = keysOf(credential);
      return cache.resolve(cacheKey, () =>
        credential.kind === 'token' ? loadTokenPrincipal(hash) : loadSessionPrincipal(hash),
      );
    },
  };
}
