import type { RecordedExchange } from '@groundwork/contracts';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One request to the target. `path` is relative to the client's base URL. */
export interface HttpRequestOptions {
  method?: HttpMethod | (string & {});
  /** Path (and optional query) under the target, e.g. `/links?page=2`. */
  path: string;
  query?: Readonly<Record<string, string | number | boolean>>;
  headers?: Readonly<Record<string, string>>;
  /** Sent as `application/json` unless `content-type` is given. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Readonly<Record<string, string>>;
  /** Sent as is: for malformed bodies, e.g. `'{"url":'`. */
  body?: string | Uint8Array;
  /** Deadline for connect + headers + body; defaults to the client's. */
  timeoutMs?: number;
  /** Response size cap; defaults to the client's (1 MiB). */
  maxBodyBytes?: number;
}

export type HttpRequestInit = Omit<HttpRequestOptions, 'method' | 'path'>;

/** A complete response, with the exchange that produced it (for failure output). */
export interface HttpResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly timingMs: number;
  readonly exchange: RecordedExchange;
  /** A header by case-insensitive name. */
  header(name: string): string | undefined;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The parsed JSON body, or undefined when the body is not JSON (whatever the content type says). */
  json<T = unknown>(): T | undefined;
}

/**
 * The bounded HTTP client bound to the target. Redirects are never followed (checks grade them).
 * Throws `ExchangeError` when no usable response comes back (the runner turns it into a failure).
 */
export interface HttpClient {
  readonly baseUrl: string;
  request(options: HttpRequestOptions): Promise<HttpResponse>;
  get(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  head(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  post(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  put(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  patch(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  delete(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  options(path: string, init?: HttpRequestInit): Promise<HttpResponse>;
  /**
   * A client with `connections` parallel connections to the same target (at most 64), for checks
   * that need concurrency; closed when the check ends.
   * @example
   * const wide = ctx.http.withConnections(50);
   * await Promise.all(Array.from({ length: 50 }, () => wide.get(`/${code}`)));
   */
  withConnections(connections: number): HttpClient;
  /** The exchanges this client made for the current check, oldest first: the last 1,000 at most. */
  readonly exchanges: readonly RecordedExchange[];
  /** How many exchanges this client made for the current check, including those no longer kept. */
  readonly exchangeCount: number;
}
