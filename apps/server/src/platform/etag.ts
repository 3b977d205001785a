/**
 * Whether a request's `If-None-Match` matches the current entity tag, using the weak comparison RFC 9110
 * (section 13.1.2) prescribes for it: `W/"x"` matches `"x"`, and `*` matches any current representation.
 * @example isNotModified(request.headers['if-none-match'], '"abc"') // true for '"abc"', 'W/"abc"', '*'
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch === '') return false;
  // what a browser sends back is exactly the tag it was given: answer that without splitting
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}
