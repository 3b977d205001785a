export type KeyboardMove = 'next' | 'previous' | 'first' | 'last';

const MOVES: Record<string, KeyboardMove> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
};

/** The move a key makes between topics, or null for keys the graph leaves alone. */
export function moveForKey(key: string): KeyboardMove | null {
  return MOVES[key] ?? null;
}

/** The topic a move lands on, in reading order; it stops at the ends instead of wrapping. */
export function topicAfterMove(
  order: readonly string[],
  current: string | null,
  move: KeyboardMove,
): string | null {
  if (order.length === 0) return null;
  const index = current === null ? -1 : order.indexOf(current);
  switch (move) {
    case 'first':
      return order[0] ?? null;
    case 'last':
      return order.at(-1) ?? null;
    case 'next':
      return order[Math.min(index + 1, order.length - 1)] ?? null;
    case 'previous':
      return index <= 0 ? (order[0] ?? null) : (order[index - 1] ?? null);
  }
}

export function isSelectKey(key: string): boolean {
  return key === 'Enter' || key === ' ';
}
