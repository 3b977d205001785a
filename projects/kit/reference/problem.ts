import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';

/**
 * An error the client caused or should know about; everything else is a bug and answers a plain 500.
 * @example throw new ProblemError(409, 'This alias is already taken; choose another one.', 'alias');
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** An RFC 9457 problem document, plus `field` naming the input at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
}

/**
 * The problem document a reference answers for an error.
 * @example reply.code(error.status).type('application/problem+json').send(toProblem(error));
 */
export function toProblem(error: ProblemError): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}

/**
 * Errors a client caused (ours, or Fastify's for bad JSON, wrong media type, too large a body);
 * undefined for a bug.
 * @example const problem = toClientProblem(error) ?? new ProblemError(500, 'Something went wrong on our side.');
 */
export function toClientProblem(error: FastifyError): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ProblemError(status, error.message);
  return undefined;
}
