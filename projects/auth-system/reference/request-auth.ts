import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultId } from '../faults';
import { TTL } from './config';

export const REFRESH_COOKIE = 'refresh_token';
// the refresh token is only ever sent to /auth/*, where refresh and log-out live
const REFRESH_COOKIE_PATH = '/auth';
// test mode only: how a grader asks for a token that expires within seconds
export const TEST_EXPIRY_HEADER = 'x-test-expires-in';

/** The bearer token of a request. Only the Authorization header counts: a token in a URL ends up in logs. */
export function readBearer(request: FastifyRequest, fault?: FaultId): string | undefined {
  const token = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined && fault === 'access-token-in-query-accepted') {
    const query = request.query as Record<string, unknown>;
    return typeof query.access_token === 'string' ? query.access_token : undefined;
  }
  return token;
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies[REFRESH_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

/** HttpOnly (no script reads it), Secure (HTTPS only), SameSite=Strict (no other site's request carries it). */
export function setRefreshCookie(reply: FastifyReply, token: string, fault?: FaultId): void {
  reply.setCookie(REFRESH_COOKIE, token, {
    path: REFRESH_COOKIE_PATH,
    httpOnly: fault !== 'refresh-cookie-not-httponly',
    secure: true,
    sameSite: 'strict',
    maxAge: TTL.refreshToken,
  });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, {
    path: REFRESH_COOKIE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}

/** In test mode, the lifetime the request asks for with X-Test-Expires-In (1 to 3600 s); else undefined. */
export function readTestExpiry(request: FastifyRequest, isTestMode: boolean): number | undefined {
  if (!isTestMode) return undefined;
  const seconds = Number(request.headers[TEST_EXPIRY_HEADER]);
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 3_600 ? seconds : undefined;
}
