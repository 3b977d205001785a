import type { RecordedExchange, RecordedHeaders } from '@groundwork/contracts';
import { Pool } from 'undici';
import type buildConnector from 'undici/types/connector';
import { createDeadline } from '../runner/deadline';
import { BodyTooLargeError, classifyExchangeError } from './classify-error';
import { ExchangeError } from './exchange-error';
import { flattenHeaders, recordExchange } from './recorder';
import { notifyResponseStart } from './response-start';
import type { HttpClient, HttpRequestInit, HttpRequestOptions, HttpResponse } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const MAX_CONNECTIONS = 64;
export const USER_AGENT = 'groundwork-grader/0.1';
/**
 * Exchanges a client keeps for failure output. A check that loops (a redirect loop followed without
 * a limit makes ~2,000 requests a second) would otherwise keep ~1 KB per request until its deadline.
 */
export const MAX_KEPT_EXCHANGES = 1_000;

export type Connector = buildConnector.connector;

export interface HttpTransportOptions {
  /** The target, e.g. `http://localhost:8080` or `https://app.example.com/api`. */
  baseUrl: string;
  /** How sockets are opened; the target policy supplies a pinned, checked connector. */
  connect?: Connector;
  /** Parallel connections to the target (default 1). */
  connections?: number;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

export interface ClientScope {
  /** Aborts every exchange of this client (e.g. the stage deadline). */
  signal?: AbortSignal;
  /** Called with every exchange; `isConcurrent` for those of a `withConnections` client. */
  onExchange?: (exchange: RecordedExchange, isConcurrent: boolean) => void;
}

/** A client that can be closed: pools opened by `withConnections` (and, at the top, the transport). */
export interface ClosableHttpClient extends HttpClient {
  close(): Promise<void>;
  /** Waits, at most `timeoutMs`, for the requests still in flight (its own and its wider clients'). */
  settle(timeoutMs: number): Promise<void>;
}

/**
 * Owns the connection pool to one target. The runner makes one per run and a client per check,
 * so every check records its own exchanges while sharing the connection.
 */
export class HttpTransport {
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  private readonly pool: Pool;

  constructor(private readonly options: HttpTransportOptions) {
    this.baseUrl = new URL(options.baseUrl);
    if (this.baseUrl.protocol !== 'http:' && this.baseUrl.protocol !== 'https:') {
      throw new TypeError(`the target must be an http(s) URL, not ${this.baseUrl.protocol}`);
    }
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.pool = this.openPool(options.connections ?? 1);
  }

  /** A pool of `connections` sockets to the target; the caller closes it. */
  openPool(connections: number): Pool {
    if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
      throw new RangeError(`connections must be an integer from 1 to ${MAX_CONNECTIONS}`);
    }
    return new Pool(this.baseUrl.origin, {
      connections,
      pipelining: 1,
      // Idle timers only; the real deadline is the AbortSignal of each exchange.
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connectTimeout: this.timeoutMs,
      ...(this.options.connect ? { connect: this.options.connect } : {}),
    });
  }

  /** A client for one scope (a check), sharing this transport's connection. */
  client(scope: ClientScope = {}): ClosableHttpClient {
    return new BoundedHttpClient(this, this.pool, scope, false);
  }

  /** A client that closes this transport's connection when it is closed. */
  ownedClient(scope: ClientScope = {}): ClosableHttpClient {
    return new BoundedHttpClient(this, this.pool, scope, true);
  }

  /**
   * A client on a connection of its own, closed with the client: a liveness probe must not queue
   * behind a request that the server left hanging on the shared connection.
   */
  isolatedClient(scope: ClientScope = {}): ClosableHttpClient {
    return new BoundedHttpClient(this, this.openPool(1), scope, true);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * A standalone bounded client (outside a grading run), e.g. for the CLI's reachability probe or tests.
 * @example
 * const http = createHttpClient({ baseUrl: 'http://localhost:8080' });
 * const res = await http.get('/health');
 * await http.close();
 */
export function createHttpClient(options: HttpTransportOptions & ClientScope): ClosableHttpClient {
  return new HttpTransport(options).ownedClient(options);
}

class BoundedHttpClient implements ClosableHttpClient {
  readonly exchanges: RecordedExchange[] = [];
  exchangeCount = 0;
  private readonly extraClients = new Map<number, BoundedHttpClient>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly pool: Pool,
    private readonly scope: ClientScope,
    private readonly ownsPool: boolean,
  ) {}

  get baseUrl(): string {
    return this.transport.baseUrl.href;
  }

  get(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'GET', path });
  }
  head(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'HEAD', path });
  }
  post(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'POST', path });
  }
  put(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'PUT', path });
  }
  patch(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'PATCH', path });
  }
  delete(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'DELETE', path });
  }
  options(path: string, init: HttpRequestInit = {}) {
    return this.request({ ...init, method: 'OPTIONS', path });
  }

  withConnections(connections: number): HttpClient {
    const existing = this.extraClients.get(connections);
    if (existing) return existing;
    const client = new BoundedHttpClient(
      this.transport,
      this.transport.openPool(connections),
      { ...this.scope, onExchange: (exchange) => this.record(exchange, true) },
      true,
    );
    this.extraClients.set(connections, client);
    return client;
  }

  async settle(timeoutMs: number): Promise<void> {
    const pending = [this, ...this.extraClients.values()].flatMap((client) => [...client.inFlight]);
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled(pending), timeout]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await Promise.all([...this.extraClients.values()].map((client) => client.close()));
    this.extraClients.clear();
    if (this.ownsPool) await this.pool.destroy();
  }

  request(options: HttpRequestOptions): Promise<HttpResponse> {
    const exchange = this.exchange(options);
    this.inFlight.add(exchange);
    const forget = () => this.inFlight.delete(exchange);
    exchange.then(forget, forget);
    return exchange;
  }

  private async exchange(options: HttpRequestOptions): Promise<HttpResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    const timeoutMs = options.timeoutMs ?? this.transport.timeoutMs;
    const maxBodyBytes = options.maxBodyBytes ?? this.transport.maxBodyBytes;
    const url = resolveTargetUrl(this.transport.baseUrl, options.path, options.query);
    const { headers, body } = encodeBody(options);
    const started = performance.now();
    const record = (parts: Pick<Parameters<typeof recordExchange>[0], 'response' | 'error'>) => {
      const exchange = recordExchange({
        method,
        url: url.href,
        requestHeaders: headers,
        requestBody: body,
        timingMs: performance.now() - started,
        ...parts,
      });
      this.record(exchange);
      return exchange;
    };

    if (url.origin !== this.transport.baseUrl.origin) {
      const message = `it only talks to the server being graded, ${this.transport.baseUrl.origin}, and sent nothing to ${url.origin}`;
      throw new ExchangeError(
        'refused-by-policy',
        message,
        record({ error: { kind: 'refused-by-policy', message } }),
      );
    }

    const deadline = createDeadline(timeoutMs, [this.scope.signal]);
    let hasResponseStarted = false;
    let status: number | undefined;
    let responseHeaders: RecordedHeaders = {};
    let received: Buffer[] = [];
    let receivedBytes = 0;
    try {
      const pool = this.pool.compose(
        notifyResponseStart(() => {
          hasResponseStarted = true;
        }),
      );
      const response = await pool.request({
        method,
        path: `${url.pathname}${url.search}`,
        headers: { 'user-agent': USER_AGENT, ...headers },
        body: body ?? null,
        signal: deadline.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        receivedBytes += chunk.length;
        if (receivedBytes > maxBodyBytes) {
          response.body.destroy();
          throw new BodyTooLargeError(maxBodyBytes);
        }
        received.push(chunk);
      }
      const responseBody = Buffer.concat(received);
      received = [];
      const exchange = record({
        response: { status, headers: responseHeaders, body: responseBody, isBodyTruncated: false },
      });
      return createResponse(method, url.href, status, responseHeaders, responseBody, exchange);
    } catch (error) {
      const { kind, message } = classifyExchangeError(error, {
        hasTimedOut: deadline.didTimeOut(),
        wasAborted: deadline.signal.aborted,
        timeoutMs,
        hasResponseStarted,
        hasHeaders: status !== undefined,
        host: url.host,
      });
      const partial =
        status === undefined
          ? {}
          : {
              response: {
                status,
                headers: responseHeaders,
                body: Buffer.concat(received),
                isBodyTruncated: true,
              },
            };
      throw new ExchangeError(kind, message, record({ ...partial, error: { kind, message } }));
    } finally {
      deadline.dispose();
    }
  }

  private record(exchange: RecordedExchange, isConcurrent = false): void {
    this.exchangeCount++;
    this.exchanges.push(exchange);
    if (this.exchanges.length > MAX_KEPT_EXCHANGES) this.exchanges.shift();
    this.scope.onExchange?.(exchange, isConcurrent);
  }
}

/** Joins `path` under the base URL's path, so `--url https://host/api` + `/links` is `/api/links`. */
export function resolveTargetUrl(
  base: URL,
  path: string,
  query?: Readonly<Record<string, string | number | boolean>>,
): URL {
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    url = new URL(path);
  } else {
    const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
    url = new URL(`${prefix}${path.startsWith('/') ? path : `/${path}`}`, base.origin);
  }
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, String(value));
  return url;
}

function encodeBody(options: HttpRequestOptions): {
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
} {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return { headers, body: JSON.stringify(options.json) };
  }
  if (options.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return { headers, body: new URLSearchParams(options.form as Record<string, string>).toString() };
  }
  return { headers, body: options.body };
}

function createResponse(
  method: string,
  url: string,
  status: number,
  headers: RecordedHeaders,
  body: Buffer,
  exchange: RecordedExchange,
): HttpResponse {
  let parsed: { value: unknown } | undefined;
  return {
    method,
    url,
    status,
    headers,
    body,
    timingMs: exchange.timingMs,
    exchange,
    header: (name) => headers[name.toLowerCase()],
    text: () => body.toString('utf8'),
    json<T>() {
      if (!parsed) {
        try {
          parsed = { value: JSON.parse(body.toString('utf8')) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value as T | undefined;
    },
  };
}
