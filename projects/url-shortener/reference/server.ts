import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { openReferenceDatabase } from '../../kit/reference/database';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';
import { buildApp } from './app';
import { createLinksRepository } from './links.repository';
import { createLinksService } from './links.service';

/**
 * Starts the reference URL shortener on 127.0.0.1 (a free port unless `port` is given), optionally with one
 * of the faults from ../faults.ts switched on.
 *
 * @example
 *   const reference = await startReference({ fault: 'stats-read-then-write' });
 *   await fetch(`${reference.url}/health`);
 *   await reference.close();
 */
export async function startReference(options: ReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, dataDir, logger } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(`Unknown url-shortener fault "${fault}". Known: ${FAULTS.map((f) => f.id).join(', ')}.`);
  }
  const db = await openReferenceDatabase({ slug: 'url-shortener', dataDir });
  const repository = createLinksRepository(db, fault);
  const app = buildApp({
    links: createLinksService(repository, fault),
    checkDatabase: repository.ping,
    fault,
    logger,
  });
  return listenReference(app, { port, host }, () => db.close());
}
