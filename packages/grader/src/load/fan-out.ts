import type { Histogram } from 'hdr-histogram-js';
import type { WsMessage } from '../ws/types';
import { MAX_OPEN_CONNECTIONS } from '../ws/ws-client';
import { MAX_LOAD_DURATION_MS, MAX_LOAD_RATE_PER_SECOND } from './limits';
import {
  assessValidity,
  createLatencyHistogram,
  FAN_OUT_VALIDITY_LIMITS,
  type GraderDelays,
  recordLatency,
  round,
  summariseLatency,
  watchGraderDelays,
} from './measurement';
import { paceSends } from './pacer';
import type { FanOutOptions, FanOutResult } from './types';

export const DEFAULT_SETTLE_MS = 2_000;
export const MAX_SETTLE_MS = 10_000;
/** Messages × receivers; the ledger holds a byte for each, so this bounds its memory (2 MB). */
export const MAX_FAN_OUT_DELIVERIES = 2_000_000;
/** How often the wait for late arrivals looks whether every open receiver has everything. */
const SETTLE_POLL_MS = 20;

export interface FanOutRunOptions {
  signal?: AbortSignal;
  /**
   * The index of the first message (default 0). A measurement taken again uses fresh indices, so a late
   * arrival from the one before cannot count as a delivery of this one.
   */
  firstIndex?: number;
}

/**
 * Sends `message(i)` on the sender on a fixed schedule (message i due at start + i/rate, sent when due
 * whatever the server does) and records when each arrives at each receiver, from the time it was due.
 * Stops early when `signal` aborts, the sender closes, or every receiver has closed; then waits up to
 * `settleMs` for late arrivals. Frames `identify` does not claim (other rooms, garbage) are ignored.
 * @example
 * const result = await runFanOut({ sender, receivers, ratePerSecond: 20, durationMs: 4_000, message, identify });
 */
export async function runFanOut(options: FanOutOptions, run: FanOutRunOptions = {}): Promise<FanOutResult> {
  const planned = validate(options);
  const { sender, receivers } = options;
  const firstIndex = run.firstIndex ?? 0;
  const ledger = new DeliveryLedger(planned, receivers.length);
  let graderBug: unknown;
  const stopForBug = (error: unknown) => {
    graderBug ??= error;
  };
  const unsubscribes = receivers.map((receiver, r) =>
    receiver.onMessage((message: WsMessage) => {
      try {
        const index = options.identify(message);
        if (index !== undefined) ledger.arrive(r, index - firstIndex, performance.now());
      } catch (error) {
        stopForBug(error);
      }
    }),
  );
  const whyStopped = (): FanOutResult['stoppedBy'] | undefined => {
    if (run.signal?.aborted) return 'aborted';
    if (!sender.isOpen) return 'sender-closed';
    if (receivers.every((receiver) => !receiver.isOpen)) return 'receivers-closed';
    return undefined;
  };
  const graderDelays = watchGraderDelays();
  const startedAt = performance.now();
  let delays: GraderDelays;
  try {
    await paceSends({
      count: planned,
      intervalMs: 1000 / options.ratePerSecond,
      startedAt,
      isStopped: () => graderBug !== undefined || whyStopped() !== undefined,
      send(intendedAt, lagMs) {
        graderDelays.recordSendLag(lagMs);
        try {
          const payload = options.message(firstIndex + ledger.sent);
          ledger.markSent(intendedAt);
          sender.send(payload);
        } catch (error) {
          stopForBug(error);
        }
      },
    });
    await settle(options.settleMs ?? DEFAULT_SETTLE_MS, () => {
      if (graderBug !== undefined || run.signal?.aborted) return true;
      return receivers.every((receiver, r) => !receiver.isOpen || ledger.hasAll(r));
    });
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
    delays = graderDelays.stop();
  }
  if (graderBug !== undefined) throw graderBug;
  const stoppedBy = ledger.sent < planned ? (whyStopped() ?? 'aborted') : 'schedule';
  return summarise(options, ledger, {
    stoppedBy: run.signal?.aborted ? 'aborted' : stoppedBy,
    durationMs: performance.now() - startedAt,
    validity: {
      ...assessValidity(delays, FAN_OUT_VALIDITY_LIMITS),
      eventLoopDelayMaxMs: delays.eventLoopDelayMaxMs,
    },
  });
}

function validate(options: FanOutOptions): number {
  const { ratePerSecond, durationMs, receivers, settleMs = DEFAULT_SETTLE_MS } = options;
  if (!(ratePerSecond > 0 && ratePerSecond <= MAX_LOAD_RATE_PER_SECOND)) {
    throw new RangeError(`ratePerSecond must be in (0, ${MAX_LOAD_RATE_PER_SECOND}]`);
  }
  if (!(durationMs > 0 && durationMs <= MAX_LOAD_DURATION_MS)) {
    throw new RangeError(`durationMs must be in (0, ${MAX_LOAD_DURATION_MS}]`);
  }
  if (receivers.length < 1 || receivers.length > MAX_OPEN_CONNECTIONS) {
    throw new RangeError(`a fan-out needs from 1 to ${MAX_OPEN_CONNECTIONS} receivers`);
  }
  if (!(settleMs >= 0 && settleMs <= MAX_SETTLE_MS)) {
    throw new RangeError(`settleMs must be in [0, ${MAX_SETTLE_MS}]`);
  }
  const planned = Math.floor((ratePerSecond * durationMs) / 1000);
  if (planned < 1) throw new RangeError('ratePerSecond × durationMs makes no message at all');
  if (planned * receivers.length > MAX_FAN_OUT_DELIVERIES) {
    throw new RangeError(
      `${planned} messages × ${receivers.length} receivers is more than ${MAX_FAN_OUT_DELIVERIES} deliveries`,
    );
  }
  return planned;
}

/** Resolves when `isDone` says so (looked at every few milliseconds) or after `ms`. */
function settle(ms: number, isDone: () => boolean): Promise<void> {
  const endsAt = performance.now() + ms;
  return new Promise((resolve) => {
    const look = () => {
      if (isDone() || performance.now() >= endsAt) resolve();
      else setTimeout(look, Math.min(SETTLE_POLL_MS, Math.max(0, endsAt - performance.now())));
    };
    look();
  });
}

/** Which receiver got which message, and how long after it was due. */
class DeliveryLedger {
  sent = 0;
  duplicates = 0;
  readonly latency: Histogram = createLatencyHistogram();
  private readonly dueAt: Float64Array;
  /** Per receiver, one byte per message: has it arrived there. */
  private readonly seen: Uint8Array[];
  private readonly deliveredAt: number[];
  /** Per message, how many receivers got it. */
  private readonly reachedBy: Uint16Array;

  constructor(planned: number, receivers: number) {
    this.dueAt = new Float64Array(planned);
    this.seen = Array.from({ length: receivers }, () => new Uint8Array(planned));
    this.deliveredAt = new Array<number>(receivers).fill(0);
    this.reachedBy = new Uint16Array(planned);
  }

  markSent(dueAt: number): void {
    this.dueAt[this.sent++] = dueAt;
  }

  /** Records message `index` arriving at `receiver`; an index not sent (yet) is not this run's. */
  arrive(receiver: number, index: number, at: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.sent) return;
    const seen = this.seen[receiver] as Uint8Array;
    if (seen[index] === 1) {
      this.duplicates++;
      return;
    }
    seen[index] = 1;
    this.deliveredAt[receiver] = (this.deliveredAt[receiver] ?? 0) + 1;
    this.reachedBy[index] = (this.reachedBy[index] ?? 0) + 1;
    recordLatency(this.latency, at - (this.dueAt[index] ?? at));
  }

  hasAll(receiver: number): boolean {
    return this.deliveredAt[receiver] === this.sent;
  }

  delivered(receiver: number): number {
    return this.deliveredAt[receiver] ?? 0;
  }

  /** Messages receiver `r` lacks though some other receiver got them. */
  missedWhileOthersGot(receiver: number): number {
    const seen = this.seen[receiver] as Uint8Array;
    let missed = 0;
    for (let i = 0; i < this.sent; i++) if (seen[i] === 0 && (this.reachedBy[i] ?? 0) > 0) missed++;
    return missed;
  }

  messagesNobodyGot(): number {
    let count = 0;
    for (let i = 0; i < this.sent; i++) if (this.reachedBy[i] === 0) count++;
    return count;
  }
}

function summarise(
  options: FanOutOptions,
  ledger: DeliveryLedger,
  end: Pick<FanOutResult, 'stoppedBy' | 'durationMs' | 'validity'>,
): FanOutResult {
  const open = options.receivers
    .map((receiver, r) => ({ receiver, r }))
    .filter(({ receiver }) => receiver.isOpen);
  const notOpen = options.receivers.filter((receiver) => !receiver.isOpen);
  // one still closing has no code yet: 1006, no close frame seen
  const closeCodes = notOpen.map((receiver) => receiver.closed?.code ?? 1006);
  const expectedDeliveries = ledger.sent * open.length;
  const delivered = open.reduce((sum, { r }) => sum + ledger.delivered(r), 0);
  return {
    targetRatePerSecond: options.ratePerSecond,
    durationMs: round(end.durationMs),
    sent: ledger.sent,
    receivers: options.receivers.length,
    expectedDeliveries,
    delivered,
    missing: expectedDeliveries - delivered,
    missingWhereOthersGotIt: open.reduce((sum, { r }) => sum + ledger.missedWhileOthersGot(r), 0),
    messagesNobodyGot: ledger.messagesNobodyGot(),
    duplicates: ledger.duplicates,
    closedReceivers: notOpen.length,
    closeCodes,
    latencyMs: summariseLatency(ledger.latency),
    stoppedBy: end.stoppedBy,
    validity: end.validity,
  };
}
