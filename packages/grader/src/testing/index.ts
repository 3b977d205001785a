/**
 * Test helpers for grader authors and projects' own tests: loopback servers that a test starts and
 * closes, and hand-made responses for checking expectations without a server.
 * @example const server = await startHttpServer((req, res) => sendJson(res, 200, { ok: true }));
 */
export {
  type LoopbackServer,
  sendJson,
  startHttpServer,
  startTcpServer,
  startWsServer,
} from './loopback-server';
