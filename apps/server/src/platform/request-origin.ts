import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config/config';
import { AppError } from './errors/app-error';

/**
 * Routes infrastructure calls by address rather than by name: Kubernetes' httpGet probes and
 * Prometheus send the pod's IP as Host. They set no cookie, change nothing and show no user's data
 * (`/metrics` has its own token), so a rebound name gains nothing from them.
 */
const ANY_HOST_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

const UNSPECIFIED_ADDRESSES: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);

function bare(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Loopback names and addresses: a browser resolves `*.localhost` itself, so no DNS answer can rebind them. */
export function isLoopbackHost(host: string): boolean {
  const hostname = bare(host);
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '::1') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/**
 * The host names this instance answers to (ports aside): loopback, PUBLIC_URL's host, and HOST when it
 * is one specific address (reached as http://192.168.1.20:3000 on a LAN). Any other name in Host is a
 * DNS-rebinding page, or a misdirected request.
 */
export function createHostPolicy(config: Pick<Config, 'host' | 'publicUrl'>) {
  const named = new Set<string>();
  if (config.publicUrl) named.add(bare(config.publicUrl.hostname));
  const listen = bare(config.host);
  if (isIP(listen) !== 0 && !UNSPECIFIED_ADDRESSES.has(listen)) named.add(listen);
  return {
    isAllowedHost(hostname: string): boolean {
      const name = bare(hostname);
      return isLoopbackHost(name) || named.has(name);
    },
  };
}

/** Refuses, before anything else runs, a request whose Host this instance does not answer to. */
export function registerHostCheck(app: FastifyInstance, config: Pick<Config, 'host' | 'publicUrl'>) {
  const policy = createHostPolicy(config);
  app.addHook('onRequest', (request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction) => {
    if (policy.isAllowedHost(request.hostname) || ANY_HOST_ROUTES.has(request.routeOptions.url ?? '')) {
      done();
      return;
    }
    done(
      new AppError('host_not_allowed', `This server does not answer to the host name "${request.hostname}".`),
    );
  });
}

/** Normalised `scheme://host[:port]`, or undefined when the text is not an http(s) origin. */
export function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Origins besides the request's own that may write with the session cookie: PUBLIC_URL's and CORS_ORIGINS. */
export function trustedOrigins(config: Pick<Config, 'publicUrl' | 'http'>): readonly string[] {
  return [...(config.publicUrl ? [config.publicUrl.origin] : []), ...config.http.corsOrigins];
}

/**
 * True when `origin` is exactly (scheme, host and port) this instance as the request reached it, or
 * one of `trusted` (see trustedOrigins).
 */
export function isOwnOrigin(request: FastifyRequest, origin: string, trusted: readonly string[]): boolean {
  const normalised = originOf(origin);
  if (!normalised) return false;
  if (normalised === originOf(`${request.protocol}://${request.host}`)) return true;
  return trusted.some((entry) => originOf(entry) === normalised);
}
