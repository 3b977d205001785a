import type { ExchangeErrorKind, RecordedExchange } from '@groundwork/contracts';
import type { Failure } from '../authoring/verdict';
import type { LoadResult } from '../load/types';

/** Exchange errors that mean the server did not answer at all (as opposed to answering badly). */
const SILENT_KINDS: ReadonlySet<ExchangeErrorKind> = new Set([
  'timeout',
  'connection-refused',
  'connection-reset',
  'network',
]);

const SILENT_WORDS: Partial<Record<ExchangeErrorKind, string>> = {
  timeout: 'got no answer in time',
  'connection-refused': 'had their connection refused',
  'connection-reset': 'had their connection reset',
  network: 'lost their connection',
};

/**
 * What one check saw of the server's connections: how many requests it answered and how many got no
 * answer at all, and which of those were sent side by side. The runner reads it after a failed check,
 * to tell a server that stopped answering from one that answers only a few connections at a time.
 */
export interface ConnectionTrouble {
  /** Records an exchange of the check; `isConcurrent` for those sent over a client with several connections. */
  record(exchange: RecordedExchange, isConcurrent: boolean): void;
  /** Records a load run's requests that got no answer. */
  recordLoad(result: LoadResult): void;
  /** True when some request of the check got no answer (timed out, refused, reset). */
  hasUnanswered(): boolean;
  /** True when some request sent side by side with others got no answer. */
  hasBurstTrouble(): boolean;
  /**
   * When a burst of concurrent requests was partly answered and partly not, what the failure should
   * say instead (the server takes only a few connections at a time); otherwise undefined.
   */
  explainBurst(): (Pick<Failure, 'actual'> & { hint: string }) | undefined;
}

export function createConnectionTrouble(): ConnectionTrouble {
  let unanswered = 0;
  const burst = { answered: 0, unanswered: new Map<ExchangeErrorKind, number>() };
  return {
    record(exchange, isConcurrent) {
      const kind = exchange.error?.kind;
      const isSilent = kind !== undefined && SILENT_KINDS.has(kind) && exchange.response === undefined;
      // a request the check's deadline cut short was not answered either, as far as liveness goes
      if (isSilent || (kind === 'aborted' && exchange.response === undefined)) unanswered++;
      if (!isConcurrent) return;
      if (exchange.response !== undefined && exchange.error === undefined) burst.answered++;
      else if (isSilent) burst.unanswered.set(kind, (burst.unanswered.get(kind) ?? 0) + 1);
    },
    recordLoad(result) {
      unanswered += (result.errors.timeout ?? 0) + (result.errors.connection ?? 0);
    },
    hasUnanswered: () => unanswered > 0,
    hasBurstTrouble: () => burst.unanswered.size > 0,
    explainBurst() {
      const silent = [...burst.unanswered.values()].reduce((sum, count) => sum + count, 0);
      if (burst.answered === 0 || silent === 0) return undefined;
      const what = [...burst.unanswered.entries()]
        .map(([kind, count]) => `${count} ${SILENT_WORDS[kind] ?? 'got no answer'}`)
        .join(', ');
      return {
        actual: `${burst.answered} of the requests sent at once were answered; ${what}`,
        hint:
          `Of the requests sent at the same time, your server answered ${burst.answered} while ${what}: ` +
          'it seems to take only a few connections at a time, for example because it handles one request ' +
          'at a time, its listen backlog is small, or its database connection pool is too small.',
      };
    },
  };
}
