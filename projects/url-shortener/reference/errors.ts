import { STATUS_CODES } from 'node:http';

/** An error the client caused or should know about; everything else is a bug and answers a plain 500. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** The error catalogue: every error a client can see from this API. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(400, detail, field),
  invalidBody: () => new ProblemError(400, 'The request body must be a JSON object.'),
  aliasTaken: () => new ProblemError(409, 'This alias is already taken; choose another one.', 'alias'),
  linkNotFound: () => new ProblemError(404, 'No link has this code.'),
  linkExpired: () => new ProblemError(410, 'This link has expired.'),
  routeNotFound: () => new ProblemError(404, 'There is nothing at this address.'),
};

/** An RFC 9457 problem document, plus `field` naming the input at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
}

export function toProblem(error: ProblemError): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}
