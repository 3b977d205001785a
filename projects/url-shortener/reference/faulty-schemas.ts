// The wrong ways to write the request schemas, used only when a fault is switched on (see ../faults.ts).
// Each is a mistake the grader must catch; none belongs in real code.
import { z } from 'zod';
import type { FaultId } from '../faults';
import {
  ALIAS_PATTERN,
  CreateLinkBody,
  DateTime,
  DEFAULT_PAGE_LIMIT,
  isReservedAlias,
  Limit,
  ListQuery,
  MAX_URL_LENGTH,
  TargetUrl,
} from './links.schemas';

/** The POST /links body a validation fault accepts instead; undefined when the fault is not one. */
export function faultyCreateLinkBody(fault: FaultId | undefined): z.ZodType<CreateLinkBody> | undefined {
  switch (fault) {
    case 'missing-url-500': // a string method called on a url that may be missing
      return CreateLinkBody.safeExtend({ url: z.preprocess((url: string) => url.trim(), TargetUrl) });
    case 'accepts-javascript-scheme': // any scheme the URL parser knows
      return CreateLinkBody.safeExtend({ url: z.url({ normalize: true }).max(MAX_URL_LENGTH) });
    case 'alias-rules-not-enforced':
      return CreateLinkBody.safeExtend({ alias: z.string().nullish() });
    case 'reserved-alias-accepted':
      return CreateLinkBody.safeExtend({ alias: z.string().regex(ALIAS_PATTERN).nullish() });
    case 'alias-insert-sql-injection': // a deny-list of the characters that break a URL, not an allow-list
      return CreateLinkBody.safeExtend({
        alias: z
          .string()
          .regex(/^[^\s/.?#]{3,32}$/)
          .refine((alias) => !isReservedAlias(alias))
          .nullish(),
      });
    case 'past-expiry-accepted':
      return CreateLinkBody.safeExtend({ expiresAt: DateTime.nullish() });
    default:
      return undefined;
  }
}

/** The GET /links query a validation fault accepts instead; undefined when the fault is not one. */
export function faultyListQuery(fault: FaultId | undefined): z.ZodType<ListQuery> | undefined {
  if (fault === 'listing-no-limit-cap')
    return ListQuery.safeExtend({ limit: Limit.default(DEFAULT_PAGE_LIMIT) });
  return undefined;
}
