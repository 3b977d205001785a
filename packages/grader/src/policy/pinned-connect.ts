import net from 'node:net';
import tls from 'node:tls';
import type buildConnector from 'undici/types/connector';
import { isIpLiteral } from './address-class';
import { PolicyRefusal } from './policy-refusal';
import type { ResolvedTarget, TargetPolicy } from './target-policy';

export interface SocketConnectOptions {
  address: string;
  family: 4 | 6;
  port: number;
  protocol: 'http:' | 'https:';
  /** TLS server name (the URL's host name); undefined for IP literals. */
  servername: string | undefined;
}

/**
 * Opens a socket to an address that is already decided. Tests inject one that records attempts;
 * the default opens TCP (or TLS) to exactly that address, with no DNS lookup.
 */
export type SocketConnector = (options: SocketConnectOptions) => net.Socket;

export const defaultSocketConnector: SocketConnector = ({ address, port, protocol, servername }) =>
  protocol === 'https:'
    ? tls.connect({ host: address, port, ALPNProtocols: ['http/1.1'], ...(servername ? { servername } : {}) })
    : net.connect({ host: address, port });

const RETRYABLE_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EAFNOSUPPORT',
]);

export interface PinnedConnectOptions {
  target: ResolvedTarget;
  policy: TargetPolicy;
  connector?: SocketConnector;
  connectTimeoutMs?: number;
}

/**
 * Connects to the target's pinned addresses only (never re-resolving its name), trying the next
 * address when one refuses, and checks the connected socket's remote address against the policy
 * before anything is written: Node skips DNS for IP literals, so a lookup-only guard is not enough.
 */
export function connectPinned(
  { target, policy, connector = defaultSocketConnector, connectTimeoutMs = 10_000 }: PinnedConnectOptions,
  protocol: 'http:' | 'https:',
  port: number,
  callback: (error: Error | null, socket?: net.Socket) => void,
): void {
  const servername = isIpLiteral(target.hostname) ? undefined : target.hostname;
  const attempt = (index: number, lastError?: Error) => {
    const pinned = target.addresses[index];
    if (!pinned) {
      callback(lastError ?? new PolicyRefusal('no allowed address to connect to'));
      return;
    }
    const socket = connector({ address: pinned.address, family: pinned.family, port, protocol, servername });
    const timer = setTimeout(
      () => socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      connectTimeoutMs,
    );
    const onError = (error: Error & { code?: string }) => {
      clearTimeout(timer);
      if (error.code && RETRYABLE_CONNECT_CODES.has(error.code) && index + 1 < target.addresses.length) {
        attempt(index + 1, error);
        return;
      }
      callback(error);
    };
    socket.once('error', onError);
    // Judge the TCP peer as soon as it is known (before TLS says anything), hand the socket over
    // only when it is usable: after 'connect' for http, after 'secureConnect' for https.
    const judgePeer = (): boolean => {
      const remote = socket.remoteAddress;
      const verdict = remote === undefined ? undefined : policy.checkAddress(remote);
      if (verdict?.isAllowed && isSameAddress(remote, pinned.address)) return true;
      clearTimeout(timer);
      const reason =
        verdict && !verdict.isAllowed
          ? verdict.reason
          : `connected to ${remote ?? 'an unknown address'}, not ${pinned.address}`;
      socket.removeListener('error', onError);
      socket.on('error', () => {});
      socket.destroy();
      callback(new PolicyRefusal(`refused after connecting: ${reason}`));
      return false;
    };
    const handOver = () => {
      clearTimeout(timer);
      socket.removeListener('error', onError);
      callback(null, socket);
    };
    const onTcpConnect = () => {
      if (!judgePeer()) return;
      if (protocol === 'https:') socket.once('secureConnect', handOver);
      else handOver();
    };
    if (!socket.connecting && socket.remoteAddress !== undefined) queueMicrotask(onTcpConnect);
    else socket.once('connect', onTcpConnect);
  };
  attempt(0);
}

function isSameAddress(remote: string | undefined, pinned: string): boolean {
  if (remote === undefined) return false;
  const strip = (text: string) => text.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
  if (strip(remote) === strip(pinned)) return true;
  try {
    return (
      net.isIP(remote) !== 0 &&
      new URL(`http://[${remote}]`).hostname === new URL(`http://[${pinned}]`).hostname
    );
  } catch {
    return false;
  }
}

/** An undici `connect` function pinned to the target and checked by the policy. */
export function createPinnedUndiciConnector(options: PinnedConnectOptions): buildConnector.connector {
  return (opts, callback) => {
    const protocol = opts.protocol === 'https:' ? 'https:' : 'http:';
    const port = Number(opts.port) || (protocol === 'https:' ? 443 : 80);
    connectPinned(options, protocol, port, (error, socket) => {
      if (error || !socket) callback(error ?? new Error('no socket'), null);
      else callback(null, socket);
    });
  };
}
