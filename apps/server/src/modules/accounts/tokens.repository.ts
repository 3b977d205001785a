import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database';
import { apiTokens, users } from '../../db/schema';
import type { UserRow } from './users.repository';

export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(
  db: Queryable,
  values: { userId: string; name: string; tokenHash: string; prefix: string; expiresAt: Date | null },
): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert into api_tokens returned nothing');
  return row;
}

/** A token that is neither revoked nor expired, with its owner. */
export async function findLiveToken(
  db: Queryable,
  tokenHash: string,
): Promise<{ token: TokenRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .limit(1);
  return row;
}

/** Records use at most once a minute per token, so an API client does not turn every read into a write. */
export async function touchToken(db: Queryable, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '60 seconds'`)),
      ),
    );
}

export async function listUserTokens(db: Queryable, userId: string): Promise<TokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the user's own tokens; another user's token id is treated as not found. */
export async function revokeUserToken(
  db: Queryable,
  userId: string,
  tokenId: string,
): Promise<TokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning();
  return row;
}
