import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { openReferenceDatabase } from '../../kit/reference/database';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';
import { API_PREFIX, buildApp } from './app';
import { createArticlesRepository } from './articles.repository';
import { createAuthService } from './auth.service';
import { createCommentsRepository } from './comments.repository';
import { createUsersRepository } from './users.repository';

/**
 * Starts the reference Conduit backend on 127.0.0.1 (a free port unless `port` is given), optionally with
 * one of the faults from ../faults.ts switched on. Its URL ends in /api, as RealWorld clients expect.
 *
 * @example
 *   const reference = await startReference({ fault: 'anyone-edits-articles' });
 *   await fetch(`${reference.url}/tags`); // http://127.0.0.1:41234/api/tags
 *   await reference.close();
 */
export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, dataDir, logger } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(`Unknown blog-api fault "${fault}". Known: ${FAULTS.map((one) => one.id).join(', ')}.`);
  }
  const db = await openReferenceDatabase({ slug: 'blog-api', dataDir });
  const closeDatabase = async () => {
    if (!db.closed) await db.close();
  };
  const users = createUsersRepository(db, fault);
  const app = buildApp({
    auth: createAuthService(users, fault),
    users,
    articles: createArticlesRepository(db, fault),
    comments: createCommentsRepository(db, fault),
    breakDatabase: closeDatabase,
    fault,
    logger,
  });
  return listenReference(app, { port, host, path: API_PREFIX }, closeDatabase);
}
