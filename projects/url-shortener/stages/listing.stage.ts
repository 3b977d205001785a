import { type CheckContext, defineCheck, defineStage, type Failure, fail, pass } from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import { createLinkFor, isFailure, linkFromResponse, uniqueTargetUrl } from './link-requests';
import { fetchPage, isListingPage, listingPath, readPage } from './listing-pages';
import { TOPIC } from './topics';

const FIRST_PAGE_LINKS = 3;
const WALKED_LINKS = 7;
const PAGE_LIMIT = 3;
// enough to pass the links just created on any server, few enough to end quickly on a crowded database
const MAX_WALK_PAGES = 20;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const LINKS_PAST_MAX = MAX_LIMIT + 1;
const BULK_CONNECTIONS = 8;

/** Creates `count` links one after the other (so their order is known); returns their codes, oldest first. */
async function createInOrder(ctx: CheckContext, count: number, purpose: string): Promise<string[] | Failure> {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const link = await createLinkFor(ctx, purpose);
    if (isFailure(link)) return link;
    codes.push(link.code);
  }
  return codes;
}

/** Creates `count` links a few at a time, when their order does not matter. */
async function createInBulk(ctx: CheckContext, count: number, purpose: string): Promise<true | Failure> {
  const wide = ctx.http.withConnections(BULK_CONNECTIONS);
  for (let done = 0; done < count; done += BULK_CONNECTIONS) {
    const bodies = Array.from({ length: Math.min(BULK_CONNECTIONS, count - done) }, () => ({
      url: uniqueTargetUrl(ctx),
    }));
    const answers = await Promise.all(bodies.map((json) => wide.post('/links', { json })));
    for (const [index, res] of answers.entries()) {
      const link = linkFromResponse(res, bodies[index] ?? {}, purpose);
      if (isFailure(link)) return link;
    }
  }
  return true;
}

function listCodes(codes: readonly string[]): string {
  return codes.length === 0 ? 'none' : codes.join(', ');
}

const listingFirstPage = defineCheck({
  id: 'listing-first-page',
  title: 'GET /links?limit=3 answers the three newest links, newest first, and a cursor to the next page',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    // one older link first, so a next page must exist even on an empty database
    const created = await createInOrder(ctx, FIRST_PAGE_LINKS + 1, 'the listing has links to list');
    if (isFailure(created)) return created;
    const expected = created.slice(1).reverse();
    const request = `GET ${listingPath(PAGE_LIMIT)}`;
    const page = await fetchPage(ctx, listingPath(PAGE_LIMIT), PAGE_LIMIT);
    if (!isListingPage(page)) return page;
    if (page.codes.join() !== expected.join()) {
      const isReordered =
        page.codes.length === expected.length && expected.every((c) => page.codes.includes(c));
      return fail({
        expected: `items: ${listCodes(expected)}`,
        actual: `items: ${listCodes(page.codes)}`,
        hint: `${request} should list the three links just created, newest first (${listCodes(expected)}), but it listed ${listCodes(page.codes)}${isReordered ? ', the right links in the wrong order' : ''}: sort by creation, newest first (e.g. ORDER BY id DESC).`,
        topic: page.codes.length > PAGE_LIMIT ? TOPIC.apiDesign : TOPIC.sqlBasics,
        exchange: page.res.exchange,
      });
    }
    if (page.next === undefined) {
      return fail({
        expected: 'a non-null nextCursor (or next)',
        actual: page.hasPaginationField ? 'null' : 'neither nextCursor nor next',
        hint: `${request} should say how to reach the next page (a non-null nextCursor, or next) since older links exist, but it gave ${page.hasPaginationField ? 'null' : 'neither'}.`,
        exchange: page.res.exchange,
      });
    }
    return pass();
  },
});

const listingWalk = defineCheck({
  id: 'listing-walk',
  title: 'Walking the pages with limit=3 visits every link once, newest first',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const created = await createInOrder(ctx, WALKED_LINKS, 'the listing has pages to walk');
    if (isFailure(created)) return created;
    const expected = [...created].reverse();
    const seen: string[] = [];
    const pageOfCode = new Map<string, number>();
    let next: string | undefined = listingPath(PAGE_LIMIT);
    let pageNumber = 0;
    while (next !== undefined && pageNumber < MAX_WALK_PAGES) {
      const page = await fetchPage(ctx, next, PAGE_LIMIT);
      if (!isListingPage(page)) return page;
      pageNumber++;
      if (page.codes.length > PAGE_LIMIT) {
        return fail({
          expected: `at most ${PAGE_LIMIT} links per page`,
          actual: `${page.codes.length} links on page ${pageNumber}`,
          hint: `Page ${pageNumber} of GET ${listingPath(PAGE_LIMIT)} held ${page.codes.length} links, but a page should never hold more than its limit (${PAGE_LIMIT}).`,
          exchange: page.res.exchange,
        });
      }
      for (const code of page.codes) {
        const earlierPage = pageOfCode.get(code);
        if (earlierPage !== undefined) {
          return fail({
            expected: 'every link exactly once',
            actual: `${code} on page ${earlierPage} and again on page ${pageNumber}`,
            hint: `Walking GET ${listingPath(PAGE_LIMIT)} page by page returned ${code} twice (pages ${earlierPage} and ${pageNumber}), but each link should appear once: the next page should start just after the last link of the previous one.`,
            exchange: page.res.exchange,
          });
        }
        pageOfCode.set(code, pageNumber);
        seen.push(code);
      }
      next = page.next;
    }
    const newest = seen.slice(0, WALKED_LINKS);
    if (newest.join() === expected.join()) return pass();
    return fail({
      expected: `first ${WALKED_LINKS} links: ${listCodes(expected)}`,
      actual: `first ${newest.length} links: ${listCodes(newest)}`,
      hint:
        seen.length < WALKED_LINKS
          ? `Walking GET ${listingPath(PAGE_LIMIT)} page by page ended after ${seen.length} links, but it should reach all ${WALKED_LINKS} links just created (${listCodes(expected)}).`
          : `Walking GET ${listingPath(PAGE_LIMIT)} page by page should start with the ${WALKED_LINKS} links just created, newest first (${listCodes(expected)}), but it gave ${listCodes(newest)}.`,
    });
  },
});

const listingLimitBounds = defineCheck({
  id: 'listing-limit-bounds',
  title: 'limit defaults to 20, is capped at 100, and 0 or abc answer 400 naming limit',
  topic: TOPIC.apiDesign,
  async run(ctx) {
    const created = await createInBulk(ctx, LINKS_PAST_MAX, `the listing holds more than ${MAX_LIMIT} links`);
    if (isFailure(created)) return created;

    const byDefault = await fetchPage(ctx, '/links', DEFAULT_LIMIT);
    if (!isListingPage(byDefault)) return byDefault;
    if (byDefault.codes.length !== DEFAULT_LIMIT) {
      return fail({
        expected: `${DEFAULT_LIMIT} items`,
        actual: `${byDefault.codes.length} items`,
        hint: `GET /links without a limit should answer ${DEFAULT_LIMIT} links (the default page size) when more than ${MAX_LIMIT} exist, but it answered ${byDefault.codes.length}.`,
        exchange: byDefault.res.exchange,
      });
    }

    const tooMany = listingPath(1000);
    const capped = await ctx.http.get(tooMany);
    if (capped.status === 400) {
      const failure = expectJsonError(capped, { status: 400, field: 'limit', request: `GET ${tooMany}` });
      if (failure) return failure;
    } else {
      const page = readPage(capped, 1000);
      if (!isListingPage(page)) return page;
      if (page.codes.length < 1 || page.codes.length > MAX_LIMIT) {
        return fail({
          expected: `1 to ${MAX_LIMIT} items (or 400 naming limit)`,
          actual: `${page.codes.length} items`,
          hint: `GET ${tooMany} should answer at most ${MAX_LIMIT} links (or 400 naming limit), but it answered ${page.codes.length}: cap limit so that one request cannot ask for every row.`,
          exchange: page.res.exchange,
        });
      }
    }

    for (const limit of ['0', 'abc']) {
      const path = `/links?limit=${limit}`;
      const failure = expectJsonError(await ctx.http.get(path), {
        status: 400,
        field: 'limit',
        request: `GET ${path}`,
        rule: 'limit must be a whole number from 1',
        topic: TOPIC.inputValidation,
      });
      if (failure) return failure;
    }
    return pass();
  },
});

export const listingStage = defineStage({
  id: 'listing',
  title: 'Listing',
  difficulty: 'intermediate',
  needs: ['create-link', 'validation'],
  topics: [TOPIC.apiDesign, TOPIC.sqlBasics, TOPIC.inputValidation, TOPIC.databaseIndexes, TOPIC.restApis],
  checks: [listingFirstPage, listingWalk, listingLimitBounds],
});
