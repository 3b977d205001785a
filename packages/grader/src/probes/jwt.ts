import { pass, type Verdict } from '../authoring/verdict';
import { listStatuses, probeFailure, statusText } from './probe-failure';
import type { ForgedJwt, JwtForgeryOptions } from './types';

const DEFAULT_TAMPER = { role: 'admin', admin: true, isAdmin: true };
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new TypeError(`the token's ${what} is not base64url-encoded JSON`);
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function changeSubject(sub: unknown): unknown {
  if (typeof sub === 'number') return sub + 1;
  if (typeof sub === 'string') return `${sub}x`;
  return 'someone-else';
}

/**
 * Four forgeries of a real token that a correct server rejects: `alg: none` with no signature, a
 * changed payload under the old signature, a corrupted signature, and an `exp` in the past (under the
 * old signature: without the key a validly signed expired token cannot be made).
 * @example const [algNone] = forgeJwts(token);
 */
export function forgeJwts(
  token: string,
  tamper: Readonly<Record<string, unknown>> = DEFAULT_TAMPER,
  nowMs = Date.now(),
): ForgedJwt[] {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TypeError('a JWT has three dot-separated parts');
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = decodePart(headerPart, 'header');
  const payload = decodePart(payloadPart, 'payload');
  const tampered = {
    ...payload,
    ...tamper,
    ...('sub' in payload ? { sub: changeSubject(payload.sub) } : {}),
  };
  const first = signature.charAt(0);
  const flipped = BASE64URL_ALPHABET[(BASE64URL_ALPHABET.indexOf(first) + 32) % 64] ?? 'A';
  const nowSeconds = Math.floor(nowMs / 1000);
  return [
    {
      kind: 'alg-none',
      token: `${encodePart({ ...header, alg: 'none' })}.${payloadPart}.`,
      description: 'a token with alg "none" and no signature',
    },
    {
      kind: 'tampered-payload',
      token: `${headerPart}.${encodePart(tampered)}.${signature}`,
      description: `a token whose payload was changed (${Object.keys(tamper)
        .concat('sub' in payload ? ['sub'] : [])
        .join(', ')}) but kept the old signature`,
    },
    {
      kind: 'bad-signature',
      token: `${headerPart}.${payloadPart}.${flipped}${signature.slice(1)}`,
      description: 'a token with a corrupted signature',
    },
    {
      kind: 'expired',
      token: `${headerPart}.${encodePart({ ...payload, iat: nowSeconds - 7200, exp: nowSeconds - 3600 })}.${signature}`,
      description: 'a token that expired an hour ago',
    },
  ];
}

/** Sends each forgery; fails on the first one the server accepts. */
export async function probeJwtForgery(options: JwtForgeryOptions): Promise<Verdict> {
  const rejected = options.rejectedStatuses ?? [401, 403];
  const forgeries = forgeJwts(options.token, options.tamper);
  if (options.expiredToken !== undefined) {
    forgeries.push({ kind: 'expired', token: options.expiredToken, description: 'a token that has expired' });
  }
  for (const forged of forgeries) {
    const res = await options.send(forged.token);
    if (rejected.includes(res.status)) continue;
    return probeFailure(
      res,
      `${listStatuses(rejected)} for ${forged.description}`,
      statusText(res),
      `The server accepted ${forged.description} (it answered ${res.status}); verify every token's signature, algorithm and expiry before trusting it.`,
    );
  }
  return pass();
}
