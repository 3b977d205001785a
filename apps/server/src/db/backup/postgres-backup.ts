// PostgreSQL is backed up with its own tools: pg_dump takes one consistent snapshot (a repeatable-read
// transaction) while the servers keep running. Restore turns the archive into SQL with pg_restore and
// runs it with psql in one transaction, so it restores everything or changes nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BackupError } from './backup-file';
import { partialPathOf } from './write-atomically';

// what the server's connections are named (database.ts, platform/events/postgres-bus.ts)
const SERVER_APPLICATION_NAMES = ['groundwork', 'groundwork-events'];
const OWN_APPLICATION_NAME = 'groundwork-backup';

const CLIENT_TOOLS_HELP =
  'Install the PostgreSQL client tools, at your server’s major version or newer: ' +
  '`apt-get install -y postgresql-client-15` on Debian or Ubuntu (use your server’s version), ' +
  '`brew install libpq` on macOS, or run the command where pg_dump, pg_restore and psql are on PATH.';

// --force replaces the schemas Groundwork uses (its tables, drizzle's journal, pg-boss's queue) whole:
// pg_restore --clean cannot drop the queue's partitioned tables, and tables from newer migrations
// would survive it
const REPLACE_SCHEMAS_SQL = [
  'drop schema if exists pgboss cascade',
  'drop schema if exists drizzle cascade',
  'drop schema if exists public cascade',
  'create schema public',
  // PostgreSQL 15's defaults for the public schema
  'alter schema public owner to pg_database_owner',
  'grant usage on schema public to public',
].join('; ');

type Tool = 'pg_dump' | 'pg_restore' | 'psql';
type ToolResult = { code: number | null; stdout: string; stderr: string };

/** libpq's connection for the tools, with the password in PGPASSWORD rather than on the command line (ps shows that). */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // the tools inherit this process's environment (PATH, PGSSLROOTCERT…), as they would from a shell
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function runTool(tool: Tool, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`${tool} was not found on PATH. ${CLIENT_TOOLS_HELP}`, 'failed')
          : error,
      );
    });
    child.once('close', (code) => resolve({ code, stdout, stderr: stderr.trim() }));
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: OWN_APPLICATION_NAME });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Dumps the database at `url` to `file` in pg_dump's custom format; safe while servers run. */
export async function backupPostgres(url: string, file: string): Promise<{ bytes: number }> {
  // connect first, so a wrong URL is explained like everywhere else rather than in pg_dump's words
  await withClient(url, (client) => client.query('select 1'));
  const { dbname, env } = toolConnection(url);
  const partial = partialPathOf(file);
  const dumped = await runTool(
    'pg_dump',
    ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`],
    env,
  );
  if (dumped.code !== 0) {
    rmSync(partial, { force: true });
    throw new BackupError(`pg_dump failed: ${dumped.stderr}`, 'failed');
  }
  renameSync(partial, file);
  return { bytes: statSync(file).size };
}

/** Checks that `file` is a pg_dump archive of Groundwork's database before anything is touched. */
async function assertGroundworkDump(file: string): Promise<void> {
  const listed = await runTool('pg_restore', ['--list', file]);
  if (listed.code !== 0) {
    throw new BackupError(`${file} is not a readable pg_dump archive: ${listed.stderr}`, 'input');
  }
  if (!/ TABLE public users /.test(listed.stdout)) {
    throw new BackupError(
      `${file} is a PostgreSQL backup, but not of a Groundwork database (it has no users table).`,
      'input',
    );
  }
}

/** Refuses while Groundwork processes are connected, and (unless `force`) when the database has tables. */
async function assertRestorable(client: pg.Client, force: boolean): Promise<void> {
  const { rows: connected } = await client.query<{ n: number; hosts: string }>(
    `select count(*)::int as n, string_agg(distinct coalesce(host(client_addr), 'local socket'), ', ') as hosts
       from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and application_name = any($1)`,
    [SERVER_APPLICATION_NAMES],
  );
  const open = connected[0];
  if (open && open.n > 0) {
    throw new BackupError(
      `${open.n} Groundwork connection${open.n === 1 ? ' is' : 's are'} open to this database (from ${open.hosts}): ` +
        'stop every Groundwork api and worker process that uses it, then run `groundwork restore` again.',
      'failed',
    );
  }
  if (force) return;
  const { rows: tables } = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
  );
  const count = tables[0]?.n ?? 0;
  if (count > 0) {
    throw new BackupError(
      `The database at DATABASE_URL is not empty (${count} tables). Restore into a new database ` +
        '(`createdb <name>`), or pass --force to replace the schemas public, drizzle and pgboss with ' +
        'the backup’s (back the database up first if you may need it).',
      'failed',
    );
  }
}

/**
 * Restores a pg_dump archive into the database at `url`. The archive becomes a SQL script first (in a
 * private temporary folder), so psql never runs a script pg_restore could not finish writing; psql runs
 * it, after the schemas are dropped when `force`, in one transaction that stops at the first error.
 */
export async function restorePostgres(url: string, file: string, force: boolean): Promise<void> {
  await assertGroundworkDump(file);
  await withClient(url, (client) => assertRestorable(client, force));
  const workDir = mkdtempSync(join(tmpdir(), 'groundwork-restore-'));
  try {
    const script = join(workDir, 'restore.sql');
    // the restoring role owns what it creates, whichever role made the backup
    const converted = await runTool('pg_restore', [
      '--no-owner',
      '--no-privileges',
      `--file=${script}`,
      file,
    ]);
    if (converted.code !== 0) {
      throw new BackupError(`${file} is not a readable pg_dump archive: ${converted.stderr}`, 'input');
    }
    const { dbname, env } = toolConnection(url);
    const restored = await runTool(
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--single-transaction',
        '--set=ON_ERROR_STOP=1',
        ...(force ? [`--command=${REPLACE_SCHEMAS_SQL}`] : []),
        `--file=${script}`,
        `--dbname=${dbname}`,
      ],
      env,
    );
    if (restored.code !== 0) {
      throw new BackupError(
        `The restore failed and changed nothing (it runs in one transaction): ${restored.stderr}`,
        'failed',
      );
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
