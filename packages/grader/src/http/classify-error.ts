import type { ExchangeErrorKind } from '@groundwork/contracts';
import { isPolicyRefusal } from '../policy/policy-refusal';
import { formatDuration } from '../runner/deadline';

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the response body is larger than the ${formatBytes(maxBytes)} limit`);
    this.name = 'BodyTooLargeError';
  }
}

export interface ErrorContext {
  hasTimedOut: boolean;
  wasAborted: boolean;
  timeoutMs: number;
  /** The first bytes of the response arrived (its status line had begun); unknown counts as no. */
  hasResponseStarted?: boolean;
  hasHeaders: boolean;
  host: string;
}

/** Turns whatever undici, Node or the policy threw into one learner-facing phrase. */
export function classifyExchangeError(
  error: unknown,
  context: ErrorContext,
): { kind: ExchangeErrorKind; message: string } {
  if (context.hasTimedOut) return { kind: 'timeout', message: describeTimeout(context) };
  if (isPolicyRefusal(error)) return { kind: 'refused-by-policy', message: error.message };
  if (error instanceof BodyTooLargeError) return { kind: 'body-too-large', message: error.message };
  if (context.wasAborted)
    return { kind: 'aborted', message: 'the check ran out of time while waiting for it' };
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'connection-refused', message: `the connection to ${context.host} was refused` };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { kind: 'timeout', message: `could not connect to ${context.host} in time` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return {
        kind: 'connection-reset',
        message: 'the server closed the connection before the response was complete',
      };
    case 'UND_ERR_HEADERS_OVERFLOW':
      return { kind: 'invalid-response', message: 'the response headers are too large' };
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return { kind: 'body-too-large', message: 'the response body is larger than the limit' };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', message: describeTimeout(context) };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'network', message: `the name ${context.host} does not resolve` };
    default:
      if (code?.startsWith('HPE_') || (error instanceof Error && error.name === 'HTTPParserError')) {
        return { kind: 'invalid-response', message: describeParserError(error) };
      }
      return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}

/** How far the response got before time ran out: nothing, part of the status and headers, or the body. */
function describeTimeout(context: ErrorContext): string {
  const within = `within ${formatDuration(context.timeoutMs)}`;
  if (context.hasHeaders) return `the status and headers arrived, but the body did not finish ${within}`;
  if (context.hasResponseStarted) {
    return `the server started answering, but its status line and headers did not finish ${within}`;
  }
  return `no response ${within}`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((error as { cause?: unknown }).cause);
}

const PARSER_PREFIX = /^Response does not match the HTTP\/1\.1 protocol \((.*)\)$/s;
const SHOWN_BYTES = 40;

/**
 * llhttp's reason without undici's wrapper, and the bytes where parsing stopped (undici's `data`
 * starts there, not at the start of the reply). A reply that is not HTTP at all (another protocol
 * on the port) is said so plainly, not as llhttp's "Expected HTTP/, RTSP/ or ICE/".
 */
function describeParserError(error: unknown): string {
  const { message, data } = error as { message?: unknown; data?: unknown };
  const text = typeof message === 'string' ? message : '';
  const reason = PARSER_PREFIX.exec(text)?.[1] ?? text;
  const at = typeof data === 'string' && data !== '' ? quoteBytes(data) : undefined;
  if (reason.startsWith('Expected HTTP/')) {
    const where = at ? ` (parsing stopped at ${at})` : '';
    return `the response is not HTTP, as it has no status line such as HTTP/1.1 200 OK${where}`;
  }
  const detail = reason === '' ? 'it could not be parsed' : reason.toLowerCase();
  return `the response is not valid HTTP/1.1 (${detail}${at ? `; parsing stopped at ${at}` : ''})`;
}

/** The first bytes of a reply, in quotes, with line breaks and control bytes made visible. */
function quoteBytes(data: string): string {
  const shown = data
    .slice(0, SHOWN_BYTES)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[^ -~]/g, '?'); // anything but printable ASCII
  return `"${shown}${data.length > SHOWN_BYTES ? '…' : ''}"`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
