import {
  type CheckContext,
  expectContentType,
  expectJsonField,
  expectStatus,
  type Failure,
  type HttpResponse,
  is,
} from '@groundwork/grader';
import { isObject } from '../../kit/checks/problem-body';
import { TOPIC } from './topics';

/** One page of `GET /links`, read leniently: `nextCursor` when the body has it, otherwise `next`. */
export interface ListingPage {
  res: HttpResponse;
  codes: string[];
  /** Where the next page is (a path or an absolute URL under the target); undefined on the last page. */
  next: string | undefined;
  /** The body has `nextCursor` or `next` at all (null included). */
  hasPaginationField: boolean;
}

/** `/links?limit=3`, optionally from a cursor. */
export function listingPath(limit: number, cursor?: string): string {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor === undefined ? {} : { cursor }) });
  return `/links?${query}`;
}

/**
 * Fetches a page (a path such as `/links?limit=3`, or the absolute `next` URL of the previous page) and
 * reads it; see {@link readPage}.
 */
export async function fetchPage(
  ctx: CheckContext,
  pathOrUrl: string,
  limit: number,
): Promise<ListingPage | Failure> {
  return readPage(await ctx.http.get(pathOrUrl), limit);
}

/** Reads a page's codes and where the next page is; a failure when the answer is not a page of links. */
export function readPage(res: HttpResponse, limit: number): ListingPage | Failure {
  const failure =
    expectStatus(res, 200, { topic: TOPIC.apiDesign }) ??
    expectContentType(res, 'application/json', { topic: TOPIC.apiDesign }) ??
    expectJsonField(res, 'items', is.arrayOf({ code: is.nonEmptyString() }), { topic: TOPIC.apiDesign });
  if (failure) return failure;
  const body = res.json() as Record<string, unknown>;
  const codes = (body.items as Array<{ code: string }>).map((item) => item.code);
  return { res, codes, next: nextPageOf(body, res.url, limit), hasPaginationField: hasPaginationField(body) };
}

function hasPaginationField(body: Record<string, unknown>): boolean {
  return Object.hasOwn(body, 'nextCursor') || Object.hasOwn(body, 'next');
}

function nextPageOf(body: Record<string, unknown>, pageUrl: string, limit: number): string | undefined {
  if (Object.hasOwn(body, 'nextCursor')) {
    const cursor = body.nextCursor;
    const isCursor = (typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number';
    return isCursor ? listingPath(limit, String(cursor)) : undefined;
  }
  const { next } = body;
  if (typeof next !== 'string' || next === '' || !URL.canParse(next, pageUrl)) return undefined;
  return new URL(next, pageUrl).href;
}

export function isListingPage(value: ListingPage | Failure): value is ListingPage {
  return isObject(value) && 'codes' in value;
}
