import { defineProject } from '../kit/define-project';
import { FAULTS } from './faults';
import { chatSuite } from './stages';

export const chat = defineProject({
  slug: 'chat',
  title: 'Real-time chat',
  summary:
    'Rooms over WebSockets: authenticated handshakes, one order per room, recovery after reconnecting, presence, heartbeats, slow consumers and fan-out latency.',
  suite: chatSuite,
  faults: FAULTS,
  // loaded on demand so listing projects does not load Fastify and PGlite
  startReference: async (options) => (await import('./reference/server')).startReference(options),
});
