import type { Middleware } from 'openapi-fetch';

/** The readable cookie the API sets at sign-in; its value must come back in `CSRF_HEADER` on writes. */
export const CSRF_COOKIE = 'gw_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The value of one cookie from a `document.cookie` string, or null. */
export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * Sends the CSRF token from the `gw_csrf` cookie on every write, so cookie-authenticated POST, PUT,
 * PATCH and DELETE calls pass the API's CSRF check. Reads go without it.
 */
export function createCsrfMiddleware(readCookies: () => string = () => document.cookie): Middleware {
  return {
    onRequest({ request }) {
      if (!WRITE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(CSRF_COOKIE, readCookies());
      if (token === null || token === '') return undefined;
      request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}
