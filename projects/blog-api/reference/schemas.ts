import { z } from 'zod';
import { ConduitError, conduitErrors } from './errors';

// RealWorld's own wording for an empty required field
const BLANK = "can't be blank";
const required = () => z.string({ error: BLANK }).trim().min(1, BLANK);
// a page larger than this is a mistake or an attack, not a reader
const MAX_LIMIT = 1_000;

export const RegisterBody = z.object({
  user: z.object({
    username: required().max(64),
    email: required()
      .max(254)
      .pipe(z.email({ error: 'is invalid' })),
    password: required().max(128),
  }),
});

export const LoginBody = z.object({
  user: z.object({ email: required(), password: required() }),
});

export const UpdateUserBody = z.object({
  user: z.object({
    username: required().max(64).optional(),
    email: required()
      .max(254)
      .pipe(z.email({ error: 'is invalid' }))
      .optional(),
    password: required().max(128).optional(),
    bio: z.string().max(2_000).nullable().optional(),
    image: z.string().max(2_000).nullable().optional(),
  }),
});

export const NewArticleBody = z.object({
  article: z.object({
    title: required().max(200),
    description: required().max(1_000),
    body: required().max(100_000),
    tagList: z.array(required().max(64)).max(20).optional(),
  }),
});

export const UpdateArticleBody = z.object({
  article: z.object({
    title: required().max(200).optional(),
    description: required().max(1_000).optional(),
    body: required().max(100_000).optional(),
    tagList: z.array(required().max(64)).max(20).optional(),
  }),
});

export const NewCommentBody = z.object({
  comment: z.object({ body: required().max(10_000) }),
});

const pageNumber = (min: number, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min).max(max);

export const ListQuery = z.object({
  tag: z.string().optional(),
  author: z.string().optional(),
  favorited: z.string().optional(),
  limit: pageNumber(1, MAX_LIMIT).default(20),
  offset: pageNumber(0, Number.MAX_SAFE_INTEGER).default(0),
});

export type RegisterBody = z.infer<typeof RegisterBody>['user'];
export type UpdateUserBody = z.infer<typeof UpdateUserBody>['user'];
export type NewArticleBody = z.infer<typeof NewArticleBody>['article'];
export type UpdateArticleBody = z.infer<typeof UpdateArticleBody>['article'];
export type ListQuery = z.infer<typeof ListQuery>;

/**
 * The parsed value, or a 422 naming the field at fault: the field inside the wrapper object
 * (`user.email` is reported as `email`), or the wrapper itself when it is missing.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (issue === undefined) throw new ConduitError(422, { body: ['is invalid'] });
  if (issue.path.length <= 1)
    throw conduitErrors.invalid(String(issue.path[0] ?? 'body'), 'is missing or invalid');
  throw conduitErrors.invalid(String(issue.path[1]), issue.message);
}
