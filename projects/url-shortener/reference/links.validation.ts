import type { FaultId } from '../faults';
import { problems } from './errors';

export const MAX_URL_LENGTH = 2048;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 60 * 60;
const ALIAS_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;
// words that are, or may become, routes of their own; compared case-insensitively
const RESERVED_ALIASES = new Set(['health', 'links', 'api', 'admin', 'static', 'docs']);
const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export interface CreateLinkInput {
  url: string;
  alias?: string | undefined;
  expiresAt?: Date | undefined;
}

export interface ListQuery {
  limit: number;
  /** Only links older than this id: the position the cursor points at. */
  beforeId?: number | undefined;
}

/** Checks a POST /links body; throws a 400 problem naming the first field at fault. */
export function parseCreateLinkInput(body: unknown, now: Date, fault?: FaultId): CreateLinkInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problems.invalidBody();
  const fields = body as Record<string, unknown>;
  const url = parseTargetUrl(fields.url, fault);
  const alias = isAbsent(fields.alias) ? undefined : parseAlias(fields.alias, fault);
  const expiresAt = parseExpiry(fields, now, fault);
  return { url, alias, expiresAt };
}

/** Checks the GET /links query string; a limit above the maximum is lowered to it. */
export function parseListQuery(query: unknown, fault?: FaultId): ListQuery {
  const { limit, cursor } = query as Record<string, unknown>;
  return {
    limit: parseLimit(limit, fault),
    beforeId: cursor === undefined ? undefined : parseCursor(cursor),
  };
}

/** The cursor is opaque to clients, so its format can change without breaking them. */
export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

function parseTargetUrl(value: unknown, fault?: FaultId): string {
  if (fault === 'missing-url-500') value = (value as string).trim();
  if (isAbsent(value)) throw problems.invalidField('url', 'url is required.');
  if (typeof value !== 'string') throw problems.invalidField('url', 'url must be a string.');
  if (value.length > MAX_URL_LENGTH) {
    throw problems.invalidField('url', `url must be at most ${MAX_URL_LENGTH} characters long.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw problems.invalidField('url', 'url must be an absolute URL, such as https://example.com/page.');
  }
  if (fault === 'accepts-javascript-scheme') return parsed.href;
  // javascript: and data: links run code in the visitor's browser; only web pages may be shortened
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw problems.invalidField('url', 'url must start with http:// or https://.');
  }
  return parsed.href;
}

function parseAlias(value: unknown, fault?: FaultId): string {
  if (typeof value !== 'string') throw problems.invalidField('alias', 'alias must be a string.');
  if (fault === 'alias-rules-not-enforced') return value;
  if (!ALIAS_PATTERN.test(value)) {
    throw problems.invalidField('alias', 'alias must be 3 to 32 characters: letters, digits, "-" or "_".');
  }
  if (fault === 'reserved-alias-accepted') return value;
  if (RESERVED_ALIASES.has(value.toLowerCase())) {
    throw problems.invalidField('alias', 'This alias is a reserved word; choose another one.');
  }
  return value;
}

function parseExpiry(fields: Record<string, unknown>, now: Date, fault?: FaultId): Date | undefined {
  const { expiresAt, ttlSeconds } = fields;
  if (!isAbsent(expiresAt) && !isAbsent(ttlSeconds)) {
    throw problems.invalidField('ttlSeconds', 'Give expiresAt or ttlSeconds, not both.');
  }
  if (!isAbsent(ttlSeconds)) return new Date(now.getTime() + parseTtlSeconds(ttlSeconds) * 1000);
  if (!isAbsent(expiresAt)) return parseExpiresAt(expiresAt, now, fault);
  return undefined;
}

function parseTtlSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TTL_SECONDS) {
    throw problems.invalidField(
      'ttlSeconds',
      `ttlSeconds must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}.`,
    );
  }
  return value;
}

function parseExpiresAt(value: unknown, now: Date, fault?: FaultId): Date {
  const date = typeof value === 'string' && RFC_3339_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw problems.invalidField(
      'expiresAt',
      'expiresAt must be an RFC 3339 date-time with a time zone, such as 2030-01-31T12:00:00Z.',
    );
  }
  if (fault === 'past-expiry-accepted') return date;
  if (date <= now) throw problems.invalidField('expiresAt', 'expiresAt must be in the future.');
  return date;
}

function parseLimit(value: unknown, fault?: FaultId): number {
  if (value === undefined) return DEFAULT_PAGE_LIMIT;
  const limit = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0;
  if (limit < 1) {
    throw problems.invalidField(
      'limit',
      `limit must be a positive whole number (pages hold at most ${MAX_PAGE_LIMIT}).`,
    );
  }
  if (fault === 'listing-no-limit-cap') return limit;
  return Math.min(limit, MAX_PAGE_LIMIT);
}

function parseCursor(value: unknown): number {
  const decoded = typeof value === 'string' ? Buffer.from(value, 'base64url').toString() : '';
  const id = /^id:(\d{1,15})$/.exec(decoded)?.[1];
  if (id === undefined) {
    throw problems.invalidField('cursor', 'cursor must be the nextCursor of a previous page.');
  }
  return Number(id);
}

// JSON clients often send null for "not given"
function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
