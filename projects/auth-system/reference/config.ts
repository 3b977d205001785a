import { z } from 'zod';

const Flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('')
  .transform((value) => value === '1' || value === 'true');

/** The reference's configuration, from the environment, parsed once. */
export const AuthConfig = z.object({
  // test-only: the outbox, admin promotion and short expiries; never on in production (see spec.md)
  AUTH_TEST_MODE: Flag,
  // HS256 key for access tokens; a fresh random key per start when unset (every token dies with the process)
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
});
export type AuthConfig = z.infer<typeof AuthConfig>;

/** Reads the configuration, reporting every bad variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AuthConfig> {
  const parsed = AuthConfig.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Bad configuration: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return Object.freeze(parsed.data);
}

/** Lifetimes, in seconds. */
export const TTL = {
  // short: a stolen access token is useful for ten minutes at most, and the session check ends it sooner
  accessToken: 10 * 60,
  refreshToken: 30 * 24 * 60 * 60,
  verifyEmail: 24 * 60 * 60,
  passwordReset: 30 * 60,
} as const;
