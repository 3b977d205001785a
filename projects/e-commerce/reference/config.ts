import { z } from 'zod';

/** The secret the grader signs payment webhooks with: test mode's, never a real provider's. */
export const TEST_WEBHOOK_SECRET = 'whsec_groundwork_test';

/** The environment the reference reads, parsed once at start. */
const ShopEnv = z
  .object({
    // the reference exists to be graded, so test mode is on unless switched off
    SHOP_TEST_MODE: z.enum(['0', '1'], { error: 'SHOP_TEST_MODE must be 0 or 1.' }).default('1'),
    PAYMENT_WEBHOOK_SECRET: z
      .string()
      .min(16, 'PAYMENT_WEBHOOK_SECRET must be at least 16 characters long.')
      .optional(),
  })
  .refine((env) => env.SHOP_TEST_MODE === '1' || env.PAYMENT_WEBHOOK_SECRET !== undefined, {
    error: 'PAYMENT_WEBHOOK_SECRET is required outside test mode.',
  });

export interface ShopConfig {
  /** POST /test/promote exists, and the webhook secret defaults to the test one. */
  isTestMode: boolean;
  /** The key payment webhooks are signed with (HMAC-SHA256). */
  webhookSecret: string;
}

export function loadConfig(env: NodeJS.ProcessEnv): Readonly<ShopConfig> {
  const result = ShopEnv.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid environment: ${result.error.issues.map((issue) => issue.message).join(' ')}`);
  }
  const { SHOP_TEST_MODE, PAYMENT_WEBHOOK_SECRET } = result.data;
  return Object.freeze({
    isTestMode: SHOP_TEST_MODE === '1',
    webhookSecret: PAYMENT_WEBHOOK_SECRET ?? TEST_WEBHOOK_SECRET,
  });
}
