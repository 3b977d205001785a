import { z } from 'zod';

// The request rules of the REST contract (../openapi.yaml); each message names its field.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_ROOM_NAME_LENGTH = 64;
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

const USERNAME_RULE = 'username must be 3 to 32 characters from A-Z, a-z, 0-9 and _.';
const PASSWORD_RULE = `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`;
const LIMIT_RULE = `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`;

/** Stored lower-case, so "Ada" and "ada" are one account. */
export const Username = z
  .string({ error: USERNAME_RULE })
  .regex(/^[A-Za-z0-9_]{3,32}$/, USERNAME_RULE)
  .transform((username) => username.toLowerCase());

// counted in characters (code points), not UTF-16 units: "pässwörd" is 8 characters
export const Password = z.string({ error: PASSWORD_RULE }).refine((password) => {
  const length = [...password].length;
  return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH;
}, PASSWORD_RULE);

export const RegisterBody = z.object({ username: Username, password: Password });
export type RegisterBody = z.infer<typeof RegisterBody>;

// log-in checks nothing but presence: the rules are for new passwords, and a refusal must not hint at them
export const LogInBody = z.object({
  username: z.string({ error: 'username is required.' }).transform((username) => username.toLowerCase()),
  password: z.string({ error: 'password is required.' }),
});
export type LogInBody = z.infer<typeof LogInBody>;

export const CreateRoomBody = z.object({
  name: z
    .string({ error: 'name is required and must be a string.' })
    .trim()
    .min(1, 'name must not be empty.')
    .max(MAX_ROOM_NAME_LENGTH, `name must be at most ${MAX_ROOM_NAME_LENGTH} characters long.`),
});
export type CreateRoomBody = z.infer<typeof CreateRoomBody>;

export const Limit = z
  .string({ error: LIMIT_RULE })
  .regex(/^\d{1,9}$/, LIMIT_RULE)
  .transform(Number)
  .pipe(z.number().min(1, LIMIT_RULE).max(MAX_PAGE_LIMIT, LIMIT_RULE));

export const HistoryQuery = z.object({
  limit: Limit.default(DEFAULT_PAGE_LIMIT),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;
