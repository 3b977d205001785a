import type { ProblemError } from '../../kit/reference/problem';

/** An id from a path as a number; undefined for anything we never issue (ids are positive integers). */
export function toId(text: string): number | undefined {
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}

/** An id from a path, or the caller's "not found": an id we never issue names nothing. */
export function parseId(text: string, notFound: () => ProblemError): number {
  const id = toId(text);
  if (id === undefined) throw notFound();
  return id;
}
