import { z } from 'zod';

/** The environment the reference reads, parsed once at start. */
const ChatEnv = z.object({
  CHAT_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((list) =>
      (list ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(z.url({ error: 'CHAT_ALLOWED_ORIGINS must be a comma-separated list of origins.' }))),
});

export interface ChatConfig {
  /** Origins besides the server's own whose pages may open a WebSocket (`https://app.example`). */
  allowedOrigins: readonly string[];
}

export function loadConfig(env: NodeJS.ProcessEnv): Readonly<ChatConfig> {
  const result = ChatEnv.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid environment: ${result.error.issues.map((issue) => issue.message).join(' ')}`);
  }
  return Object.freeze({
    allowedOrigins: Object.freeze(result.data.CHAT_ALLOWED_ORIGINS.map((origin) => new URL(origin).origin)),
  });
}
