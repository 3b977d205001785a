// The baseline for roadmap reads: bare Fastify serving the same bytes with the same ETag logic as
// GET /api/roadmap, and nothing else (no access rules, security headers, request ids or logging).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { isNotModified } from '../../apps/server/src/platform/etag';

const [bodyFile] = process.argv.slice(2);
if (!bodyFile) throw new Error('usage: bare-server.ts <roadmap.json>');
const body = readFileSync(bodyFile);
const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;

const app = Fastify({ logger: false });
app.get('/api/roadmap', async (request, reply) => {
  reply.header('etag', etag).header('cache-control', 'no-cache');
  if (isNotModified(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`bare roadmap at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
