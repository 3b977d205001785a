import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { openReferenceDatabase } from '../../kit/reference/database';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';
import { buildApp } from './app';
import { createAuthService } from './auth.service';
import { createTasksRepository } from './tasks.repository';
import { createTasksService } from './tasks.service';
import { createUsersRepository } from './users.repository';

/**
 * Starts the reference task manager on 127.0.0.1 (a free port unless `port` is given), optionally with one
 * of the faults from ../faults.ts switched on.
 *
 * @example
 *   const reference = await startReference({ fault: 'read-any-task' });
 *   await fetch(`${reference.url}/health`);
 *   await reference.close();
 */
export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, dataDir, logger } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(`Unknown task-manager fault "${fault}". Known: ${FAULTS.map((f) => f.id).join(', ')}.`);
  }
  const db = await openReferenceDatabase({ slug: 'task-manager', dataDir });
  const users = createUsersRepository(db, fault);
  const app = buildApp({
    auth: createAuthService(users, fault),
    tasks: createTasksService(createTasksRepository(db, fault), fault),
    checkDatabase: users.ping,
    fault,
    logger,
  });
  return listenReference(app, { port, host }, () => db.close());
}
