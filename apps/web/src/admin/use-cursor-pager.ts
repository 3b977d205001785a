import { useCallback, useState } from 'react';

/**
 * Previous/next over a cursor-paginated list. The API only hands out "next" cursors, so the cursors of
 * pages already seen are kept to step back.
 */
export function useCursorPager() {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors.at(-1);

  const goNext = useCallback((nextCursor: string) => setCursors((seen) => [...seen, nextCursor]), []);
  const goPrevious = useCallback(
    () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    [],
  );

  return { cursor, pageNumber: cursors.length, hasPrevious: cursors.length > 1, goNext, goPrevious };
}
