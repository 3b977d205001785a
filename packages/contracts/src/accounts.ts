import { z } from 'zod';

export const Role = z.enum(['learner', 'mentor', 'admin']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const Email = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const Password = z
  .string()
  .min(10, { message: 'Use at least 10 characters' })
  .max(200, { message: 'Use at most 200 characters' });

export const DisplayName = z.string().trim().min(1, { message: 'Enter a name' }).max(80);

/** A user as the API shows it. Never carries the password hash. */
export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SignupInput = z.strictObject({ email: Email, password: Password, name: DisplayName });
export type SignupInput = z.infer<typeof SignupInput>;

export const LoginInput = z.strictObject({
  email: Email,
  password: z.string().min(1, { message: 'Enter your password' }).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** What sign-up and log-in return: the user, and the CSRF token to send as `X-CSRF-Token` on writes. */
export const SessionInfo = z.object({ user: User, csrfToken: z.string() }).meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the token, to recognise it by.'),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name the token' }).max(80),
  expiresInDays: z.number().int().min(1).max(365).optional(),
});
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

export const CreatedToken = z
  .object({
    token: ApiToken,
    secret: z.string().describe('The token itself. It is shown once and cannot be retrieved later.'),
  })
  .meta({ id: 'CreatedToken' });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const ChangeRoleInput = z.strictObject({ role: Role });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

export const AuditEvent = z
  .object({
    id: z.string(),
    type: z.string(),
    userId: z.uuid().nullable(),
    actorId: z.uuid().nullable(),
    ip: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** Cursor pagination used by every list endpoint: `?limit=&cursor=`, answered with `nextCursor`. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
