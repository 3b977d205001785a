import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { deleteExpiredSessions } from './sessions.repository';

/** How often expired sessions are deleted: one indexed delete, harmless when several processes run it. */
export const SESSION_PURGE_INTERVAL_MS = 60 * 60 * 1000;

export type SessionPurge = {
  /** Stops the timer and waits for a purge in flight, so the database can close after it. */
  stop(): Promise<void>;
};

/**
 * Deletes expired sessions now and then every `intervalMs`: most sessions are never logged out, and an
 * expired row is only a stale secret hash and IP address kept for nothing. The timer never keeps the
 * process alive.
 * @example const purge = startSessionPurge({ db: database.db, logger }); await purge.stop();
 */
export function startSessionPurge(deps: { db: Db; logger: Logger; intervalMs?: number }): SessionPurge {
  let inFlight: Promise<void> | undefined;
  const purge = () => {
    inFlight ??= deleteExpiredSessions(deps.db)
      .then(
        (count) => {
          if (count > 0) deps.logger.info({ count }, 'expired sessions deleted');
        },
        (error: unknown) => {
          deps.logger.warn(
            { err: error },
            'deleting expired sessions failed; trying again at the next interval',
          );
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
  };
  // at once too: a local instance is often stopped long before the first interval ends
  purge();
  const timer = setInterval(purge, deps.intervalMs ?? SESSION_PURGE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
