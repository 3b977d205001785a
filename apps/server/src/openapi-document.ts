import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config/config';
import { openDatabase } from './db/database';
import { findRepoPath } from './platform/repo-paths';

/** Where the generated OpenAPI document is committed; the web app's typed client is generated from it. */
export const OPENAPI_FILE = `${findRepoPath('apps/server', 'package.json') ?? 'apps/server'}/openapi.json`;

/** Builds the app (no database connection is made) and returns its OpenAPI document as formatted JSON. */
export async function renderOpenApiDocument(): Promise<string> {
  const database = await openDatabase({ url: 'postgres://unused@127.0.0.1:1/unused', poolSize: 1 });
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    database,
    logger: pino({ level: 'silent' }),
    // the document is read off the routes; nothing is ever submitted through this app
    queue: {
      enqueue: () => Promise.reject(new Error('the OpenAPI generator grades nothing')),
      cancel: () => Promise.reject(new Error('the OpenAPI generator grades nothing')),
    },
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await database.close();
  }
}

export function readCommittedOpenApiDocument(): string {
  return readFileSync(OPENAPI_FILE, 'utf8');
}
