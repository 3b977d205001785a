import type { AddressInfo } from 'node:net';
import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { FAULTS, isFaultId } from '../faults';
import { buildApp } from './app';
import { openDatabase } from './database';
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
  const db = await openDatabase(dataDir);
  const repository = createLinksRepository(db, fault);
  const app = buildApp({
    links: createLinksService(repository, fault),
    checkDatabase: repository.ping,
    fault,
    logger,
  });
  try {
    await app.listen({ port, host });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { address, port: boundPort } = app.server.address() as AddressInfo;
  const hostInUrl = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${hostInUrl}:${boundPort}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
