import { isAbsolute, resolve } from 'node:path';
import { createTargetPolicy } from '@groundwork/grader';
import { z } from 'zod';
import { findRepoPath } from '../platform/repo-paths';

export const ROLES = ['api', 'worker', 'all'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** The environment variables Groundwork reads, with their defaults. Documented in the README. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65_535).default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://groundwork.example.org' })
    .optional(),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected a PostgreSQL URL such as postgres://user:pass@host:5432/db',
    })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'expected a Redis URL such as redis://127.0.0.1:6379' })
    .optional(),
  GROUNDWORK_DATA_DIR: z.string().min(1).default('./data'),
  GROUNDWORK_CONTENT_DIR: z.string().min(1).optional(),
  GROUNDWORK_ROLE: z.enum(ROLES).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  CORS_ORIGINS: commaList.default([]),
  TRUST_PROXY: booleanFlag.default(false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  METRICS_TOKEN: z.string().min(16).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  GRADING_RUN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(600_000),
  GRADING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  GRADING_RETRY_LIMIT: z.coerce.number().int().min(0).max(10).default(2),
  GRADING_WORKER_TIMEOUT_SECONDS: z.coerce.number().int().min(4).max(3_600).default(20),
  GRADING_ALLOW_LOOPBACK: booleanFlag.optional(),
  GRADING_ALLOW_CIDRS: commaList
    .pipe(z.array(z.string().refine(isAddressRange, 'expected addresses or CIDR ranges such as 10.1.0.0/16')))
    .default([]),
  SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  QUEUE_MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
});

/** Every variable the server reads; each has a row in the README's configuration table. */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

function isAddressRange(text: string): boolean {
  try {
    createTargetPolicy({ mode: 'strict', allow: [text] });
    return true;
  } catch {
    return false;
  }
}

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: URL | undefined;
  role: (typeof ROLES)[number];
  database: Readonly<{ url: string | undefined; poolSize: number; dataDir: string }>;
  redisUrl: string | undefined;
  contentDir: string;
  log: Readonly<{ level: string; pretty: boolean }>;
  http: Readonly<{ corsOrigins: readonly string[]; trustProxy: boolean; bodyLimitBytes: number }>;
  auth: Readonly<{
    sessionTtlDays: number;
    rateLimitPerMinute: number;
    cacheTtlMs: number;
    secureCookies: boolean;
  }>;
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
  grading: Readonly<{
    runTimeoutMs: number;
    /** Runs one worker process grades at the same time. */
    concurrency: number;
    /** How many times a run whose worker died is tried again. */
    retryLimit: number;
    /** A worker whose last heartbeat is older than this is presumed dead; its runs are retried elsewhere. */
    workerTimeoutSeconds: number;
    /** A local single-user instance grades servers on this machine; a shared one must not. */
    allowLoopback: boolean;
    /** Private ranges the operator allows, e.g. a lab network. */
    allowCidrs: readonly string[];
    submissionsPerHour: number;
    queueMaintenanceIntervalSeconds: number;
  }>;
}>;

/** Values given on the command line; they win over the environment. */
export type ConfigOverrides = Partial<{
  HOST: string;
  PORT: string;
  DATABASE_URL: string;
  REDIS_URL: string;
  GROUNDWORK_DATA_DIR: string;
  GROUNDWORK_ROLE: string;
  LOG_LEVEL: string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, reporting every invalid variable together, and returns a frozen config.
 * @example const config = loadConfig(process.env, { PORT: '4000' });
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  overrides: ConfigOverrides = {},
  options: { isTty?: boolean; cwd?: string } = {},
): Config {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...env, ...overrides })) {
    // an empty variable means "not set", as in most twelve-factor tooling
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        // URLs may carry passwords and tokens are secrets: never echo those back
        const shown = /URL|TOKEN/.test(name) ? '' : ` (got "${merged[name] ?? ''}")`;
        return `${name}: ${issue.message.replace(/^Invalid input: /, '')}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const cwd = options.cwd ?? process.cwd();
  const toAbsolute = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  const publicUrl = e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : undefined;

  return deepFreeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    role: e.GROUNDWORK_ROLE,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      dataDir: toAbsolute(e.GROUNDWORK_DATA_DIR),
    },
    redisUrl: e.REDIS_URL,
    contentDir: toAbsolute(e.GROUNDWORK_CONTENT_DIR ?? findRepoPath('content', 'roadmap.yaml') ?? 'content'),
    log: { level: e.LOG_LEVEL, pretty: e.LOG_FORMAT ? e.LOG_FORMAT === 'pretty' : (options.isTty ?? false) },
    http: { corsOrigins: e.CORS_ORIGINS, trustProxy: e.TRUST_PROXY, bodyLimitBytes: e.BODY_LIMIT_BYTES },
    auth: {
      sessionTtlDays: e.SESSION_TTL_DAYS,
      rateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
      cacheTtlMs: e.AUTH_CACHE_TTL_MS,
      // behind HTTPS the cookie must be Secure; on a local http://127.0.0.1 it cannot be
      secureCookies: publicUrl?.protocol === 'https:',
    },
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    grading: {
      runTimeoutMs: e.GRADING_RUN_TIMEOUT_MS,
      concurrency: e.GRADING_CONCURRENCY,
      retryLimit: e.GRADING_RETRY_LIMIT,
      workerTimeoutSeconds: e.GRADING_WORKER_TIMEOUT_SECONDS,
      // the embedded database means one person on their own machine, whose servers run on loopback
      allowLoopback: e.GRADING_ALLOW_LOOPBACK ?? e.DATABASE_URL === undefined,
      allowCidrs: e.GRADING_ALLOW_CIDRS,
      submissionsPerHour: e.SUBMISSIONS_PER_HOUR,
      queueMaintenanceIntervalSeconds: e.QUEUE_MAINTENANCE_INTERVAL_SECONDS,
    },
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof URL)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
