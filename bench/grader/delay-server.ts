// The load-runner targets: a plain node:http server that answers `ok` after DELAY_MS (0: at once).
// A timer alone fires up to two milliseconds late, most of the accuracy budget, so the hold is timed with
// the grader's own `callAt`, the wait its pacer uses. GET /hold-times returns what the server itself
// measured (arrival to response), the truth the runner is judged against.
import { createServer } from 'node:http';
import { callAt } from '@groundwork/grader';
import { build as buildHistogram } from 'hdr-histogram-js';

const DELAY_MS = Number(process.argv[2] ?? 0);
if (!(DELAY_MS >= 0 && DELAY_MS <= 1_000)) throw new Error('usage: delay-server.ts <delay ms, 0 to 1000>');
const holds = buildHistogram({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });

const server = createServer((request, response) => {
  const arrivedAt = performance.now();
  if (request.url === '/hold-times') {
    const percentile = (p: number) => holds.getValueAtPercentile(p) / 1000;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ count: holds.totalCount, p50Ms: percentile(50), p99Ms: percentile(99) }));
    holds.reset();
    return;
  }
  callAt(arrivedAt + DELAY_MS, () => {
    response.setHeader('content-type', 'text/plain');
    response.end('ok');
    if (DELAY_MS > 0) holds.recordValue(Math.max(1, Math.round((performance.now() - arrivedAt) * 1000)));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`delay server (${DELAY_MS} ms) at http://127.0.0.1:${port}`);
});
