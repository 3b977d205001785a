// The baseline: Fastify with nothing but one JSON route, as fast as this machine serves HTTP from Node.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`bare fastify at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
