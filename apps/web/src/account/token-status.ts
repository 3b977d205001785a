import type { ApiToken } from '../api/types';

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatusOf(token: ApiToken, now: number = Date.now()): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}
