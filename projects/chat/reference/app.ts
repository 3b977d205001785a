import websocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { healthRoutes } from '../../kit/reference/health.routes';
import { ProblemError, toClientProblem, toProblem } from '../../kit/reference/problem';
import type { FaultId } from '../faults';
import { authRoutes } from './auth.routes';
import type { AuthService } from './auth.service';
import type { ChatConfig } from './config';
import { problems } from './errors';
import { createFrameHandler } from './frame-handler';
import { startHeartbeat } from './heartbeat';
import { messageRoutes } from './messages.routes';
import type { MessagesService } from './messages.service';
import type { RoomHub } from './room-hub';
import { roomRoutes } from './rooms.routes';
import type { RoomsService } from './rooms.service';
import { socketRoutes } from './socket.routes';

// a room name or a log-in is a few hundred bytes at most; anything near this is not one
const MAX_BODY_BYTES = 16 * 1024;
/** Frames over 64 KiB are refused by the WebSocket library itself (close 1009) before they are read whole. */
export const MAX_FRAME_BYTES = 64 * 1024;

export interface AppDependencies {
  auth: AuthService;
  rooms: RoomsService;
  messages: MessagesService;
  hub: RoomHub;
  config: Readonly<ChatConfig>;
  fault?: FaultId | undefined;
  logger?: boolean | undefined;
}

/** The HTTP and WebSocket layers: routes, the heartbeat, and one error handler that answers problem+json. */
export function buildApp({
  auth,
  rooms,
  messages,
  hub,
  config,
  fault,
  logger = false,
}: AppDependencies): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: MAX_BODY_BYTES });

  app.addHook('onSend', async (_request, reply, payload) => {
    // stops browsers from guessing a type and running a JSON body as HTML
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toClientProblem(error);
    if (problem === undefined) request.log.error(error);
    const body = toProblem(problem ?? new ProblemError(500, 'Something went wrong on our side.'));
    if (problem !== undefined) reply.headers(problem.headers);
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body = toProblem(problems.routeNotFound());
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.register(websocket, {
    options: {
      // without a limit, ws reads frames of up to 100 MiB
      ...(fault === 'no-max-payload' ? {} : { maxPayload: MAX_FRAME_BYTES }),
      autoPong: fault !== 'no-auto-pong',
    },
    // stopping: drop every socket at once rather than wait on close handshakes a stalled peer never answers
    preClose(done) {
      for (const client of this.websocketServer.clients) client.terminate();
      done();
    },
  });
  app.register(healthRoutes, { checkDatabase: auth.ping, isPlainText: fault === 'health-not-json' });
  app.register(authRoutes, { auth, hub, fault });
  app.register(roomRoutes, { auth, rooms, fault });
  app.register(messageRoutes, { auth, rooms, messages, fault });
  app.register(socketRoutes, {
    auth,
    hub,
    handleFrame: createFrameHandler({ hub, rooms, messages, fault }),
    allowedOrigins: config.allowedOrigins,
    fault,
  });

  const stopHeartbeat = fault === 'no-server-pings' ? () => {} : startHeartbeat(hub.connections, fault);
  app.addHook('onClose', async () => {
    stopHeartbeat();
    hub.close();
  });
  return app;
}
