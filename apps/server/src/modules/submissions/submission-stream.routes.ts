import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { AppError } from '../../platform/errors/app-error';
import { isOwnOrigin } from '../../platform/request-origin';
import { problems } from '../../platform/route-helpers';
import { requirePrincipal } from '../accounts/access.plugin';
import type { SubmissionHub } from './submission-hub';
import { streamSubmission } from './submission-stream';
import { type SubmissionsService, viewerOf } from './submissions.service';

export type StreamRoutesOptions = {
  db: Db;
  hub: SubmissionHub;
  submissions: SubmissionsService;
  /** Origins allowed to open the stream with the session cookie, besides the server's own (trustedOrigins). */
  allowedOrigins: readonly string[];
};

const KEEPALIVE_MS = 25_000;
const NORMAL_CLOSURE = 1000;
const SERVER_ERROR = 1011;

/**
 * Browsers send cookies with cross-site WebSocket handshakes and CORS does not apply to them, so a
 * cookie-authenticated upgrade must come from a page of ours (cross-site WebSocket hijacking).
 */
function requireSameOrigin(request: FastifyRequest, allowed: readonly string[]) {
  if (request.principal?.via !== 'session') return;
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // scheme, host and port, exactly: an http:// page of ours is not the https:// app (nor another port)
  if (isOwnOrigin(request, origin, allowed)) return;
  throw new AppError('forbidden', 'This stream can only be opened from the Groundwork web app.');
}

export const submissionStreamRoutes: FastifyPluginAsyncZod<StreamRoutesOptions> = async (app, options) => {
  const { db, hub, submissions } = options;

  app.route({
    method: 'GET',
    url: '/api/submissions/:submissionId/stream',
    config: { access: 'user' },
    schema: {
      tags: ['grading'],
      operationId: 'streamSubmission',
      summary: 'Watch a submission live over a WebSocket',
      description:
        'Upgrade to a WebSocket. Each message is a JSON `SubmissionStreamMessage`: first the current ' +
        "attempt's events so far, then live ones, each exactly once and in order, and `status` messages. " +
        'A new `attempt` starts a fresh run. The server closes the socket (1000) after the final status. ' +
        'A plain HTTP request gets 426.',
      params: z.strictObject({ submissionId: z.uuid() }),
      response: { ...problems(400, 401, 403, 404, 426) },
    },
    preHandler: async (request) => {
      requireSameOrigin(request, options.allowedOrigins);
      const { submissionId } = request.params as { submissionId: string };
      // 404 before the upgrade, so a client learns it may not watch with a plain HTTP answer
      await submissions.requireWatchable(viewerOf(requirePrincipal(request)), submissionId);
    },
    handler: async () => {
      throw new AppError('upgrade_required', 'Open this URL with a WebSocket client to watch the run live.');
    },
    wsHandler: (socket: WebSocket, request) => {
      const { submissionId } = request.params as { submissionId: string };
      const keepalive = setInterval(() => socket.ping(), KEEPALIVE_MS);
      let stop = () => {};
      const cleanUp = () => {
        clearInterval(keepalive);
        stop();
      };
      socket.on('close', cleanUp);
      // clients have nothing to say on this stream; what they send is ignored
      socket.on('message', () => {});
      streamSubmission({
        db,
        hub,
        submissionId,
        sink: {
          send: (message) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
          },
          end: () => socket.close(NORMAL_CLOSURE, 'finished'),
        },
      }).then(
        (stopStream) => {
          stop = stopStream;
          if (socket.readyState !== socket.OPEN) stopStream();
        },
        (error: unknown) => {
          request.log.error({ err: error, submissionId }, 'submission stream failed');
          socket.close(SERVER_ERROR, 'stream failed');
          cleanUp();
        },
      );
    },
  });
};
