import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROADMAP_FILE } from '@groundwork/content';
import type { ContentError } from '@groundwork/server';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit-codes';

type Env = Readonly<Record<string, string | undefined>>;

export type ServeFlags = {
  host?: string;
  port?: string;
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  role?: string;
  logLevel?: string;
};

function overridesFrom(flags: ServeFlags) {
  return {
    ...(flags.host ? { HOST: flags.host } : {}),
    ...(flags.port ? { PORT: flags.port } : {}),
    ...(flags.dataDir ? { GROUNDWORK_DATA_DIR: flags.dataDir } : {}),
    ...(flags.databaseUrl ? { DATABASE_URL: flags.databaseUrl } : {}),
    ...(flags.redisUrl ? { REDIS_URL: flags.redisUrl } : {}),
    ...(flags.role ? { GROUNDWORK_ROLE: flags.role } : {}),
    ...(flags.logLevel ? { LOG_LEVEL: flags.logLevel } : {}),
  };
}

function addServerFlags(command: Command, withRole: boolean): Command {
  command
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--data-dir <dir>', 'folder for the embedded database (env GROUNDWORK_DATA_DIR, default ./data)')
    .option(
      '--database-url <url>',
      'PostgreSQL connection string; without it the embedded database is used (env DATABASE_URL)',
    )
    .option('--redis-url <url>', 'Redis, for shared rate limits and events across processes (env REDIS_URL)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace (env LOG_LEVEL)');
  if (withRole) command.option('--role <role>', 'api, worker or all (env GROUNDWORK_ROLE, default all)');
  return command;
}

/** Loads the server lazily, so commands like `test` never pay for Fastify and PostgreSQL drivers. */
async function loadServer() {
  return import('@groundwork/server');
}

// network failures on the way to PostgreSQL: the server is down, or the URL names the wrong host
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);
// PostgreSQL answered, but refused: the URL's user, password or database is wrong
const REFUSED_CODES: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'this user may not connect',
  '3D000': 'the database does not exist',
};

/** Explains a failure to reach or log in to PostgreSQL; undefined for any other error. */
export function explainDatabaseError(error: unknown): CliError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (UNREACHABLE_CODES.has(code)) {
    return new CliError(
      `Cannot reach PostgreSQL at DATABASE_URL (${code}). Is it running, and are the host and port right?`,
      EXIT.unreachable,
    );
  }
  const reason = REFUSED_CODES[code];
  if (reason) {
    return new CliError(
      `PostgreSQL refused the connection: ${reason} (${(error as Error).message}). Check DATABASE_URL.`,
      EXIT.usage,
    );
  }
  return undefined;
}

// enough to start fixing; `groundwork content check` lists them all
const LISTED_CONTENT_ISSUES = 10;

/** Broken content is its author's to fix: say where, show the first problems, and how to check again. */
function explainContentError(error: ContentError): CliError {
  if (!existsSync(join(error.dir, ROADMAP_FILE))) {
    return new CliError(
      `There is no roadmap content in ${error.dir} (no ${ROADMAP_FILE}). Point GROUNDWORK_CONTENT_DIR at a content folder, or unset it to use the repository's content/.`,
      EXIT.usage,
    );
  }
  return new CliError(
    [
      error.summary(LISTED_CONTENT_ISSUES),
      `Fix ${error.issues.length === 1 ? 'it' : 'them'} and start again; \`groundwork content check --dir ${error.dir}\` checks the content on its own.`,
    ].join('\n'),
    EXIT.usage,
  );
}

export async function parseConfig(env: Env, flags: ServeFlags) {
  const server = await loadServer();
  try {
    return {
      server,
      config: server.loadConfig(env, overridesFrom(flags), { isTty: process.stdout.isTTY === true }),
    };
  } catch (error) {
    if (error instanceof server.ConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

async function serve(env: Env, flags: ServeFlags) {
  const { server, config } = await parseConfig(env, flags);
  try {
    await server.startServer(config, { handleSignals: true });
  } catch (error) {
    if (error instanceof server.DataDirInUseError) throw new CliError(error.message, EXIT.failed);
    if (error instanceof server.ContentError) throw explainContentError(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${config.port} on ${config.host} is already in use. Pick another with --port.`,
        EXIT.failed,
      );
    }
    throw (config.database.url ? explainDatabaseError(error) : undefined) ?? error;
  }
}

export function registerServeCommands(program: Command, env: Env) {
  addServerFlags(
    program
      .command('start')
      .description(
        'run Groundwork: the API, the grading worker and the web app in one process (what `npm start` runs)',
      ),
    false,
  ).action((flags: ServeFlags) => serve(env, { ...flags, role: 'all' }));

  addServerFlags(
    program
      .command('serve')
      .description('run one role of Groundwork; production runs api and worker processes separately'),
    true,
  ).action((flags: ServeFlags) => serve(env, flags));

  program
    .command('migrate')
    .description('apply database migrations and exit (the server also applies them at start)')
    .option('--data-dir <dir>', 'folder of the embedded database (env GROUNDWORK_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL)')
    .action(async (flags: ServeFlags) => {
      const { server, config } = await parseConfig(env, flags);
      let database: Awaited<ReturnType<typeof server.openDatabase>>;
      try {
        database = await server.openDatabase({
          url: config.database.url,
          dataDir: config.database.dataDir,
          poolSize: 1,
        });
      } catch (error) {
        if (error instanceof server.DataDirInUseError) throw new CliError(error.message, EXIT.failed);
        throw new CliError(`Cannot open the database: ${(error as Error).message}`, EXIT.unreachable);
      }
      try {
        const applied = await server.runMigrations(database);
        const where = database.kind === 'pglite' ? config.database.dataDir : 'PostgreSQL';
        console.log(
          `The database (${where}) is up to date: ${applied.total} migrations, ${applied.applied} applied now.`,
        );
      } catch (error) {
        // PostgreSQL is reached lazily, so a wrong URL shows up here, at the first query
        throw explainDatabaseError(error) ?? error;
      } finally {
        await database.close();
      }
    });
}
