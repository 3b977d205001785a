import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { installQueue } from '../modules/submissions/grading-queue';
import { findRepoPath } from '../platform/repo-paths';
import type { Database } from './database';

export const MIGRATIONS_DIR =
  findRepoPath('apps/server/drizzle', 'meta/_journal.json') ?? 'apps/server/drizzle';

// any constant works; it only has to be the same in every Groundwork process
const MIGRATION_LOCK_KEY = 7_424_001;

/**
 * Applies the committed migrations, then installs or upgrades the grading queue's own tables (pg-boss
 * manages those). On PostgreSQL an advisory lock makes concurrent starts of several processes take turns
 * instead of racing on the same DDL.
 */
export async function runMigrations(
  database: Database,
  migrationsFolder = MIGRATIONS_DIR,
): Promise<{ total: number; applied: number }> {
  const before = await countApplied(database);
  await applyMigrations(database, migrationsFolder);
  await installQueue(database);
  const total = await countApplied(database);
  return { total, applied: total - before };
}

async function countApplied(database: Database): Promise<number> {
  const { rows } = await database.executeSql(
    "select count(*)::int as n from information_schema.tables where table_schema = 'drizzle' and table_name = '__drizzle_migrations'",
  );
  if (Number(rows[0]?.n ?? 0) === 0) return 0;
  const applied = await database.executeSql('select count(*)::int as n from drizzle.__drizzle_migrations');
  return Number(applied.rows[0]?.n ?? 0);
}

async function applyMigrations(database: Database, migrationsFolder: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const pool = database.pool;
  if (!pool) throw new Error('PostgreSQL database without a pool');
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const { drizzle } = await import('drizzle-orm/node-postgres');
      await migrateNodePg(drizzle({ client }) as unknown as NodePgDatabase, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
