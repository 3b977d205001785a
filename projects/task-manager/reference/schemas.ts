import { z } from 'zod';

// The request rules of the contract (../openapi.yaml), one schema per field; each message names its field.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const TASK_STATUSES = ['todo', 'in_progress', 'done'] as const;
export const SORTS = ['createdAt', '-createdAt', 'dueDate', '-dueDate'] as const;
export type Sort = (typeof SORTS)[number];

const PASSWORD_RULE = `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`;
const DATE_RULE = (field: string) =>
  `${field} must be a calendar date written YYYY-MM-DD, such as 2030-01-31.`;

export const Email = z
  .string({ error: 'email is required.' })
  .trim()
  .max(254, 'email must be at most 254 characters long.')
  .pipe(z.email({ error: 'email must be an email address, such as ada@example.com.' }))
  .transform((email) => email.toLowerCase());

// counted in characters (code points), not bytes: "pässwörd" is 8 characters
export const Password = z.string({ error: PASSWORD_RULE }).refine((password) => {
  const length = [...password].length;
  return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH;
}, PASSWORD_RULE);

export const SignUpBody = z.object({
  email: Email,
  password: Password,
  name: z
    .string({ error: 'name must be a string.' })
    .trim()
    .max(100, 'name must be at most 100 characters long.')
    .nullish(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

// log-in checks nothing but presence: the rules are for new passwords, and a refusal must not hint at them
export const LogInBody = z.object({
  email: z.string({ error: 'email is required.' }).transform((email) => email.trim().toLowerCase()),
  password: z.string({ error: 'password is required.' }),
});

/** A real calendar day: "2030-02-30" has the right shape and is still refused. */
export function calendarDate(field: string) {
  return z
    .string({ error: DATE_RULE(field) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_RULE(field))
    .refine((text) => {
      const day = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
    }, DATE_RULE(field));
}

export const Title = z
  .string({ error: 'title is required and must be a string.' })
  .trim()
  .min(1, 'title must not be empty.')
  .max(MAX_TITLE_LENGTH, `title must be at most ${MAX_TITLE_LENGTH} characters long.`);

export const Description = z
  .string({ error: 'description must be a string or null.' })
  .max(MAX_DESCRIPTION_LENGTH, `description must be at most ${MAX_DESCRIPTION_LENGTH} characters long.`)
  .nullable();

export const Status = z.enum(TASK_STATUSES, { error: 'status must be one of todo, in_progress, done.' });

// unknown fields (ownerId, id, createdAt, …) are dropped: clients choose only these
export const CreateTaskBody = z.object({
  title: Title,
  description: Description.optional(),
  status: Status.optional(),
  dueDate: calendarDate('dueDate').nullable().optional(),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = CreateTaskBody.partial();
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

const LIMIT_RULE = `limit must be a positive whole number (pages hold at most ${MAX_PAGE_LIMIT}).`;

export const Limit = z
  .string({ error: LIMIT_RULE })
  .regex(/^\d{1,9}$/, LIMIT_RULE)
  .transform(Number)
  .pipe(z.number().min(1, LIMIT_RULE));

export const ListQuery = z.object({
  status: Status.optional(),
  dueFrom: calendarDate('dueFrom').optional(),
  dueTo: calendarDate('dueTo').optional(),
  sort: z.enum(SORTS, { error: `sort must be one of ${SORTS.join(', ')}.` }).default('-createdAt'),
  limit: Limit.transform((limit) => Math.min(limit, MAX_PAGE_LIMIT)).default(DEFAULT_PAGE_LIMIT),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;
