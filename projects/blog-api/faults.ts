import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference Conduit backend. Each one is a mistake
 * learners really make; the check named here must fail on it, and no other stage may fail.
 * In the reference code each fault is one branch, found by searching for its id.
 */
export const FAULTS = [
  // users and authentication
  {
    id: 'register-returns-200',
    stage: 'users',
    check: 'register-201',
    description: 'POST /users answers 200 OK instead of 201 Created.',
  },
  {
    id: 'login-ignores-password',
    stage: 'users',
    check: 'login-200',
    description: 'POST /users/login finds the user by email and never checks the password.',
  },
  {
    id: 'current-user-is-first-user',
    stage: 'users',
    check: 'current-user',
    description: 'GET /user answers the oldest account instead of the one the token names.',
  },
  {
    id: 'update-user-ignores-bio',
    stage: 'users',
    check: 'update-user',
    description: 'PUT /user answers 200 but drops bio and image from the update.',
  },
  // profiles
  {
    id: 'profile-drops-null-fields',
    stage: 'profiles',
    check: 'get-profile',
    description: 'Profiles leave out bio and image when they are null, although the contract requires both.',
  },
  {
    id: 'follow-not-reported',
    stage: 'profiles',
    check: 'follow-unfollow',
    description: 'POST /profiles/{username}/follow stores the follow but answers "following": false.',
  },
  // articles
  {
    id: 'create-article-returns-200',
    stage: 'articles',
    check: 'create-article-201',
    description: 'POST /articles answers 200 OK instead of 201 Created.',
  },
  {
    id: 'timestamps-as-epoch',
    stage: 'articles',
    check: 'get-article',
    description:
      'GET /articles/{slug} sends createdAt and updatedAt as epoch milliseconds, not date-time strings.',
  },
  {
    id: 'update-article-title-only',
    stage: 'articles',
    check: 'update-article',
    description: 'PUT /articles/{slug} applies title and ignores description and body.',
  },
  {
    id: 'delete-article-keeps-it',
    stage: 'articles',
    check: 'delete-article-204',
    description: 'DELETE /articles/{slug} answers 204 but deletes nothing.',
  },
  // comments
  {
    id: 'add-comment-returns-200',
    stage: 'comments',
    check: 'add-comment-201',
    description: 'POST /articles/{slug}/comments answers 200 OK instead of 201 Created.',
  },
  {
    id: 'comments-of-every-article',
    stage: 'comments',
    check: 'list-comments',
    description: "GET /articles/{slug}/comments lists every article's comments, not just this one's.",
  },
  {
    id: 'delete-comment-keeps-it',
    stage: 'comments',
    check: 'delete-comment-204',
    description: 'DELETE /articles/{slug}/comments/{id} answers 204 but deletes nothing.',
  },
  // favourites
  {
    id: 'favorite-count-stale',
    stage: 'favorites',
    check: 'favorite-article',
    description:
      'POST /articles/{slug}/favorite answers the article as it was before the favourite: count unchanged.',
  },
  {
    id: 'unfavorite-does-nothing',
    stage: 'favorites',
    check: 'unfavorite-article',
    description: 'DELETE /articles/{slug}/favorite answers 200 but keeps the favourite.',
  },
  // tags
  {
    id: 'tags-repeated',
    stage: 'tags',
    check: 'tags-list',
    description:
      'GET /tags selects the tag of every article without DISTINCT, so a tag used twice is listed twice.',
  },
  // listing and the feed
  {
    id: 'list-includes-body',
    stage: 'listing',
    check: 'list-no-body',
    description: 'GET /articles sends each article whole, body included, though list items carry no body.',
  },
  {
    id: 'tag-filter-ignored',
    stage: 'listing',
    check: 'filter-tag',
    description: 'The tag query parameter is accepted and ignored.',
  },
  {
    id: 'author-filter-ignored',
    stage: 'listing',
    check: 'filter-author',
    description: 'The author query parameter is accepted and ignored.',
  },
  {
    id: 'favorited-filter-is-author',
    stage: 'listing',
    check: 'filter-favorited',
    description: 'favorited=<username> lists the articles that user wrote instead of those they favourited.',
  },
  {
    id: 'offset-ignored',
    stage: 'listing',
    check: 'limit-offset',
    description: 'offset is accepted and ignored: every page starts at the newest article.',
  },
  {
    id: 'feed-oldest-first',
    stage: 'listing',
    check: 'feed',
    description: 'GET /articles/feed sorts oldest first.',
  },
  // error responses
  {
    id: 'missing-token-500',
    stage: 'errors',
    check: 'unauthorized-401',
    description:
      'Routes that need a token split a missing Authorization header without checking it first: 500.',
  },
  {
    id: 'unknown-profile-500',
    stage: 'errors',
    check: 'not-found-404',
    description: 'GET /profiles/{username} of an unknown user reads a property of the missing row: 500.',
  },
  {
    id: 'duplicate-username-500',
    stage: 'errors',
    check: 'duplicate-409',
    description: "A taken username reaches the database's unique constraint unhandled: 500.",
  },
  {
    id: 'blank-title-accepted',
    stage: 'errors',
    check: 'validation-422',
    description: 'An article with an empty title is stored (201) instead of refused with 422.',
  },
  // object-level authorization
  {
    id: 'anyone-edits-articles',
    stage: 'authorization',
    check: 'others-article-403',
    description: 'PUT and DELETE /articles/{slug} check the token but not that the caller wrote the article.',
  },
  {
    id: 'anyone-deletes-comments',
    stage: 'authorization',
    check: 'others-comment-403',
    description: 'DELETE /articles/{slug}/comments/{id} deletes any comment for any signed-in user.',
  },
  {
    id: 'favorited-by-anyone',
    stage: 'authorization',
    check: 'favorite-is-per-user',
    description: '"favorited" is true for every reader once anyone has favourited the article.',
  },
  {
    id: 'feed-shows-everyone',
    stage: 'authorization',
    check: 'feed-only-followed',
    description: 'GET /articles/feed lists every article, not only those of authors the caller follows.',
  },
  // JWT
  {
    id: 'garbage-token-500',
    stage: 'jwt',
    check: 'malformed-token-401',
    description: 'A token that is not a JWT makes the verifier throw, and the error is not caught: 500.',
  },
  {
    id: 'jwt-decoded-not-verified',
    stage: 'jwt',
    check: 'forged-token-401',
    description: "The token's payload is decoded and trusted without checking the signature.",
  },
  {
    id: 'alg-none-accepted',
    stage: 'jwt',
    check: 'forged-token-401',
    description: 'A token whose header says "alg": "none" is trusted without a signature.',
  },
  // injection
  {
    id: 'tag-filter-sql-spliced',
    stage: 'injection',
    check: 'sqli-filters',
    description:
      "The tag filter is pasted into the SQL text: a quote in ?tag= is a 500 with PostgreSQL's message.",
  },
  {
    id: 'slug-sql-spliced',
    stage: 'injection',
    check: 'sqli-slug',
    description: 'GET /articles/{slug} pastes the slug into the SQL text.',
  },
  {
    id: 'html-body-served-as-html',
    stage: 'injection',
    check: 'stored-html-json',
    description: 'An article whose body holds HTML is served with Content-Type: text/html.',
  },
  // exact counts under concurrency
  {
    id: 'favorites-rewritten-from-stale-read',
    stage: 'concurrency',
    check: 'concurrent-favorites',
    description:
      "Favouriting reads the article's favourites, adds the caller, and writes the whole set back: concurrent favourites overwrite each other.",
  },
  {
    id: 'follows-rewritten-from-stale-read',
    stage: 'concurrency',
    check: 'concurrent-follows',
    description:
      "Following reads the author's followers, adds the caller, and writes the whole set back: concurrent follows overwrite each other.",
  },
  // resilience
  {
    id: 'failed-delete-closes-database',
    stage: 'resilience',
    check: 'survives-failed-deletes',
    description:
      'A DELETE that ends in 404 closes the database handle on its error path (a `finally` meant for a per-request client): every later request answers 500.',
  },
  {
    id: 'limit-capped-at-50',
    stage: 'resilience',
    check: 'large-page',
    description: 'limit is silently capped at 50, so ?limit=100 answers 50 articles where 100 exist.',
  },
  {
    id: 'deep-offset-500',
    stage: 'resilience',
    check: 'deep-offset',
    description: 'A page past the last article reads the total from its first row, which is missing: 500.',
  },
  // performance
  {
    id: 'slow-article-list',
    stage: 'performance',
    check: 'list-latency',
    description: 'GET /articles waits 250 ms before answering (a query that misses its index, say).',
  },
  {
    id: 'slow-feed',
    stage: 'performance',
    check: 'feed-latency',
    description: 'GET /articles/feed waits 250 ms before answering (a query that misses its index, say).',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
