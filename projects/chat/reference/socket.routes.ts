import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RawData } from 'ws';
import type { FaultId } from '../faults';
import type { AuthService, Caller } from './auth.service';
import { createConnection } from './connection';
import { problems } from './errors';
import type { FrameHandler } from './frame-handler';
import { serverFrames } from './frames';
import type { RoomHub } from './room-hub';

// an unexpected failure while acting on a frame: the client should reconnect
const INTERNAL_ERROR_CLOSE_CODE = 1011;

export interface SocketRoutesOptions {
  auth: AuthService;
  hub: RoomHub;
  handleFrame: FrameHandler;
  allowedOrigins: readonly string[];
  fault?: FaultId | undefined;
}

/**
 * `GET /ws?token=…`: refused before the upgrade with 403 for another site's Origin and 401 without a
 * valid token; then `ready`, and each frame handled in the order it came.
 */
export const socketRoutes: FastifyPluginAsync<SocketRoutesOptions> = async (
  app,
  { auth, hub, handleFrame, allowedOrigins, fault },
) => {
  const callers = new WeakMap<FastifyRequest, Caller>();

  async function checkHandshake(request: FastifyRequest): Promise<void> {
    const origin = request.headers.origin;
    const isOriginAllowed =
      fault === 'origin-allowlist-only'
        ? origin === undefined || allowedOrigins.includes(origin)
        : isOwnOrAllowedOrigin(origin, request.headers.host, allowedOrigins);
    if (!isOriginAllowed && fault !== 'origin-not-checked') throw problems.foreignOrigin();
    const { token } = request.query as { token?: unknown };
    const caller = await auth.findCaller(typeof token === 'string' ? token : undefined);
    if (caller !== undefined) callers.set(request, caller);
    // the mistake: upgraded anyway, and the handler's error frame does not close the socket
    else if (fault !== 'ws-bad-token-left-open') throw problems.socketUnauthenticated();
  }

  app.get('/ws', { websocket: true, preValidation: checkHandshake }, (socket, request) => {
    const caller = callers.get(request);
    if (caller === undefined) {
      socket.send(JSON.stringify(serverFrames.error('unauthenticated')));
      return;
    }
    socket.send(
      JSON.stringify(fault === 'ready-without-user' ? { type: 'ready' } : serverFrames.ready(caller.user)),
    );
    const connection = createConnection(socket, caller.user, caller.tokenHash);
    hub.addConnection(connection);
    socket.on('pong', () => {
      connection.lastPongAt = Date.now();
    });
    socket.on('close', () => hub.removeConnection(connection));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      connection.handling = connection.handling
        .then(() => handleFrame(connection, data, isBinary))
        .catch((error: unknown) => {
          request.log.error(error, 'a frame failed');
          socket.close(INTERNAL_ERROR_CLOSE_CODE, 'internal error');
        });
    });
  });
};

/** No Origin (not a browser), the server's own (host and port as in Host), or one allowed by configuration. */
export function isOwnOrAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const { origin: normalised, host: originHost } = new URL(origin);
  return allowedOrigins.includes(normalised) || originHost === host?.toLowerCase();
}
