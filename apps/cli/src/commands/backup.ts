import type { BackupKind } from '@groundwork/server';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit-codes';
import { explainDatabaseError, parseConfig, type ServeFlags } from './serve';

type Env = Readonly<Record<string, string | undefined>>;
type BackupFlags = Pick<ServeFlags, 'dataDir' | 'databaseUrl'> & { force?: boolean };

function addDatabaseFlags(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'folder of the embedded database (env GROUNDWORK_DATA_DIR, default ./data)')
    .option(
      '--database-url <url>',
      'PostgreSQL connection string; with it pg_dump/pg_restore are used (env DATABASE_URL)',
    );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Opens the server's backup module; maps its refusals and PostgreSQL's to messages and exit codes. */
async function runBackupAction<T>(
  env: Env,
  flags: BackupFlags,
  action: (
    server: Awaited<ReturnType<typeof parseConfig>>['server'],
    target: { url: string | undefined; dataDir: string },
  ) => Promise<T>,
): Promise<T> {
  const { server, config } = await parseConfig(env, flags);
  const target = { url: config.database.url, dataDir: config.database.dataDir };
  try {
    return await action(server, target);
  } catch (error) {
    if (error instanceof server.BackupError) {
      throw new CliError(error.message, error.reason === 'input' ? EXIT.usage : EXIT.failed);
    }
    throw (target.url ? explainDatabaseError(error) : undefined) ?? error;
  }
}

function describeSource(kind: BackupKind, dataDir: string): string {
  return kind === 'pglite' ? `the embedded database in ${dataDir}` : 'the PostgreSQL database';
}

export function registerBackupCommands(program: Command, env: Env) {
  addDatabaseFlags(
    program
      .command('backup')
      .description(
        'write a backup of the database to <file>: a PostgreSQL custom-format dump (pg_dump) with DATABASE_URL, otherwise an archive of the embedded database (stop the server first)',
      )
      .argument('<file>', 'where to write the backup (e.g. groundwork-backup.tar.gz, or .dump on PostgreSQL)')
      .option('--force', 'replace <file> if it exists'),
  ).action((file: string, flags: BackupFlags) =>
    runBackupAction(env, flags, async (server, target) => {
      const done = await server.backupDatabase(target, file, { force: flags.force === true });
      console.log(
        `Backed up ${describeSource(done.kind, target.dataDir)} to ${file} (${formatBytes(done.bytes)}).`,
      );
    }),
  );

  addDatabaseFlags(
    program
      .command('restore')
      .description(
        'replace the database with the backup in <file>, all or nothing; stop every Groundwork process that uses the database first',
      )
      .argument('<file>', 'a file written by `groundwork backup`')
      .option(
        '--force',
        'replace a database that already holds data (by default only an empty one is restored into)',
      ),
  ).action((file: string, flags: BackupFlags) =>
    runBackupAction(env, flags, async (server, target) => {
      const done = await server.restoreDatabase(target, file, { force: flags.force === true });
      console.log(
        `Restored ${describeSource(done.kind, target.dataDir)} from ${file}. Start Groundwork again; it applies any newer migrations at start.`,
      );
    }),
  );
}
