import type { SqlClient } from '../../kit/reference/database';

export type { SqlClient };

/**
 * What the services need from the database: single statements, and transactions whose statements commit
 * together or not at all (a thrown error rolls everything back). PGlite and a node-postgres pool wrapper
 * both fit.
 * @example await db.transaction(async (tx) => { await tx.query('UPDATE …'); await tx.query('INSERT …'); });
 */
export interface Database extends SqlClient {
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}
