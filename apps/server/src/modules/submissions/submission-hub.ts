import type { EventBus } from '../../platform/events/event-bus';
import { CHANNELS, LiveMessage } from './live-messages';

export type LiveListener = (message: LiveMessage) => void;

export type SubmissionHub = {
  /** Hears every live message of one submission from now on; returns the function that stops it. */
  listen(submissionId: string, listener: LiveListener): () => void;
  close(): Promise<void>;
};

/**
 * One bus subscription per API process, fanned out to the sockets watching each submission: a
 * thousand viewers cost one LISTEN, not a thousand.
 */
export async function createSubmissionHub(
  bus: EventBus,
  onError: (error: unknown) => void,
): Promise<SubmissionHub> {
  const listeners = new Map<string, Set<LiveListener>>();
  const unsubscribe = await bus.subscribe(CHANNELS.live, (raw) => {
    const parsed = LiveMessage.safeParse(raw);
    if (!parsed.success) return onError(new Error('malformed live grading message'));
    for (const listener of listeners.get(parsed.data.submissionId) ?? []) {
      try {
        listener(parsed.data);
      } catch (error) {
        onError(error);
      }
    }
  });
  return {
    listen(submissionId, listener) {
      const set = listeners.get(submissionId) ?? new Set();
      set.add(listener);
      listeners.set(submissionId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(submissionId);
      };
    },
    close: unsubscribe,
  };
}
