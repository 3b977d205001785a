import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { FaultId } from '../faults';

/** What an access token says: whose it is, which session it belongs to, and the role at issue. */
export interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
}

/** A random opaque token (refresh token, emailed link, recovery code): 256 bits, URL-safe. */
export const newOpaqueToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const newSessionId = (): string => randomUUID();

/** What the database keeps of an opaque token: its SHA-256, so a copy of the table holds no usable token. */
export const digestToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const ISSUER = 'auth-system-reference';

/** Signs and verifies access tokens: HS256 only, with an expiry, from a key that never leaves the process. */
export function createAccessTokens(secret: string | undefined, fault?: FaultId) {
  const key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  const verifyKey = fault === 'access-token-unusable' ? randomBytes(32) : key;
  return {
    async sign(claims: AccessClaims, ttlSeconds: number): Promise<string> {
      return new SignJWT({ sid: claims.sid, role: claims.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(key);
    },

    /** The claims of a valid token, or undefined for anything else. */
    async verify(token: string): Promise<AccessClaims | undefined> {
      try {
        if (fault === 'jwt-signature-unchecked') {
          const payload = decodeJwt(token);
          return typeof payload.exp === 'number' && payload.exp * 1000 > Date.now()
            ? readClaims(payload)
            : undefined;
        }
        if (fault === 'jwt-alg-none-accepted' && decodeProtectedHeader(token).alg?.toLowerCase() === 'none') {
          return readClaims(decodeJwt(token));
        }
        // the algorithm is pinned: a token cannot choose how it is checked
        const { payload } = await jwtVerify(token, verifyKey, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          ...(fault === 'access-token-never-expires' ? { currentDate: new Date(0) } : {}),
        });
        return readClaims(payload);
      } catch {
        return undefined;
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;

function readClaims(payload: Record<string, unknown>): AccessClaims | undefined {
  const { sub, sid, role } = payload;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string') return undefined;
  return { sub, sid, role };
}
