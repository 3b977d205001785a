import type { FastifyReply } from 'fastify';
import type { IssuedSession } from './accounts.service';

/** The readable cookie holding the CSRF token, for the web app to echo in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'gw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type CookiePolicy = { sessionCookie: string; secure: boolean };

export function cookiePolicy(secure: boolean): CookiePolicy {
  // the __Host- prefix pins the cookie to this exact host over HTTPS, with no Domain attribute
  return { sessionCookie: secure ? '__Host-gw_session' : 'gw_session', secure };
}

export function setSessionCookies(reply: FastifyReply, policy: CookiePolicy, session: IssuedSession) {
  const common = { path: '/', sameSite: 'lax', secure: policy.secure, expires: session.expiresAt } as const;
  reply.setCookie(policy.sessionCookie, session.cookieValue, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, policy: CookiePolicy) {
  const common = { path: '/', sameSite: 'lax', secure: policy.secure } as const;
  reply.clearCookie(policy.sessionCookie, { ...common, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, common);
}
