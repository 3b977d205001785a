import type { ReferenceOptions, RunningReference } from '../../kit/project';
import { openReferenceDatabase } from '../../kit/reference/database';
import { listenReference } from '../../kit/reference/listen';
import { FAULTS, isFaultId } from '../faults';
import { buildApp } from './app';
import { createAuthService } from './auth.service';
import { type ChatConfig, loadConfig } from './config';
import { createMessagesRepository } from './messages.repository';
import { createMessagesService } from './messages.service';
import { createRoomHub } from './room-hub';
import { createRoomsRepository } from './rooms.repository';
import { createRoomsService } from './rooms.service';
import { createUsersRepository } from './users.repository';

export interface ChatReferenceOptions extends ReferenceOptions {
  /** Defaults to the environment's (CHAT_ALLOWED_ORIGINS). */
  config?: Readonly<ChatConfig> | undefined;
}

/**
 * Starts the reference chat server on 127.0.0.1 (a free port unless `port` is given), optionally with
 * one of the faults from ../faults.ts switched on.
 *
 * @example
 *   const reference = await startReference({ fault: 'sender-echoed-twice' });
 *   const socket = new WebSocket(`${reference.url.replace('http', 'ws')}/ws?token=${token}`);
 *   await reference.close();
 */
export async function startReference(options: ChatReferenceOptions = {}): Promise<RunningReference> {
  const { port = 0, host = '127.0.0.1', fault, dataDir, logger } = options;
  if (fault !== undefined && !isFaultId(fault)) {
    throw new Error(`Unknown chat fault "${fault}". Known: ${FAULTS.map((f) => f.id).join(', ')}.`);
  }
  const config = options.config ?? loadConfig(process.env);
  const db = await openReferenceDatabase({ slug: 'chat', dataDir });
  const hub = createRoomHub(fault);
  const app = buildApp({
    auth: createAuthService(createUsersRepository(db), fault),
    rooms: createRoomsService(createRoomsRepository(db), hub, fault),
    messages: createMessagesService(createMessagesRepository(db, fault), hub, fault),
    hub,
    config,
    fault,
    logger,
  });
  return listenReference(app, { port, host }, () => db.close());
}
