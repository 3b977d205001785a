import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/errors/app-error';
import { isOwnOrigin } from '../../platform/request-origin';
import type { AccountsService, Credential } from './accounts.service';
import { type CookiePolicy, CSRF_HEADER } from './cookies';
import { ACCESS_RULES, type AccessRule, canAccess, type Principal } from './principal';
import { safeEqual } from './secrets';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Every route must declare one; the server refuses to start otherwise. */
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer\s+(\S+)$/i;

export class MissingAccessRuleError extends Error {}

function isHiddenFromOpenApi(schema: unknown): boolean {
  return (schema as { hide?: unknown } | undefined)?.hide === true;
}

const INVALID_TOKEN = 'The access token is invalid, expired or revoked.';

/** What the caller sent to prove who they are: a bearer token wins over the session cookie. */
function readCredential(request: FastifyRequest, policy: CookiePolicy): Credential | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const secret = BEARER.exec(authorization)?.[1];
    // a malformed token is an error, never a silent fall-back to the cookie
    if (!secret) throw new AppError('unauthenticated', INVALID_TOKEN);
    return { kind: 'token', secret };
  }
  const cookieValue = request.cookies[policy.sessionCookie];
  return cookieValue ? { kind: 'session', cookieValue } : undefined;
}

/** Checks the caller against a route's rule; on success the request carries the principal. */
function authorise(
  request: FastifyRequest,
  access: Exclude<AccessRule, 'public'>,
  credential: Credential | undefined,
  principal: Principal | undefined,
): AppError | undefined {
  if (!principal) {
    // an unknown token is refused even where anonymous callers are welcome: the caller meant to sign in
    if (credential?.kind === 'token') return new AppError('unauthenticated', INVALID_TOKEN);
    return access === 'optional' ? undefined : new AppError('unauthenticated');
  }
  if (access !== 'optional' && !canAccess(principal.user.role, access)) {
    return new AppError(
      'forbidden',
      `This needs the ${access} role; you are signed in as a ${principal.user.role}.`,
    );
  }
  if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken)) {
      return new AppError('csrf_token_invalid');
    }
  }
  request.principal = principal;
  return undefined;
}

/**
 * Enforces each route's declared access rule before its body is even parsed, and CSRF protection on
 * cookie-authenticated writes.
 */
export const accessPlugin = fp(
  async (
    app: FastifyInstance,
    options: {
      accounts: AccountsService;
      cookies: CookiePolicy;
      thirdPartyPublicPrefixes: readonly string[];
      /** Origins besides the request's own that may make anonymous writes (see trustedOrigins). */
      trustedOrigins: readonly string[];
    },
  ) => {
    app.decorateRequest('principal', undefined);

    app.addHook('onRoute', (route) => {
      // routes added by plugins we do not write (the docs UI) cannot declare a rule; they are listed here instead
      if (
        !route.config?.access &&
        options.thirdPartyPublicPrefixes.some((prefix) => route.url.startsWith(prefix))
      ) {
        route.config = { ...route.config, access: 'public' };
      }
      const access = route.config?.access;
      if (!access || !ACCESS_RULES.includes(access)) {
        throw new MissingAccessRuleError(`${String(route.method)} ${route.url} declares no access rule`);
      }
      // the access-rule walk reads the OpenAPI document, so a route hidden from it must be open to anyone
      if (isHiddenFromOpenApi(route.schema) && access !== 'public' && access !== 'optional') {
        throw new MissingAccessRuleError(
          `${String(route.method)} ${route.url} is hidden from the OpenAPI document but requires "${access}": ` +
            'document it, so that the access-rule test covers it',
        );
      }
      const isWrite = [route.method].flat().some((method) => !SAFE_METHODS.has(method));
      // an anonymous write has no CSRF token to check, and sign-up or log-in would set another site's
      // chosen session in this browser (login CSRF): a browser's Origin naming another site is refused
      if (isWrite && (access === 'public' || access === 'optional')) {
        const checkOrigin = (request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction) => {
          const origin = request.headers.origin;
          if (origin === undefined || isOwnOrigin(request, origin, options.trustedOrigins)) done();
          else done(new AppError('origin_not_allowed'));
        };
        prependOnRequest(route, checkOrigin);
      }
      // public routes never look the caller up: no hook at all, not even an empty one, on the hottest paths
      if (access === 'public') return;
      const { accounts, cookies } = options;
      // callback-style: a caller seen in the last few seconds (most of them) is answered with no promise
      const check = (request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction) => {
        let credential: Credential | undefined;
        try {
          credential = readCredential(request, cookies);
        } catch (error) {
          done(error as AppError);
          return;
        }
        const cached = credential && accounts.peekPrincipal(credential);
        if (cached) {
          done(authorise(request, access, credential, cached));
          return;
        }
        if (!credential) {
          done(authorise(request, access, undefined, undefined));
          return;
        }
        accounts.authenticate(credential).then(
          (principal) => done(authorise(request, access, credential, principal)),
          (error: Error) => done(error),
        );
      };
      prependOnRequest(route, check);
    });
  },
  { name: 'access' },
);

type OnRequestHook = (request: FastifyRequest, reply: unknown, done: HookHandlerDoneFunction) => void;

/** Runs `hook` before the route's own onRequest hooks (and before any added here earlier). */
function prependOnRequest(route: { onRequest?: unknown }, hook: OnRequestHook) {
  const existing = route.onRequest;
  route.onRequest = existing ? [hook, ...(Array.isArray(existing) ? existing : [existing])] : [hook];
}

/** The signed-in caller of a route whose rule is not public. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}
