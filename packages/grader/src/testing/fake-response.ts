import { recordExchange } from '../http/recorder';
import type { HttpResponse } from '../http/types';

/** A response built in memory, for testing expectation helpers without a server. */
export function fakeResponse({
  status = 200,
  headers = {},
  body = '',
  method = 'GET',
  url = 'http://127.0.0.1:8080/links',
}: {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  method?: string;
  url?: string;
}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const buffer = Buffer.from(text);
  const exchange = recordExchange({
    method,
    url,
    requestHeaders: {},
    requestBody: undefined,
    timingMs: 1,
    response: { status, headers, body: buffer, isBodyTruncated: false },
  });
  return {
    method,
    url,
    status,
    headers,
    body: buffer,
    timingMs: 1,
    exchange,
    header: (name) => headers[name.toLowerCase()],
    text: () => text,
    json<T>() {
      try {
        return JSON.parse(text) as T;
      } catch {
        return undefined;
      }
    },
  };
}
