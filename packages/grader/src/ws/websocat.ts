import { quoteShellArgument } from '../http/curl';

/** What is needed to open the same WebSocket with websocat. */
export interface WebsocatInput {
  /** The ws:// or wss:// URL. */
  url: string;
  /** Headers the check set; the handshake's own (key, version, upgrade) are websocat's to send. */
  headers: Readonly<Record<string, string>>;
  protocols?: readonly string[];
}

/** Headers websocat sends itself, or that belong to one handshake only. */
const OMITTED_HEADERS = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'user-agent',
  'content-length',
]);

/**
 * Renders a websocat command that opens the same WebSocket, for a learner to paste into a terminal and
 * type frames into. Every argument is quoted for a POSIX shell.
 * @example renderWebsocat({ url: 'ws://127.0.0.1:8080/ws?token=abc', headers: { origin: 'http://localhost' } })
 * // => websocat -H 'origin: http://localhost' 'ws://127.0.0.1:8080/ws?token=abc'
 */
export function renderWebsocat(input: WebsocatInput): string {
  const parts = ['websocat'];
  for (const [name, value] of Object.entries(input.headers)) {
    if (OMITTED_HEADERS.has(name.toLowerCase())) continue;
    parts.push('-H', quoteShellArgument(`${name}: ${value}`));
  }
  if (input.protocols?.length) parts.push('--protocol', quoteShellArgument(input.protocols.join(', ')));
  parts.push(quoteShellArgument(input.url));
  return parts.join(' ');
}
