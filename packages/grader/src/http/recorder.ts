import type { ExchangeErrorKind, RecordedExchange, RecordedHeaders } from '@groundwork/contracts';
import { renderCurl } from './curl';

/** How much of a body failure output shows. */
export const EXCERPT_BYTES = 4096;
const BINARY_SNIFF_BYTES = 512;

export interface ExchangeParts {
  method: string;
  url: string;
  requestHeaders: RecordedHeaders;
  requestBody: string | Uint8Array | undefined;
  timingMs: number;
  response?: {
    status: number;
    headers: RecordedHeaders;
    body: Buffer;
    isBodyTruncated: boolean;
  };
  error?: { kind: ExchangeErrorKind; message: string };
}

/** Builds the record of one exchange: excerpts of both bodies and the curl command. */
export function recordExchange(parts: ExchangeParts): RecordedExchange {
  const requestBytes = parts.requestBody === undefined ? 0 : Buffer.byteLength(parts.requestBody);
  const exchange: RecordedExchange = {
    method: parts.method,
    url: parts.url,
    request: { headers: parts.requestHeaders, bodyBytes: requestBytes },
    timingMs: roundMs(parts.timingMs),
    curl: renderCurl({
      method: parts.method,
      url: parts.url,
      headers: parts.requestHeaders,
      body: parts.requestBody,
    }),
  };
  if (parts.requestBody !== undefined) exchange.request.bodyExcerpt = excerptOf(toBuffer(parts.requestBody));
  if (parts.response) {
    exchange.response = {
      status: parts.response.status,
      headers: parts.response.headers,
      bodyExcerpt: excerptOf(parts.response.body),
      bodyBytes: parts.response.body.length,
      isBodyTruncated: parts.response.isBodyTruncated,
    };
  }
  if (parts.error) exchange.error = parts.error;
  return exchange;
}

/** The first few KiB of a body as text, or a note when it is binary. */
export function excerptOf(body: Buffer): string {
  if (isBinary(body.subarray(0, BINARY_SNIFF_BYTES))) return `[${body.length} bytes of binary data]`;
  const text = body.subarray(0, EXCERPT_BYTES).toString('utf8');
  return body.length > EXCERPT_BYTES ? `${text}… [${body.length - EXCERPT_BYTES} more bytes]` : text;
}

function isBinary(sample: Buffer): boolean {
  return sample.includes(0);
}

function toBuffer(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

/** Flattens undici/Node header objects: lower-case names, repeated values joined. */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): RecordedHeaders {
  const flat: RecordedHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    flat[key] = Array.isArray(value) ? value.join(key === 'set-cookie' ? '\n' : ', ') : value;
  }
  return flat;
}

function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms * 100) / 100);
}
