import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference solution. Each one is a mistake learners
 * really make; the check named here must fail on it, and no other stage may fail.
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
    id: 'signup-returns-200',
    stage: 'sign-up',
    check: 'signup-201',
    description: 'POST /auth/signup answers 200 OK instead of 201 Created.',
  },
  {
    id: 'signup-returns-hash',
    stage: 'sign-up',
    check: 'signup-201',
    description: 'POST /auth/signup answers the whole user row, password hash included.',
  },
  {
    id: 'duplicate-email-500',
    stage: 'sign-up',
    check: 'signup-duplicate-409',
    description:
      "A second sign-up with the same email reaches the database's unique constraint unhandled: 500.",
  },
  {
    id: 'password-policy-missing',
    stage: 'sign-up',
    check: 'signup-weak-password-400',
    description: 'Any password is accepted, however short or long.',
  },
  {
    id: 'login-token-unusable',
    stage: 'log-in',
    check: 'login-returns-token',
    description:
      'Sessions store the SHA-256 of the token, but requests look up the raw token: no token ever works.',
  },
  {
    id: 'login-reveals-unknown-email',
    stage: 'log-in',
    check: 'login-rejects-bad-credentials',
    description:
      'An unknown email answers "No account uses this email." while a wrong password answers another message.',
  },
  {
    id: 'create-task-returns-200',
    stage: 'tasks',
    check: 'create-task-201',
    description: 'POST /tasks answers 200 OK instead of 201 Created.',
  },
  {
    id: 'create-task-missing-location',
    stage: 'tasks',
    check: 'create-task-201',
    description: 'POST /tasks answers 201 without a Location header.',
  },
  {
    id: 'patch-clears-omitted-fields',
    stage: 'tasks',
    check: 'update-task-200',
    description:
      'PATCH replaces the whole task: fields the body leaves out are reset (description to null, status to todo).',
  },
  {
    id: 'delete-keeps-task',
    stage: 'tasks',
    check: 'delete-task-204',
    description: 'DELETE answers 204 but only marks the task deleted, and GET still finds it.',
  },
  {
    id: 'missing-task-500',
    stage: 'tasks',
    check: 'unknown-task-404',
    description: 'PATCH and DELETE of a task that does not exist read a property of the missing row: 500.',
  },
  {
    id: 'auth-optional',
    stage: 'authentication',
    check: 'missing-token-401',
    description:
      'Requests without an Authorization header are served as an anonymous user instead of refused.',
  },
  {
    id: 'token-prefix-match',
    stage: 'authentication',
    check: 'invalid-token-401',
    description:
      "The session lookup is `token_hash LIKE $1 || '%'` on the raw token: any prefix of a real token is accepted.",
  },
  {
    id: 'read-any-task',
    stage: 'isolation',
    check: 'cross-user-task-access',
    description: "GET /tasks/{id} looks the task up by id alone, so anyone signed in can read anyone's task.",
  },
  {
    id: 'delete-any-task',
    stage: 'isolation',
    check: 'cross-user-task-access',
    description:
      "DELETE /tasks/{id} deletes by id alone (and then answers 404 because the owner's task is gone from their view).",
  },
  {
    id: 'list-all-tasks',
    stage: 'isolation',
    check: 'cross-user-listing',
    description: "GET /tasks lists every user's tasks.",
  },
  {
    id: 'title-not-validated',
    stage: 'validation',
    check: 'task-title-400',
    description: 'Any title is stored: empty, whitespace only, or 201 characters long.',
  },
  {
    id: 'status-check-500',
    stage: 'validation',
    check: 'task-status-400',
    description:
      "status is not validated, so an unknown status reaches the database's CHECK constraint: 500.",
  },
  {
    id: 'due-date-not-validated',
    stage: 'validation',
    check: 'task-due-date-400',
    description:
      'dueDate is passed to the database as is: "2030-02-30" and "tomorrow" crash the insert (500).',
  },
  {
    id: 'list-unordered',
    stage: 'listing',
    check: 'list-own-tasks',
    description: 'The listing query has no ORDER BY: tasks come back oldest first, not newest first.',
  },
  {
    id: 'status-filter-ignored',
    stage: 'listing',
    check: 'filter-status',
    description: 'The status query parameter is accepted and ignored.',
  },
  {
    id: 'due-range-exclusive',
    stage: 'listing',
    check: 'filter-due-range',
    description:
      'dueFrom and dueTo are compared with > and <, so tasks due on the boundary days are left out.',
  },
  {
    id: 'sort-descending-ignored',
    stage: 'listing',
    check: 'sort-due-date',
    description: 'sort=-dueDate sorts ascending: the minus sign is dropped.',
  },
  {
    id: 'offset-pagination',
    stage: 'listing',
    check: 'cursor-stable-walk',
    description:
      'The cursor is an OFFSET: a task created between two page reads shifts the rows, and one comes back twice.',
  },
  {
    id: 'etag-missing',
    stage: 'concurrency',
    check: 'etag-on-read',
    description: 'GET /tasks/{id} sends no ETag header.',
  },
  {
    id: 'if-match-ignored',
    stage: 'concurrency',
    check: 'stale-update-412',
    description: 'If-Match is required but never compared: a stale update overwrites the newer one.',
  },
  {
    id: 'if-match-optional',
    stage: 'concurrency',
    check: 'missing-if-match-428',
    description: 'An update without If-Match is applied instead of refused with 428.',
  },
  {
    id: 'mass-assignment-owner',
    stage: 'security',
    check: 'mass-assignment',
    description:
      'POST /tasks takes ownerId from the body when present, so a task can be planted in another account.',
  },
  {
    id: 'no-login-rate-limit',
    stage: 'security',
    check: 'login-rate-limit',
    description: 'Failed log-ins are never limited.',
  },
  {
    id: 'rate-limit-no-retry-after',
    stage: 'security',
    check: 'login-rate-limit',
    description: 'Failed log-ins end in 429, but without a Retry-After header.',
  },
  {
    id: 'me-returns-password-hash',
    stage: 'security',
    check: 'response-hygiene',
    description: 'GET /me answers the whole user row, password hash included.',
  },
  {
    id: 'sort-sql-injection',
    stage: 'security',
    check: 'sqli-query-params',
    description:
      'An unknown sort value is pasted into ORDER BY instead of refused: a quote in ?sort= is a 500.',
  },
  {
    id: 'slow-listing',
    stage: 'performance',
    check: 'list-latency',
    description:
      'Each listing waits 250 ms (a query that misses its index, say), far beyond the latency budget.',
  },
  {
    id: 'listing-errors-under-load',
    stage: 'performance',
    check: 'list-no-errors',
    description:
      'After its first 300 listings the server answers one in 20 with 503, as an exhausted pool would.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
