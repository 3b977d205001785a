import { z } from 'zod';
import { problems } from './errors';

// RFC 5321 caps an address at 254 characters; the pattern only rules out what cannot be delivered to
const Email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Give an email address such as ada@example.com.')
  .transform((email) => email.toLowerCase());
// the policy itself (length, common passwords) is checked by passwords.ts, with its own messages
const Password = z.string().max(1_024);
const Token = z.string().min(1).max(512);

export const SignUpBody = z.object({ email: Email, password: Password, role: z.unknown().optional() });
export const LogInBody = z.object({
  email: Email,
  password: Password,
  totpCode: z.string().max(16).optional(),
  recoveryCode: z.string().max(64).optional(),
});
export const TokenBody = z.object({ token: Token });
export const ForgotBody = z.object({ email: Email });
export const ResetBody = z.object({ token: Token, password: Password });
export const CodeBody = z.object({ code: z.string().max(16) });
export const RoleBody = z.object({ role: z.enum(['user', 'admin']) });
export const PromoteBody = z.object({ email: Email });

/** Parses a body with a schema; a failure is a 400 naming the first field at fault. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw problems.invalidBody();
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw problems.invalidField(field, issue?.message ?? 'This value is not valid.');
}
