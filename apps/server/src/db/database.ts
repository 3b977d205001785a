import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import { acquireDataDirLock } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle handle: the same query builder whether PGlite or PostgreSQL sits underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the database or an open transaction. */
export type Queryable = Db | Tx;

export type SqlRows = { rows: Record<string, unknown>[] };

/** The folder inside a data folder that holds PGlite's own files (the data folder also holds the lock). */
export const PGLITE_DIR_NAME = 'pglite';

export type Database = {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Raw parametrised SQL, for pg-boss's adapter and health checks. */
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded client, for snapshots in tests; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  /** The connection pool; undefined on PGlite. */
  readonly pool: pg.Pool | undefined;
};

export type DatabaseOptions = {
  /** PostgreSQL connection string. Without it, an embedded PGlite is used. */
  url?: string | undefined;
  poolSize?: number;
  /** Where the embedded database lives; `memory://` keeps it in memory. */
  dataDir?: string;
  /** A dumped PGlite data directory to start from (tests load a migrated snapshot this way). */
  snapshot?: Blob;
  /** Hears about pooled PostgreSQL connections that drop while idle (a restart, a proxy's timeout). */
  logger?: Pick<Logger, 'warn'> | undefined;
};

// timestamps and bigints come back as JS values PGlite and pg agree on
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => BigInt(value));

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir`.
 * @example const database = await openDatabase({ dataDir: './data' });
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 10, options.logger)
    : openPglite(options);
}

function openPostgres(url: string, poolSize: number, logger: DatabaseOptions['logger']): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'groundwork' });
  // an idle client that loses its connection must not crash the process; the next query reconnects
  pool.on('error', (error: Error & { code?: string }) => {
    // pg attaches the whole client to this error: the message and SQLSTATE are what an operator needs
    const err = { message: error.message, code: error.code };
    logger?.warn({ err }, 'an idle database connection was lost; the next query opens another');
  });
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    pool,
    async executeSql(text, values = []) {
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  const isMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  let pgDataDir = dataDir;
  if (!isMemory) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    pgDataDir = join(dataDir, PGLITE_DIR_NAME);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(isMemory ? {} : { dataDir: pgDataDir }),
      ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    pool: undefined,
    async executeSql(text, values = []) {
      // several statements in one string (pg-boss's migrations) only run through the simple protocol
      if (values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query<Record<string, unknown>>(text, values);
      return { rows: result.rows };
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}
