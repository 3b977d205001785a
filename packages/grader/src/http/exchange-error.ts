import type { ExchangeErrorKind, RecordedExchange } from '@groundwork/contracts';
import { TargetError } from '../authoring/target-error';
import type { Failure } from '../authoring/verdict';

/**
 * An HTTP exchange that produced no usable response. Carries the recorded exchange (with its curl
 * command) so the failure shows what was sent.
 */
export class ExchangeError extends TargetError {
  constructor(
    readonly kind: ExchangeErrorKind,
    message: string,
    readonly exchange: RecordedExchange,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }

  toFailure(): Failure {
    if (this.kind === 'refused-by-policy') {
      // Nothing was sent, so "got no usable response" would mislead; the whole URL shows where it
      // pointed (often a Location the server sent, e.g. a metadata address).
      return {
        status: 'fail',
        expected: 'a URL the grader may reach',
        actual: this.message,
        hint: `The grader refused to send ${this.exchange.method} ${this.exchange.url}: ${this.message}.`,
        exchange: this.exchange,
      };
    }
    const request = `${this.exchange.method} ${pathOf(this.exchange.url)}`;
    return {
      status: 'fail',
      expected: `a complete HTTP response to ${request}`,
      actual: this.message,
      hint: `${request} got no usable response: ${this.message}.`,
      exchange: this.exchange,
    };
  }
}

export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
