// The load-runner targets: a plain node:http server that answers `ok` after DELAY_MS (0: at once).
// A timer alone can fire a fraction of a millisecond early or late (libuv counts whole milliseconds), a
// good part of the accuracy budget, so what the timer cannot wait is waited out with setImmediate until
// the hold is exactly DELAY_MS. GET /hold-times returns what the server itself measured (arrival to
// response), the truth the runner is judged against.
import { createServer } from 'node:http';
import { build as buildHistogram } from 'hdr-histogram-js';

const DELAY_MS = Number(process.argv[2] ?? 0);
if (!(DELAY_MS >= 0 && DELAY_MS <= 1_000)) throw new Error('usage: delay-server.ts <delay ms, 0 to 1000>');
const SHORTEST_TIMER_MS = 1;
const holds = buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });

function answerAt(dueAt: number, arrivedAt: number, send: () => void): void {
  const remainingMs = dueAt - performance.now();
  if (remainingMs >= SHORTEST_TIMER_MS) {
    setTimeout(() => answerAt(dueAt, arrivedAt, send), remainingMs);
  } else if (remainingMs > 0) {
    setImmediate(() => answerAt(dueAt, arrivedAt, send));
  } else {
    send();
    holds.recordValue(Math.max(1, Math.round((performance.now() - arrivedAt) * 1000)));
  }
}

const server = createServer((request, response) => {
  const arrivedAt = performance.now();
  if (request.url === '/hold-times') {
    const percentile = (p: number) => holds.getValueAtPercentile(p) / 1000;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ count: holds.totalCount, p50Ms: percentile(50), p99Ms: percentile(99) }));
    holds.reset();
    return;
  }
  const send = () => {
    response.setHeader('content-type', 'text/plain');
    response.end('ok');
  };
  if (DELAY_MS === 0) send();
  else answerAt(arrivedAt + DELAY_MS, arrivedAt, send);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`delay server (${DELAY_MS} ms) at http://127.0.0.1:${port}`);
});
