// (d) How true our fan-out measurement is: one sender, RECEIVERS receivers on a loopback relay, timed by
// `load.fanOut` (what `ctx.load.fanOut` runs) and by bare ws clients that stamp each message as they send it
// and read the clock as it arrives, in the same process against the same relay, round by round.
import { join } from 'node:path';
import { createLoadRunner, createWsClient, type WsMessage } from '@groundwork/grader';
import WebSocket from 'ws';
import { median } from '../lib/cpu';
import { type Started, spawnUntil } from '../lib/processes';

export const FAN_OUT_RECEIVERS = 50;
const FAN_OUT_GOAL_PERCENT = 10;
const SETTLE_MS = 2_000;
const WARM_UP_MS = 2_000;

export interface FanOutSettings {
  ratePerSecond: number;
  durationMs: number;
  rounds: number;
}

interface Measured {
  p50Ms: number;
  p99Ms: number;
  delivered: number;
  expected: number;
  /** Why our measurement called itself invalid, if it did. */
  invalid?: string;
}

export interface FanOutRow {
  delayMs: number;
  ours: Measured[];
  bare: Measured[];
}

function startRelay(delayMs: number): Promise<Started> {
  return spawnUntil(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fan-out-relay.ts'), String(delayMs)],
    /fan-out relay \(\d+ ms\) at (http:\/\/[\d.:]+)/,
  );
}

async function measureOurs(url: string, ratePerSecond: number, durationMs: number): Promise<Measured> {
  const ws = createWsClient({ baseUrl: url });
  try {
    const sender = await ws.connect('/send');
    const receivers = await Promise.all(
      Array.from({ length: FAN_OUT_RECEIVERS }, () => ws.connect('/recv', { keepMessages: false })),
    );
    const result = await createLoadRunner({ baseUrl: url }).fanOut({
      sender,
      receivers,
      ratePerSecond,
      durationMs,
      settleMs: SETTLE_MS,
      message: (i) => ({ i }),
      identify: (message: WsMessage) => message.json<{ i?: number }>()?.i,
    });
    return {
      p50Ms: result.latencyMs.p50,
      p99Ms: result.latencyMs.p99,
      delivered: result.delivered,
      expected: result.expectedDeliveries,
      ...(result.validity.isValid ? {} : { invalid: result.validity.reason ?? 'invalid' }),
    };
  } finally {
    await ws.closeAll();
  }
}

function openBare(url: string, path: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The baseline: plain ws clients, the send time in the message, arrival read in each receiver's handler. */
async function measureBare(url: string, ratePerSecond: number, durationMs: number): Promise<Measured> {
  const sender = await openBare(url, '/send');
  const receivers = await Promise.all(
    Array.from({ length: FAN_OUT_RECEIVERS }, () => openBare(url, '/recv')),
  );
  const latencies: number[] = [];
  for (const receiver of receivers) {
    receiver.on('message', (data: Buffer) => {
      const arrivedAt = performance.now();
      latencies.push(arrivedAt - (JSON.parse(data.toString()) as { sentAt: number }).sentAt);
    });
  }
  const count = Math.floor((ratePerSecond * durationMs) / 1000);
  const startedAt = performance.now();
  for (let i = 0; i < count; i++) {
    const dueAt = startedAt + (i * 1000) / ratePerSecond;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - performance.now())));
    sender.send(JSON.stringify({ i, sentAt: performance.now() }));
  }
  const expected = count * FAN_OUT_RECEIVERS;
  const settleEndsAt = performance.now() + SETTLE_MS;
  while (latencies.length < expected && performance.now() < settleEndsAt) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const socket of [sender, ...receivers]) socket.close();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50Ms: at(50), p99Ms: at(99), delivered: latencies.length, expected };
}

/** For each relay delay: a warm-up of each, then `rounds` rounds of ours and the baseline, alternating. */
export async function compareFanOut(
  delaysMs: readonly number[],
  settings: FanOutSettings,
): Promise<FanOutRow[]> {
  const rows: FanOutRow[] = [];
  for (const delayMs of delaysMs) {
    const relay = await startRelay(delayMs);
    try {
      await measureOurs(relay.url, settings.ratePerSecond, WARM_UP_MS);
      await measureBare(relay.url, settings.ratePerSecond, WARM_UP_MS);
      const row: FanOutRow = { delayMs, ours: [], bare: [] };
      for (let round = 1; round <= settings.rounds; round++) {
        const ours = await measureOurs(relay.url, settings.ratePerSecond, settings.durationMs);
        const bare = await measureBare(relay.url, settings.ratePerSecond, settings.durationMs);
        row.ours.push(ours);
        row.bare.push(bare);
        console.log(
          `  (d) relay ${delayMs} ms, round ${round}: ours p50 ${ours.p50Ms.toFixed(2)} / p99 ${ours.p99Ms.toFixed(2)} ms` +
            `${ours.invalid ? ' (INVALID)' : ''}, bare p50 ${bare.p50Ms.toFixed(2)} / p99 ${bare.p99Ms.toFixed(2)} ms`,
        );
      }
      rows.push(row);
    } finally {
      await relay.stop();
    }
  }
  return rows;
}

/** The (d) section of the report: medians of the rounds, and ours over the bare clients'. */
export function printFanOut(rows: readonly FanOutRow[], settings: FanOutSettings): void {
  console.log(
    `\n(d) fan-out: 1 sender, ${FAN_OUT_RECEIVERS} receivers on a loopback relay, ${settings.ratePerSecond} messages/s for ` +
      `${settings.durationMs / 1000} s (${(settings.ratePerSecond * settings.durationMs * FAN_OUT_RECEIVERS) / 1000} deliveries), ` +
      `median of ${settings.rounds} rounds; ours from each message's due time, bare from its actual send`,
  );
  console.log(
    '| relay delay | ours p50 ms | ours p99 ms | bare p50 ms | bare p99 ms | p50 ours/bare | p99 ours/bare | delivered (ours, bare) | invalid rounds |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  for (const row of rows) {
    const ours = { p50: median(row.ours.map((m) => m.p50Ms)), p99: median(row.ours.map((m) => m.p99Ms)) };
    const bare = { p50: median(row.bare.map((m) => m.p50Ms)), p99: median(row.bare.map((m) => m.p99Ms)) };
    const delivered = (measured: Measured[]) =>
      `${measured.reduce((sum, m) => sum + m.delivered, 0)}/${measured.reduce((sum, m) => sum + m.expected, 0)}`;
    console.log(
      `| ${row.delayMs} ms | ${ours.p50.toFixed(2)} | ${ours.p99.toFixed(2)} | ${bare.p50.toFixed(2)} | ${bare.p99.toFixed(2)} | ` +
        `${(ours.p50 / bare.p50).toFixed(2)}× | ${(ours.p99 / bare.p99).toFixed(2)}× | ${delivered(row.ours)}, ${delivered(row.bare)} | ` +
        `${row.ours.filter((m) => m.invalid !== undefined).length} |`,
    );
  }
  for (const row of rows.filter((one) => one.delayMs > 0)) {
    const overDelay = (ms: number) => `${(((ms - row.delayMs) / row.delayMs) * 100).toFixed(1)}%`;
    const ours = { p50: median(row.ours.map((m) => m.p50Ms)), p99: median(row.ours.map((m) => m.p99Ms)) };
    const bare = { p50: median(row.bare.map((m) => m.p50Ms)), p99: median(row.bare.map((m) => m.p99Ms)) };
    const verdict = (ms: number) =>
      ms <= row.delayMs * (1 + FAN_OUT_GOAL_PERCENT / 100) ? 'met' : 'NOT met';
    console.log(
      `goal (within ${FAN_OUT_GOAL_PERCENT}% of the relay's ${row.delayMs} ms): p50 ${overDelay(ours.p50)} over (${verdict(ours.p50)}), ` +
        `p99 ${overDelay(ours.p99)} over (${verdict(ours.p99)}); bare ws clients in the same run: p50 ${overDelay(bare.p50)}, ` +
        `p99 ${overDelay(bare.p99)} over, which is the loopback's own share`,
    );
  }
}
