import { describeStatus } from '../authoring/expect';
import type { Failure } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';

/** A probe's failure, with the exchange that showed the weakness. */
export function probeFailure(res: HttpResponse, expected: string, actual: string, hint: string): Failure {
  return { status: 'fail', expected, actual, hint, exchange: res.exchange };
}

export function statusText(res: HttpResponse): string {
  return `status ${describeStatus(res.status)}`;
}

export function isSuccess(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

export function listStatuses(statuses: readonly number[]): string {
  const names = statuses.map(describeStatus);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
