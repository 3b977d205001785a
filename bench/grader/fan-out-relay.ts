// The fan-out bench's target: a WebSocket relay that forwards each frame sent on `/send` to every socket on
// `/recv`, after DELAY_MS (0: at once). The hold is timed with the grader's own `callAt`, as the delay
// server's is, since a timer alone fires up to two milliseconds late.
import type { AddressInfo } from 'node:net';
import { callAt } from '@groundwork/grader';
import { type WebSocket, WebSocketServer } from 'ws';

const DELAY_MS = Number(process.argv[2] ?? 0);
if (!(DELAY_MS >= 0 && DELAY_MS <= 1_000)) throw new Error('usage: fan-out-relay.ts <delay ms, 0 to 1000>');

const receivers = new Set<WebSocket>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (socket, request) => {
  if (request.url === '/recv') {
    receivers.add(socket);
    socket.on('close', () => receivers.delete(socket));
    return;
  }
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const forward = () => {
      for (const receiver of receivers) receiver.send(data, { binary: isBinary });
    };
    if (DELAY_MS === 0) forward();
    else callAt(performance.now() + DELAY_MS, forward);
  });
});
wss.on('listening', () => {
  const { port } = wss.address() as AddressInfo;
  console.log(`fan-out relay (${DELAY_MS} ms) at http://127.0.0.1:${port}`);
});
