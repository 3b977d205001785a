import { ProblemError } from '../../kit/reference/problem';

/** The error catalogue over REST: every problem a client can see from this API. */
export const problems = {
  invalidField: (field: string, detail: string) => new ProblemError(400, detail, field),
  invalidBody: () => new ProblemError(400, 'The request body must be a JSON object.'),
  usernameTaken: () => new ProblemError(409, 'This username is taken; choose another one.', 'username'),
  // one message for an unknown username and a wrong password, so neither tells which usernames exist
  badCredentials: () => new ProblemError(401, 'The username or password is wrong.'),
  unauthenticated: () =>
    new ProblemError(401, 'Sign in first: send Authorization: Bearer <token>.', undefined, {
      'www-authenticate': 'Bearer',
    }),
  socketUnauthenticated: () =>
    new ProblemError(401, 'Open the WebSocket with ?token=<token> from /auth/register or /auth/login.'),
  foreignOrigin: () => new ProblemError(403, 'WebSockets from pages of other sites are refused.'),
  tooManyLogIns: (retryAfterSeconds: number) =>
    new ProblemError(429, 'Too many failed log-ins for this username; try again later.', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  roomNotFound: () => new ProblemError(404, 'No room has this id.'),
  notAMember: () => new ProblemError(403, 'Only members of this room may see this; join it first.'),
  routeNotFound: () => new ProblemError(404, 'There is nothing at this address.'),
};

/** The codes of `error` frames on the WebSocket, each with the message it carries. */
export const FRAME_ERRORS = {
  'bad-frame': 'The frame is not a JSON object of a known type with the fields that type needs.',
  'invalid-message': 'text must be 1 to 4000 characters, and clientId at most 64.',
  'not-a-member': 'Join the room first.',
  'room-not-found': 'No room has this id.',
  'too-large': 'Frames are limited to 64 KiB.',
  unauthenticated: 'This token was revoked; log in again.',
} as const;

export type FrameErrorCode = keyof typeof FRAME_ERRORS;
