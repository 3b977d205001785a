import { pass, type Verdict } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';
import { forgeJwts } from './jwt';
import { listStatuses, probeFailure, statusText } from './probe-failure';
import type { BrokenAuthenticationOptions, CredentialVariant } from './types';

const DEFAULT_KINDS = ['missing', 'malformed', 'tampered', 'forged'] as const;

/** True when a token has the shape of a JWT: three base64url parts whose first two decode to JSON objects. */
export function isJwtShaped(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  return parts.slice(0, 2).every((part) => {
    try {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  });
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * One character replaced by the base64url character 32 places away: its top bit differs, so even a server
 * that decodes the token to bytes (where a last character's low bits are padding) sees a different token.
 */
function changeCharacterAt(token: string, index: number): string {
  const position = BASE64URL_ALPHABET.indexOf(token.charAt(index));
  const replacement = BASE64URL_ALPHABET.charAt((Math.max(position, 0) + 32) % 64);
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

/**
 * The Authorization values a correct server refuses, built from a real token it issued. The token is
 * opaque: only when it parses as a JWT are the JWT forgeries (alg none, re-signed payload, …) added.
 * @example listCredentialVariants('abc123', ['missing']) // [{ kind: 'missing', authorization: undefined, … }]
 */
export function listCredentialVariants(
  token: string,
  kinds: readonly CredentialVariant['kind'][] = DEFAULT_KINDS,
): CredentialVariant[] {
  const variants: CredentialVariant[] = [];
  const wanted = new Set(kinds);
  if (wanted.has('missing')) {
    variants.push({ kind: 'missing', authorization: undefined, description: 'no Authorization header' });
  }
  if (wanted.has('malformed')) {
    variants.push(
      { kind: 'malformed', authorization: 'Bearer', description: '"Bearer" with no token' },
      { kind: 'malformed', authorization: 'Bearer ', description: '"Bearer " followed by nothing' },
      {
        kind: 'malformed',
        authorization: 'Bearer not-a-token',
        description: 'a made-up token ("not-a-token")',
      },
      {
        kind: 'malformed',
        authorization: `Basic ${Buffer.from('user:password').toString('base64')}`,
        description: 'Basic credentials instead of a bearer token',
      },
    );
  }
  if (wanted.has('tampered') && token.length > 1) {
    variants.push(
      {
        kind: 'tampered',
        authorization: `Bearer ${changeCharacterAt(token, token.length - 1)}`,
        description: 'the token with its last character changed',
      },
      {
        kind: 'tampered',
        authorization: `Bearer ${changeCharacterAt(token, Math.floor(token.length / 2))}`,
        description: 'the token with a character in the middle changed',
      },
      {
        kind: 'tampered',
        authorization: `Bearer ${token.slice(0, Math.ceil(token.length / 2))}`,
        description: 'the first half of the token',
      },
      {
        kind: 'tampered',
        authorization: `Bearer ${token}x`,
        description: 'the token with a character added',
      },
    );
  }
  if (wanted.has('forged') && isJwtShaped(token)) {
    for (const forged of forgeJwts(token)) {
      variants.push({
        kind: 'forged',
        authorization: `Bearer ${forged.token}`,
        description: forged.description,
      });
    }
  }
  return variants;
}

/**
 * Sends each broken credential (missing, malformed, tampered, and for JWTs forged) and fails on the first
 * one the server does not refuse. The real token must work first, so a refusal means something.
 */
export async function probeBrokenAuthentication(options: BrokenAuthenticationOptions): Promise<Verdict> {
  const rejected = options.rejectedStatuses ?? [401];
  const real = await options.send(`Bearer ${options.token}`);
  if (real.status < 200 || real.status > 299) {
    return probeFailure(
      real,
      `a 2xx status for ${describeRequest(real)} with a valid token`,
      statusText(real),
      `${describeRequest(real)} with a token your server just issued answered ${real.status}, so refusing bad tokens could not be tested.`,
    );
  }
  const variants = listCredentialVariants(options.token, options.kinds);
  if (options.expiredToken !== undefined) {
    variants.push({
      kind: 'expired',
      authorization: `Bearer ${options.expiredToken}`,
      description: 'a token that has expired',
    });
  }
  for (const variant of variants) {
    const res = await options.send(variant.authorization);
    if (rejected.includes(res.status)) continue;
    return probeFailure(
      res,
      `${listStatuses(rejected)} for ${variant.description}`,
      statusText(res),
      `${describeRequest(res)} with ${variant.description} answered ${res.status}, but it should be refused with ${listStatuses(rejected)}: check the token on every request and reject anything that is not exactly a token you issued.`,
    );
  }
  return pass();
}

/** `GET /tasks`: a request as hints name it. */
export function describeRequest(res: HttpResponse): string {
  const url = new URL(res.url);
  return `${res.method} ${url.pathname}${url.search}`;
}
