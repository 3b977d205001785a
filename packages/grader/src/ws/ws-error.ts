import type { RecordedExchange } from '@groundwork/contracts';
import { TargetError } from '../authoring/target-error';
import type { Failure } from '../authoring/verdict';
import { pathOf } from '../http/exchange-error';

export type WsErrorKind =
  | 'handshake-timeout'
  | 'handshake-refused'
  | 'handshake-failed'
  | 'timeout'
  | 'closed'
  | 'aborted';

/**
 * A WebSocket that did not upgrade, or did not send what a check waited for. The exchange holds
 * the handshake (as a curl command) and the transcript (as the response body).
 */
export class WsError extends TargetError {
  constructor(
    readonly kind: WsErrorKind,
    message: string,
    readonly exchange: RecordedExchange,
    readonly awaited?: string,
  ) {
    super(message);
    this.name = 'WsError';
  }

  toFailure(): Failure {
    const path = pathOf(this.exchange.url);
    const isHandshake = this.kind.startsWith('handshake');
    return {
      status: 'fail',
      expected: isHandshake
        ? `a WebSocket upgrade (101 Switching Protocols) at ${path}`
        : (this.awaited ?? 'a message'),
      actual: this.message,
      hint: isHandshake
        ? `Opening a WebSocket at ${path} failed: ${this.message}.`
        : `The WebSocket at ${path} did not deliver ${this.awaited ?? 'the expected message'}: ${this.message}.`,
      exchange: this.exchange,
    };
  }
}
