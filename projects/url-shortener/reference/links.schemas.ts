import { z } from 'zod';

// The request rules of the contract (../openapi.yaml), one schema per field; each message names its field.

export const MAX_URL_LENGTH = 2048;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;
export const ALIAS_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;
// words that are, or may become, routes of their own; compared case-insensitively
const RESERVED_ALIASES = new Set(['health', 'links', 'api', 'admin', 'static', 'docs']);
const DATE_TIME_RULE =
  'expiresAt must be an RFC 3339 date-time with a time zone, such as 2030-01-31T12:00:00Z.';
const CURSOR_RULE = 'cursor must be the nextCursor of a previous page.';

// javascript: and data: links run code in the visitor's browser; only web pages may be shortened
export const TargetUrl = z
  .url({
    protocol: /^https?$/,
    normalize: true,
    error: (issue) =>
      issue.input == null
        ? 'url is required.'
        : 'url must be an absolute URL starting with http:// or https://, such as https://example.com/page.',
  })
  .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters long.`);

export const Alias = z
  .string({ error: 'alias must be a string.' })
  .regex(ALIAS_PATTERN, 'alias must be 3 to 32 characters: letters, digits, "-" or "_".')
  .refine((alias) => !isReservedAlias(alias), 'This alias is a reserved word; choose another one.');

export function isReservedAlias(alias: string): boolean {
  return RESERVED_ALIASES.has(alias.toLowerCase());
}

export const DateTime = z
  .string({ error: DATE_TIME_RULE })
  .toUpperCase() // RFC 3339 also allows a lower-case "t" and "z"
  .pipe(z.iso.datetime({ offset: true, error: DATE_TIME_RULE }))
  .transform((text) => new Date(text));

export const ExpiresAt = DateTime.refine((date) => date > new Date(), 'expiresAt must be in the future.');

export const TtlSeconds = z
  .int({ error: `ttlSeconds must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}.` })
  .min(1)
  .max(MAX_TTL_SECONDS);

/** The body of POST /links. `null` means "not given": JSON clients often send it. */
export const CreateLinkBody = z
  .object({
    url: TargetUrl,
    alias: Alias.nullish(),
    expiresAt: ExpiresAt.nullish(),
    ttlSeconds: TtlSeconds.nullish(),
  })
  .refine((body) => body.expiresAt == null || body.ttlSeconds == null, {
    path: ['ttlSeconds'],
    message: 'Give expiresAt or ttlSeconds, not both.',
  });
export type CreateLinkBody = z.infer<typeof CreateLinkBody>;

const LIMIT_RULE = `limit must be a positive whole number (pages hold at most ${MAX_PAGE_LIMIT}).`;

// digits only: Number() would also take "1e2", "0x10" and " 5"
export const Limit = z
  .string({ error: LIMIT_RULE })
  .regex(/^\d{1,9}$/, LIMIT_RULE)
  .transform(Number)
  .pipe(z.number().min(1, LIMIT_RULE));

/** The cursor is opaque to clients, so its format can change without breaking them. */
export const Cursor = z
  .string({ error: CURSOR_RULE })
  .transform((cursor) => Buffer.from(cursor, 'base64url').toString())
  .pipe(z.string().regex(/^id:\d{1,15}$/, CURSOR_RULE))
  .transform((decoded) => Number(decoded.slice('id:'.length)));

export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

/** The query string of GET /links; a limit above the maximum is lowered to it, not refused. */
export const ListQuery = z.object({
  limit: Limit.transform((limit) => Math.min(limit, MAX_PAGE_LIMIT)).default(DEFAULT_PAGE_LIMIT),
  cursor: Cursor.optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;
