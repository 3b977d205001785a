import type { Command } from 'commander';
import { CliError, EXIT } from '../exit-codes';

type ServeFlags = {
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

async function parseConfig(flags: ServeFlags) {
  const server = await loadServer();
  try {
    return {
      server,
      config: server.loadConfig(process.env, overridesFrom(flags), { isTty: process.stdout.isTTY === true }),
    };
  } catch (error) {
    if (error instanceof server.ConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

async function serve(flags: ServeFlags) {
  const { server, config } = await parseConfig(flags);
  try {
    await server.startServer(config, { handleSignals: true });
  } catch (error) {
    if (error instanceof server.DataDirInUseError) throw new CliError(error.message, EXIT.failed);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${config.port} on ${config.host} is already in use. Pick another with --port.`,
        EXIT.failed,
      );
    }
    if (code === 'ECONNREFUSED') {
      throw new CliError('Cannot reach PostgreSQL at DATABASE_URL. Is it running?', EXIT.unreachable);
    }
    throw error;
  }
}

export function registerServeCommands(program: Command) {
  addServerFlags(
    program
      .command('start')
      .description(
        'run Groundwork: the API, the grading worker and the web app in one process (what `npm start` runs)',
      ),
    false,
  ).action((flags: ServeFlags) => serve({ ...flags, role: 'all' }));

  addServerFlags(
    program
      .command('serve')
      .description('run one role of Groundwork; production runs api and worker processes separately'),
    true,
  ).action((flags: ServeFlags) => serve(flags));

  program
    .command('migrate')
    .description('apply database migrations and exit (the server also applies them at start)')
    .option('--data-dir <dir>', 'folder of the embedded database (env GROUNDWORK_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL)')
    .action(async (flags: ServeFlags) => {
      const { server, config } = await parseConfig(flags);
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
      } finally {
        await database.close();
      }
    });
}
