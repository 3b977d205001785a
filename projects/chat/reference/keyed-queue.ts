/**
 * Runs tasks one at a time per key, in the order they were given: a room's messages are stored and
 * sent in seq order even when the database would answer two commits out of order.
 * @example await roomQueue.run(roomId, () => storeAndSend(message));
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // forget an idle key, so the map holds only rooms with work waiting
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
