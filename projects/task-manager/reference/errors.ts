import { ProblemError } from '../../kit/reference/problem';

/** The error catalogue: every error a client can see from this API. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(400, detail, field),
  invalidBody: () => new ProblemError(400, 'The request body must be a JSON object.'),
  emailTaken: () => new ProblemError(409, 'An account already uses this email.', 'email'),
  // one message for an unknown email and a wrong password, so neither tells which emails have accounts
  badCredentials: () => new ProblemError(401, 'The email or password is wrong.'),
  unauthenticated: () =>
    new ProblemError(401, 'Sign in first: send Authorization: Bearer <token>.', undefined, {
      'www-authenticate': 'Bearer',
    }),
  tooManyLogIns: (retryAfterSeconds: number) =>
    new ProblemError(429, 'Too many failed log-ins for this email; try again later.', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  taskNotFound: () => new ProblemError(404, 'No task of yours has this id.'),
  ifMatchRequired: () =>
    new ProblemError(428, 'Send If-Match with the ETag of the task you read before updating it.'),
  staleTask: () =>
    new ProblemError(412, 'The task changed since you read it; read it again and reapply your change.'),
  routeNotFound: () => new ProblemError(404, 'There is nothing at this address.'),
};
