import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference solution. Each one is a mistake learners
 * really make; the check named here must fail on it, and no other stage may fail (the proof suite,
 * projects/kit/proof, holds every project to that).
 * In the reference code each fault is one branch, found by searching for its id.
 */
export const FAULTS = [
  {
    id: 'health-not-json',
    stage: 'health',
    check: 'health-ok',
    description: 'GET /health answers 200 with the text "OK" as text/plain instead of a JSON object.',
  },
  {
    id: 'create-returns-200',
    stage: 'create-link',
    check: 'create-returns-201',
    description: 'POST /links answers 200 OK instead of 201 Created.',
  },
  {
    id: 'create-missing-location',
    stage: 'create-link',
    check: 'create-sets-location',
    description: 'POST /links answers 201 without a Location header.',
  },
  {
    id: 'redirect-200-with-body',
    stage: 'redirect',
    check: 'redirect-status',
    description: 'GET /{code} answers 200 with an HTML page linking to the target instead of a redirect.',
  },
  {
    id: 'redirect-wrong-target',
    stage: 'redirect',
    check: 'redirect-location',
    description: 'The redirect drops the query string, so Location is not the URL that was shortened.',
  },
  {
    id: 'not-found-returns-500',
    stage: 'not-found',
    check: 'unknown-code-404',
    description: 'An unknown code crashes the handler (it reads a property of the missing row): 500.',
  },
  {
    id: 'missing-url-500',
    stage: 'validation',
    check: 'missing-url-400',
    description: 'A body without `url` crashes the validation (it calls a string method on undefined): 500.',
  },
  {
    id: 'accepts-javascript-scheme',
    stage: 'validation',
    check: 'unsafe-scheme-400',
    description:
      'Any URL the parser accepts is stored, so javascript:, data:, ftp: and file: links are created.',
  },
  {
    id: 'validation-error-no-field',
    stage: 'validation',
    check: 'invalid-url-400',
    description: 'Validation errors are 400 but the body does not say which field is at fault.',
  },
  {
    id: 'alias-ignored',
    stage: 'custom-alias',
    check: 'alias-create',
    description: 'The `alias` field is ignored: a random code is generated instead.',
  },
  {
    id: 'alias-conflict-overwrites',
    stage: 'custom-alias',
    check: 'alias-conflict-409',
    description: 'Creating a link with a taken alias replaces the existing link (an upsert) and answers 201.',
  },
  {
    id: 'alias-conflict-500',
    stage: 'custom-alias',
    check: 'alias-conflict-409',
    description: "A taken alias reaches the database's unique constraint unhandled: 500 instead of 409.",
  },
  {
    id: 'alias-rules-not-enforced',
    stage: 'custom-alias',
    check: 'alias-invalid-400',
    description: 'Any alias is accepted: too short, too long, with spaces or slashes.',
  },
  {
    id: 'reserved-alias-accepted',
    stage: 'custom-alias',
    check: 'alias-reserved-400',
    description: 'Reserved words such as `health` and `links` are accepted as aliases.',
  },
  {
    id: 'last-clicked-not-updated',
    stage: 'click-stats',
    check: 'stats-after-clicks',
    description: 'Redirects count clicks but never set lastClickedAt.',
  },
  {
    id: 'stats-read-then-write',
    stage: 'click-stats',
    check: 'stats-concurrent-clicks',
    description:
      'A redirect reads the click count, awaits, then writes count + 1: concurrent redirects overwrite each other and clicks are lost.',
  },
  {
    id: 'expiry-ignored',
    stage: 'expiry',
    check: 'expired-link-410',
    description: 'The redirect query does not look at expires_at: expired links keep redirecting.',
  },
  {
    id: 'expired-returns-404',
    stage: 'expiry',
    check: 'expired-link-410',
    description: 'Expired links answer 404 Not Found instead of 410 Gone.',
  },
  {
    id: 'past-expiry-accepted',
    stage: 'expiry',
    check: 'expiry-validation-400',
    description: 'An expiresAt in the past is accepted, creating a link that is born expired.',
  },
  {
    id: 'listing-unstable-order',
    stage: 'listing',
    check: 'listing-first-page',
    description:
      'The listing query has no ORDER BY: rows come back in storage order (oldest first) and pages overlap.',
  },
  {
    id: 'listing-cursor-overlap',
    stage: 'listing',
    check: 'listing-walk',
    description:
      'The cursor condition is `id <= cursor`: the last link of each page comes back on the next page.',
  },
  {
    id: 'listing-no-limit-cap',
    stage: 'listing',
    check: 'listing-limit-bounds',
    description: 'limit is not capped: ?limit=1000 returns every link at once.',
  },
  {
    id: 'alias-sql-injection',
    stage: 'security',
    check: 'sqli-code-param',
    description:
      "The stats lookup pastes the code into its SQL: /links/x' OR '1'='1 returns a link, a lone quote is a 500.",
  },
  {
    id: 'alias-insert-sql-injection',
    stage: 'security',
    check: 'sqli-alias-create',
    description:
      'Aliases are screened with a deny-list (whitespace, / . ? #) instead of an allow-list, and the insert pastes the code into its SQL: an alias with a quote is a 500.',
  },
  {
    id: 'error-leaks-stack',
    stage: 'security',
    check: 'no-stack-traces',
    description:
      "Error bodies include the exception's stack trace (file paths, line numbers, library names).",
  },
  {
    id: 'html-error-reflects-input',
    stage: 'security',
    check: 'no-reflected-html',
    description:
      'Browsers (Accept: text/html) get an HTML 404 page that echoes the requested code unescaped.',
  },
  {
    id: 'powered-by-header',
    stage: 'security',
    check: 'security-headers',
    description:
      'Every response carries `X-Powered-By: Fastify/5`, advertising the framework and its version.',
  },
  {
    id: 'missing-nosniff',
    stage: 'security',
    check: 'security-headers',
    description: 'Responses lack `X-Content-Type-Options: nosniff`.',
  },
  {
    id: 'slow-redirect',
    stage: 'performance',
    check: 'redirect-latency',
    description:
      'Each redirect waits 250 ms (a lookup that misses its index, say), far beyond the latency budget.',
  },
  {
    id: 'errors-under-load',
    stage: 'performance',
    check: 'redirect-no-errors',
    description:
      'After its first 300 redirects the server answers one redirect in 20 with 503, as an exhausted connection pool would.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
