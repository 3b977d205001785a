import { useEffect, useState } from 'react';
import { ApiError } from '../api/problem';

function retryAfterOf(error: unknown): number | null {
  return error instanceof ApiError && error.status === 429 ? error.retryAfterSeconds : null;
}

/** Seconds left before a rate-limited form may be sent again (0 when it may), ticking down each second. */
export function useRetryCountdown(error: unknown): number {
  const [secondsLeft, setSecondsLeft] = useState(() => retryAfterOf(error) ?? 0);

  useEffect(() => {
    const retryAfter = retryAfterOf(error);
    if (retryAfter === null || retryAfter <= 0) {
      setSecondsLeft(0);
      return undefined;
    }
    const until = Date.now() + retryAfter * 1000;
    setSecondsLeft(retryAfter);
    const timer = window.setInterval(() => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [error]);

  return secondsLeft;
}
