import type { FaultId } from '../faults';
import type { Connection } from './connection';

// The protocol allows 5 s and 15 s; the reference is stricter so a dead peer goes quickly.
export const PING_EVERY_MS = 1_000;
export const DROP_AFTER_MS = 3_000;

/**
 * Pings every connection each second and terminates one whose last pong is over 3 s old. Returns the
 * stop function.
 * @example const stop = startHeartbeat(hub.connections, fault);
 */
export function startHeartbeat(connections: () => Iterable<Connection>, fault?: FaultId): () => void {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const { socket, lastPongAt } of connections()) {
      // a connection with data still waiting may have its pong queued behind it: not dead, just busy
      const isSilent = now - lastPongAt > DROP_AFTER_MS && socket.bufferedAmount === 0;
      // terminate, not close: a dead peer never answers a close handshake
      if (isSilent && fault !== 'dead-peers-kept') socket.terminate();
      else socket.ping();
    }
  }, PING_EVERY_MS);
  return () => clearInterval(timer);
}
