/** U+0000 cannot be stored in PostgreSQL text or jsonb; what a learner's server sent is kept, with this in its place. */
const NUL_REPLACEMENT = '\uFFFD';

/**
 * A copy of a JSON value whose strings (and keys) hold no NUL character, which PostgreSQL refuses.
 * Request input with NUL is refused at validation; this is for what the grader *received* from a
 * learner's server (a body excerpt, a value quoted in a failure), which must be stored all the same.
 * @example await appendEvents(db, id, attempt, events.map(withoutNul));
 */
export function withoutNul<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\0') ? value.replaceAll('\0', NUL_REPLACEMENT) : value;
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [strip(key) as string, strip(inner)]),
  );
}
