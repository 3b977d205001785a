import type { FaultId } from '../faults';
import { TTL } from './config';
import { problems } from './errors';
import type { Limiter } from './limiter';
import { verifyPassword } from './passwords';
import type { Session, SessionsRepository } from './sessions.repository';
import { type AccessTokens, digestToken, newOpaqueToken, newSessionId } from './tokens';
import type { TotpService } from './totp.service';
import type { User, UsersRepository } from './users.repository';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

/** The caller of an authenticated request: the user and the session the access token belongs to. */
export interface Principal {
  user: User;
  sessionId: string;
}

export interface LogInInput {
  email: string;
  password: string;
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
  userAgent: string | null;
}

export interface SessionDependencies {
  users: UsersRepository;
  sessions: SessionsRepository;
  accessTokens: AccessTokens;
  totp: TotpService;
  logInLimiter: Limiter;
  fault?: FaultId | undefined;
}

export type SessionService = ReturnType<typeof createSessionService>;

/** Log-in, refresh rotation with reuse detection, log-out, and the list of signed-in devices. */
export function createSessionService({
  users,
  sessions,
  accessTokens,
  totp,
  logInLimiter,
  fault,
}: SessionDependencies) {
  async function issue(user: User, sessionId: string, accessTtlSeconds: number): Promise<IssuedTokens> {
    const refreshToken = newOpaqueToken();
    await sessions.insertRefreshToken(digestToken(refreshToken), sessionId);
    const accessToken = await accessTokens.sign(
      { sub: String(user.id), sid: sessionId, role: user.role },
      accessTtlSeconds,
    );
    return { accessToken, expiresIn: accessTtlSeconds, refreshToken };
  }

  return {
    async logIn(input: LogInInput, accessTtlSeconds = TTL.accessToken): Promise<IssuedTokens> {
      const retryAfter = logInLimiter.retryAfterSeconds(input.email);
      if (retryAfter !== undefined && fault !== 'no-login-lockout') throw problems.tooManyLogIns(retryAfter);
      const user = await users.findByEmail(input.email);
      const isValid =
        fault === 'login-fast-path-unknown-email' && user === undefined
          ? false
          : await verifyPassword(user?.passwordHash, input.password);
      if (user === undefined || !isValid) {
        // unknown emails count too: a lockout that only known emails reach would tell which exist
        logInLimiter.record(input.email);
        if (fault === 'login-reveals-unknown-email' && user === undefined) {
          throw problems.invalidField('email', 'No account uses this email.');
        }
        throw problems.badCredentials();
      }
      if (!user.emailVerified && fault !== 'unverified-can-log-in') throw problems.emailNotVerified();
      await totp.checkSecondFactor(user, input);
      logInLimiter.reset(input.email);
      const sessionId = newSessionId();
      await sessions.insertSession({
        id: sessionId,
        userId: user.id,
        userAgent: input.userAgent,
        ttlSeconds: TTL.refreshToken,
      });
      return issue(user, sessionId, accessTtlSeconds);
    },

    /**
     * Exchanges a refresh token for new tokens. A token is good once: presenting a used one means two
     * parties hold it (the user and a thief), so its whole session ends and both must log in again.
     */
    async refresh(refreshToken: string | undefined): Promise<IssuedTokens> {
      if (refreshToken === undefined) throw problems.badRefreshToken();
      const tokenHash = digestToken(refreshToken);
      const found = await sessions.useRefreshToken(tokenHash, fault !== 'refresh-not-rotated');
      if (found.kind === 'reused') {
        if (fault !== 'refresh-reuse-undetected') await sessions.revokeSession(found.sessionId, undefined);
        throw problems.badRefreshToken();
      }
      if (found.kind === 'unknown') throw problems.badRefreshToken();
      const user = await users.findById(found.session.userId);
      if (user === undefined) throw problems.badRefreshToken();
      const issued = await issue(user, found.session.id, TTL.accessToken);
      return fault === 'refresh-not-rotated' ? { ...issued, refreshToken } : issued;
    },

    /** The caller of a request, from its access token: the token must verify and its session be live. */
    async authenticate(accessToken: string | undefined): Promise<Principal> {
      if (accessToken === undefined) throw problems.unauthenticated();
      const claims = await accessTokens.verify(accessToken);
      if (claims === undefined) throw problems.unauthenticated();
      // the session check makes log-out, revocation and password resets end access tokens at once
      const session = await sessions.findLiveSession(claims.sid);
      if (session === undefined || String(session.userId) !== claims.sub) throw problems.unauthenticated();
      const user = await users.findById(session.userId);
      if (user === undefined) throw problems.unauthenticated();
      return { user, sessionId: session.id };
    },

    /** Ends the session of the refresh token, or else of the access token. */
    async logOut(refreshToken: string | undefined, accessToken: string | undefined): Promise<void> {
      if (fault === 'logout-keeps-session') return;
      if (refreshToken !== undefined) {
        const found = await sessions.useRefreshToken(digestToken(refreshToken), false);
        if (found.kind === 'live') await sessions.revokeSession(found.session.id, found.session.userId);
        if (found.kind !== 'unknown') return;
      }
      const claims = accessToken === undefined ? undefined : await accessTokens.verify(accessToken);
      if (claims === undefined) throw problems.unauthenticated();
      await sessions.revokeSession(claims.sid, Number(claims.sub));
    },

    async logOutEverywhere(principal: Principal): Promise<void> {
      if (fault === 'logout-all-only-current') {
        await sessions.revokeSession(principal.sessionId, principal.user.id);
        return;
      }
      await sessions.revokeAllSessions(principal.user.id);
    },

    async listSessions(principal: Principal): Promise<(Session & { current: boolean })[]> {
      const owner = fault === 'sessions-list-all-users' ? undefined : principal.user.id;
      const list = await sessions.listLiveSessions(owner);
      return list.map((session) => ({ ...session, current: session.id === principal.sessionId }));
    },

    async revokeSession(principal: Principal, sessionId: string): Promise<void> {
      const owner = fault === 'session-revoke-ignores-owner' ? undefined : principal.user.id;
      if (!(await sessions.revokeSession(sessionId, owner))) throw problems.sessionNotFound();
    },
  };
}
