import { Problem } from '@groundwork/contracts';
import type { FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE } from './errors/catalogue';

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 426 | 429 | 503;

/**
 * Documents the problem responses a route can give, for the OpenAPI document.
 * @example response: { 200: User, ...problems(401) }
 */
export function problems<const S extends readonly ProblemStatus[]>(...statuses: S) {
  const entries = statuses.map((status) => {
    const titles = Object.values(ERROR_CATALOGUE)
      .filter((spec) => spec.status === status)
      .map((spec) => spec.title);
    return [status, Problem.describe(titles.join(' / '))] as const;
  });
  return Object.fromEntries(entries) as { [K in S[number]]: typeof Problem };
}

/** What the audit log records about where a request came from. */
export function auditContext(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}
