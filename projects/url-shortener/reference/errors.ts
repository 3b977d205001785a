import { ProblemError } from '../../kit/reference/problem';

/** The error catalogue: every error a client can see from this API. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(400, detail, field),
  invalidBody: () => new ProblemError(400, 'The request body must be a JSON object.'),
  aliasTaken: () => new ProblemError(409, 'This alias is already taken; choose another one.', 'alias'),
  linkNotFound: () => new ProblemError(404, 'No link has this code.'),
  linkExpired: () => new ProblemError(410, 'This link has expired.'),
  routeNotFound: () => new ProblemError(404, 'There is nothing at this address.'),
};
