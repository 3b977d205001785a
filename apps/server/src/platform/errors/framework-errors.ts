import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@groundwork/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { apiHeaders } from '../security-headers';
import { ERROR_CATALOGUE, type ErrorCode, problemType } from './catalogue';
import { sendProblem } from './error-handler';

const ROUTING_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid: it contains a broken percent-encoding such as "%zz".',
  FST_ERR_MAX_PARAM_LENGTH: 'A part of the URL is longer than this server accepts.',
  FST_ERR_ASYNC_CONSTRAINT: 'The request could not be routed.',
};

/**
 * Fastify's `frameworkErrors` option: errors raised while routing, before any route or error handler
 * runs (a broken percent-encoding, say). Without it Fastify answers them in its own JSON shape.
 */
export function createFrameworkErrorHandler(options: { isHttps: boolean }) {
  const headers = apiHeaders(options.isHttps);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const detail = ROUTING_DETAILS[error.code] ?? ERROR_CATALOGUE.bad_request.title;
    // no route matched, so no onSend hook runs: the headers every API answer carries are set here
    reply.headers({ ...headers, 'x-request-id': request.id });
    return sendProblem(reply, request, 'bad_request', detail);
  };
}

function clientErrorCode(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  return 'bad_request';
}

/**
 * Fastify's `clientErrorHandler` option: a request Node's HTTP parser rejects (a broken request line,
 * headers too large, a body that never arrives). There is no request object yet, so the answer is written
 * to the socket by hand, still as a problem document with the usual API headers.
 */
export function createClientErrorHandler(options: { isHttps: boolean }) {
  const headerLines = Object.entries(apiHeaders(options.isHttps))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    // a reset connection has no one left to answer
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const code = clientErrorCode(error);
      const spec = ERROR_CATALOGUE[code];
      const problem: Problem = {
        type: problemType(code),
        title: spec.title,
        status: spec.status,
        detail: spec.title,
        code,
      };
      const body = JSON.stringify(problem);
      socket.write(
        `HTTP/1.1 ${spec.status} ${STATUS_CODES[spec.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n${headerLines}Connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
