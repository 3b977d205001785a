import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/errors/app-error';
import type { AccountsService } from './accounts.service';
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

/** Finds out who is calling: a bearer token wins over the session cookie. */
async function resolvePrincipal(
  request: FastifyRequest,
  accounts: AccountsService,
  policy: CookiePolicy,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const secret = BEARER.exec(authorization)?.[1];
    // a malformed or unknown token is an error, never a silent fall-back to the cookie
    const principal = secret ? await accounts.authenticateToken(secret) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'The access token is invalid, expired or revoked.');
    return principal;
  }
  const cookie = request.cookies[policy.sessionCookie];
  return cookie ? accounts.authenticateSession(cookie) : undefined;
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
      const check = async (request: FastifyRequest) => {
        // public routes never look the caller up: it would cost a query for nothing
        if (access === 'public') return;
        const principal = await resolvePrincipal(request, options.accounts, options.cookies);
        if (!principal) {
          if (access === 'optional') return;
          throw new AppError('unauthenticated');
        }
        if (access !== 'optional' && !canAccess(principal.user.role, access)) {
          throw new AppError(
            'forbidden',
            `This needs the ${access} role; you are signed in as a ${principal.user.role}.`,
          );
        }
        if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
          const sent = request.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken))
            throw new AppError('csrf_token_invalid');
        }
        request.principal = principal;
      };
      const existing = route.onRequest;
      route.onRequest = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
    });
  },
  { name: 'access' },
);

/** The signed-in caller of a route whose rule is not public. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}
