import type { ApiToken, CreateTokenInput } from '@groundwork/contracts';
import type { Db } from '../../db/database';
import { AppError } from '../../platform/errors/app-error';
import { type AuditContext, recordAuditEvent } from './audit.repository';
import type { PrincipalCache } from './principal-cache';
import { hashSecret, newSecret } from './secrets';
import { insertToken, listUserTokens, revokeUserToken, type TokenRow } from './tokens.repository';

/** Personal access tokens start with this, so secret scanners and people can recognise them. */
export const TOKEN_PREFIX = 'gwp_';
const DAY_MS = 24 * 60 * 60 * 1000;

export function toTokenDto(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function createTokensService(deps: { db: Db; cache: PrincipalCache }) {
  const { db, cache } = deps;
  return {
    /** Creates a token and returns its secret, which is stored only as a hash and never shown again. */
    async create(userId: string, input: CreateTokenInput, context: AuditContext) {
      const secret = newSecret(TOKEN_PREFIX);
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
      const row = await db.transaction(async (tx) => {
        const created = await insertToken(tx, {
          userId,
          name: input.name,
          tokenHash: hashSecret(secret),
          prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
          expiresAt,
        });
        await recordAuditEvent(tx, {
          type: 'token.created',
          userId,
          actorId: userId,
          data: { tokenId: created.id, name: created.name },
          ...context,
        });
        return created;
      });
      return { token: toTokenDto(row), secret };
    },

    async list(userId: string) {
      return (await listUserTokens(db, userId)).map(toTokenDto);
    },

    async revoke(userId: string, tokenId: string, context: AuditContext) {
      const row = await db.transaction(async (tx) => {
        const revoked = await revokeUserToken(tx, userId, tokenId);
        if (revoked) {
          await recordAuditEvent(tx, {
            type: 'token.revoked',
            userId,
            actorId: userId,
            data: { tokenId, name: revoked.name },
            ...context,
          });
        }
        return revoked;
      });
      if (!row) throw new AppError('not_found', 'You have no access token with this id.');
      await cache.invalidate({ kind: 'token', tokenId });
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
