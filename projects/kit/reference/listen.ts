import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ReferenceOptions, RunningReference } from '../project';

export interface ListenOptions extends Pick<ReferenceOptions, 'port' | 'host'> {
  /** A path the reference is served under, added to its URL (`/api`). */
  path?: string | undefined;
}

/**
 * Starts a reference's app listening (on 127.0.0.1 and a free port unless told otherwise) and returns
 * its URL and a close that stops the app, then runs `closeAfterApp` (its database). If listening fails,
 * `closeAfterApp` runs before the error is thrown.
 * @example return listenReference(app, { port, host }, () => db.close());
 */
export async function listenReference(
  app: FastifyInstance,
  { port = 0, host = '127.0.0.1', path = '' }: ListenOptions,
  closeAfterApp: () => Promise<void> = async () => {},
): Promise<RunningReference> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    await closeAfterApp();
    throw error;
  }
  const { address, port: boundPort } = app.server.address() as AddressInfo;
  const hostInUrl = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${hostInUrl}:${boundPort}${path}`,
    close: async () => {
      await app.close();
      await closeAfterApp();
    },
  };
}
