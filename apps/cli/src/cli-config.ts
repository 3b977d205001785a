import { shouldUseColor } from '@groundwork/grader';
import envPaths from 'env-paths';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes';

const CliEnv = z.object({
  GROUNDWORK_CONFIG_DIR: z.string().min(1).optional(),
  GROUNDWORK_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:3000' })
    .optional(),
  NO_COLOR: z.string().optional(),
  FORCE_COLOR: z.string().optional(),
  TERM: z.string().optional(),
});

export type CliConfig = Readonly<{
  /** Where `login` keeps the credentials file. */
  configDir: string;
  /** The Groundwork server to talk to when neither --url nor a saved login says otherwise. */
  defaultUrl: string | undefined;
  color: boolean;
}>;

/** The CLI's own settings, parsed once from the environment. */
export function loadCliConfig(env: Readonly<Record<string, string | undefined>>, isTty: boolean): CliConfig {
  const parsed = CliEnv.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CliError(`Invalid environment:\n  ${problems.join('\n  ')}`, EXIT.usage);
  }
  return Object.freeze({
    configDir: parsed.data.GROUNDWORK_CONFIG_DIR ?? envPaths('groundwork', { suffix: '' }).config,
    defaultUrl: parsed.data.GROUNDWORK_URL,
    color: shouldUseColor({ isTTY: isTty, env: parsed.data }),
  });
}
