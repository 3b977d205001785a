export const DEFAULT_AFTER_LOGIN = '/roadmap';

/**
 * The in-app path to return to after signing in, from a `next` query parameter. Anything that could
 * leave the site (`//evil.example`, `https://…`, `/\evil`) falls back to the default.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (next.startsWith('/login') || next.startsWith('/signup')) return DEFAULT_AFTER_LOGIN;
  return next;
}

/** `/login?next=…` for the page the user wanted. */
export function loginPathFor(wanted: string): string {
  return wanted === DEFAULT_AFTER_LOGIN ? '/login' : `/login?next=${encodeURIComponent(wanted)}`;
}
