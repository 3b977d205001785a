import { ProblemError } from '../../kit/reference/problem';

/** The error catalogue: every error a client can see from this API. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(422, detail, field),
  invalidBody: () => new ProblemError(422, 'The request body must be a JSON object.'),
  emailTaken: () => new ProblemError(409, 'An account already uses this email.', 'email'),
  // one message for an unknown email and a wrong password, so neither tells which emails have accounts
  badCredentials: () => new ProblemError(401, 'The email or password is wrong.'),
  unauthenticated: () =>
    new ProblemError(401, 'Sign in first: send Authorization: Bearer <token>.', undefined, {
      'www-authenticate': 'Bearer',
    }),
  adminsOnly: () => new ProblemError(403, 'Only an admin may do this.'),
  tooManyLogIns: (retryAfterSeconds: number) =>
    new ProblemError(429, 'Too many failed log-ins for this email; try again later.', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  accountNotFound: () => new ProblemError(404, 'No account uses this email.', 'email'),
  productNotFound: () => new ProblemError(404, 'No product has this id.'),
  orderNotFound: () => new ProblemError(404, 'No order of yours has this id.'),
  idempotencyKeyRequired: () =>
    new ProblemError(
      400,
      'Send an Idempotency-Key header (1 to 255 characters, a new UUID per checkout) so a retry cannot order twice.',
      'Idempotency-Key',
    ),
  idempotencyKeyReused: () =>
    new ProblemError(
      422,
      'This Idempotency-Key was used for a checkout with another body; use a new key for a new checkout.',
      'Idempotency-Key',
    ),
  idempotencyKeyInProgress: () =>
    new ProblemError(409, 'A checkout with this Idempotency-Key is still in progress; retry in a moment.'),
  cartEmpty: () => new ProblemError(409, 'The cart is empty: there is nothing to check out.'),
  outOfStock: (productId: number) =>
    new ProblemError(409, `Not enough of product ${productId} is in stock for this order.`),
  transitionRefused: (status: string, action: string) =>
    new ProblemError(409, `An order that is ${status} cannot be ${action}.`),
  webhookSignatureInvalid: () =>
    new ProblemError(400, 'The Webhook-Signature does not match the body.', 'Webhook-Signature'),
  webhookTimestampInvalid: () =>
    new ProblemError(
      400,
      'Webhook-Timestamp must be the Unix time in seconds, within 5 minutes of now.',
      'Webhook-Timestamp',
    ),
  webhookEventInvalid: (detail: string, field?: string) => new ProblemError(400, detail, field),
  routeNotFound: () => new ProblemError(404, 'There is nothing at this address.'),
};
