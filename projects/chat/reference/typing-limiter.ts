// At most one typing notice per user and room every 2 s, in this process's memory.

export const TYPING_EVERY_MS = 2_000;
// past this many remembered (user, room) pairs, the expired ones are forgotten
const PRUNE_ABOVE = 10_000;

export function createTypingLimiter(now: () => number = Date.now) {
  const lastForwardedAt = new Map<string, number>();
  return {
    /** Whether this notice may go out now; records it when it may. */
    tryForward(userId: string, roomId: string): boolean {
      const key = `${userId} ${roomId}`;
      const last = lastForwardedAt.get(key);
      if (last !== undefined && now() - last < TYPING_EVERY_MS) return false;
      if (lastForwardedAt.size > PRUNE_ABOVE) {
        for (const [one, at] of lastForwardedAt)
          if (now() - at >= TYPING_EVERY_MS) lastForwardedAt.delete(one);
      }
      lastForwardedAt.set(key, now());
      return true;
    },
  };
}
