import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../db/database';
import { MIGRATIONS_DIR, runMigrations } from '../db/migrate';

const QUEUE_SETUP_FILE = fileURLToPath(new URL('../modules/submissions/grading-queue.ts', import.meta.url));
const PG_BOSS_PACKAGE = createRequire(import.meta.url).resolve('pg-boss/package.json');

export type TestDatabaseKind = 'pglite' | 'postgres';

/** A test database; on PostgreSQL its connection string too, for tests that start other processes. */
export type TestDatabase = Database & { url?: string };

/** Which database the data-layer tests run on: PGlite by default, PostgreSQL in the services suite. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  // runMigrations also installs the queue's tables: a new pg-boss (or queue setup) is a new schema
  hash.update(readFileSync(QUEUE_SETUP_FILE)).update(readFileSync(PG_BOSS_PACKAGE));
  for (const file of readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A fresh, migrated database for one test file. PGlite starts from a dumped snapshot (about 0.7 s instead
 * of 3 s plus migrations); PostgreSQL gets a new database cloned from a migrated template.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  return testDatabaseKind() === 'postgres' ? openPostgresTestDatabase() : openPgliteTestDatabase();
}

async function openPgliteTestDatabase(): Promise<Database> {
  const dir = join(tmpdir(), 'groundwork-test-snapshots');
  const file = join(dir, `migrated-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(fresh);
    const dump = await fresh.pglite?.dumpDataDir('gzip');
    await fresh.close();
    if (!dump) throw new Error('PGlite did not dump its data directory');
    mkdirSync(dir, { recursive: true });
    // write then rename, so a parallel test file never reads half a snapshot
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  const snapshot = new Blob([readFileSync(file)]);
  const database = await openDatabase({ dataDir: 'memory://', snapshot });
  await runMigrations(database);
  return database;
}

const TEMPLATE_LOCK_KEY = 7_424_099;

async function openPostgresTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is not set; run the services suite with npm run test:services');
  const template = `groundwork_template_${migrationsHash()}`;
  const name = `groundwork_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`create database "${template}"`);
        const templateDb = await openDatabase({ url: withDatabase(adminUrl, template), poolSize: 1 });
        try {
          await runMigrations(templateDb);
        } finally {
          await templateDb.close();
        }
      }
      await admin.query(`create database "${name}" template "${template}"`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
