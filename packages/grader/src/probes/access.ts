import { readPath } from '../authoring/expect';
import { describeValue } from '../authoring/matchers';
import { pass, type Verdict } from '../authoring/verdict';
import type { DataFactory } from '../data/data-factory';
import type { HttpClient, HttpResponse } from '../http/types';
import { describeRequest } from './authentication';
import { isSuccess, listStatuses, probeFailure, statusText } from './probe-failure';
import type {
  CorsReflectionOptions,
  LoginBruteForceOptions,
  MassAssignmentOptions,
  ObjectAuthorisationOptions,
} from './types';

/**
 * Owner succeeds, another account is refused (403/404): the object belongs to someone. With `attempts`,
 * each thing the other account tries (read, update, delete) must be refused, the failure names the exact
 * request that got through, and the owner's read-back afterwards shows the object untouched.
 * @example probeObjectAuthorisation({ description: 'task 7', asOwner, attempts: [{ action: 'delete', send }] })
 */
export async function probeObjectAuthorisation(options: ObjectAuthorisationOptions): Promise<Verdict> {
  const denied = options.deniedStatuses ?? [403, 404];
  const owner = await options.asOwner();
  if (!isSuccess(owner)) {
    return probeFailure(
      owner,
      `a 2xx status when the owner accesses ${options.description}`,
      statusText(owner),
      `The owner of ${options.description} could not access it (${describeRequest(owner)} answered ${owner.status}), so ownership could not be tested.`,
    );
  }
  const attempts = [
    ...(options.asOther ? [{ action: 'access', send: options.asOther }] : []),
    ...(options.attempts ?? []),
  ];
  if (attempts.length === 0) throw new RangeError('objectAuthorisation needs asOther or attempts');
  for (const { action, send } of attempts) {
    const other = await send();
    if (denied.includes(other.status)) continue;
    return probeFailure(
      other,
      `${listStatuses(denied)} when another account tries to ${action} ${options.description}`,
      `${describeRequest(other)} answered ${statusText(other)}`,
      `Another account could ${action} ${options.description}: ${describeRequest(other)} answered ${other.status}; look objects up by their id and the signed-in user's id together.`,
    );
  }
  if (options.attempts === undefined) return pass();
  const after = await options.asOwner();
  if (isSuccess(after) && (options.isUnchanged?.(after) ?? true)) return pass();
  return probeFailure(
    after,
    `${options.description} unchanged for its owner after another account was refused`,
    `${describeRequest(after)} answered ${statusText(after)}`,
    `Another account was refused, yet afterwards the owner's ${describeRequest(after)} shows ${options.description} ${isSuccess(after) ? 'changed' : `gone (${after.status})`}: check ownership before changing anything, not after.`,
  );
}

const DEFAULT_PRIVILEGED_FIELDS = { role: 'admin', isAdmin: true, admin: true };

/** Sends privileged extra fields; fails when any of them is stored (visible in the read-back). */
export async function probeMassAssignment(options: MassAssignmentOptions): Promise<Verdict> {
  const fields = options.fields ?? DEFAULT_PRIVILEGED_FIELDS;
  const sent = await options.send(fields);
  if (!isSuccess(sent)) return pass('the request with extra fields was refused');
  const read = options.readBack ? await options.readBack(sent) : sent;
  const body = read.json();
  if (body === undefined) return pass();
  for (const [key, value] of Object.entries(fields)) {
    const stored = readPath(body, key);
    if (stored !== undefined && JSON.stringify(stored) === JSON.stringify(value)) {
      return probeFailure(
        read,
        `${key} not taken from the request body`,
        `${key} = ${describeValue(stored)}`,
        `The server stored "${key}" from the request body; accept only the fields a client may set (an allow-list).`,
      );
    }
  }
  return pass();
}

/** Fails when the server reflects an arbitrary Origin together with Access-Control-Allow-Credentials: true. */
export async function probeCorsReflection(
  options: CorsReflectionOptions,
  http: HttpClient,
  data: DataFactory,
): Promise<Verdict> {
  const origin = `https://${data.slug('gw-evil')}.example`;
  const method = options.method ?? 'GET';
  const responses = [
    await http.options(options.path, {
      headers: { ...options.headers, origin, 'access-control-request-method': method },
    }),
    await http.request({ method, path: options.path, headers: { ...options.headers, origin } }),
  ];
  for (const res of responses) {
    const allowed = res.header('access-control-allow-origin');
    const isReflected = allowed === origin || allowed === 'null';
    if (isReflected && res.header('access-control-allow-credentials')?.toLowerCase() === 'true') {
      return probeFailure(
        res,
        `no access-control-allow-origin for the unknown origin ${origin} (or no credentials)`,
        `access-control-allow-origin: ${allowed} with access-control-allow-credentials: true`,
        'The server lets any website make credentialed requests by echoing its Origin; allow only a fixed list of trusted origins.',
      );
    }
  }
  return pass();
}

const DEFAULT_BRUTE_FORCE_MS = 30_000;

/**
 * Repeats failed log-ins; passes once the server answers 429 with a Retry-After header (seconds or an
 * HTTP date) within `maxAttempts` attempts and `maxDurationMs`.
 */
export async function probeLoginBruteForce(options: LoginBruteForceOptions): Promise<Verdict> {
  const maxAttempts = options.maxAttempts ?? 20;
  if (maxAttempts < 1) throw new RangeError('maxAttempts must be at least 1');
  const deadline = Date.now() + (options.maxDurationMs ?? DEFAULT_BRUTE_FORCE_MS);
  const seen = new Map<number, number>();
  let last: HttpResponse | undefined;
  let attempts = 0;
  while (attempts < maxAttempts && Date.now() < deadline) {
    attempts++;
    last = await options.attempt(attempts);
    if (last.status === 429) {
      const retryAfter = last.header('retry-after');
      if (retryAfter !== undefined && isRetryAfter(retryAfter)) return pass(`429 after ${attempts} attempts`);
      return probeFailure(
        last,
        '429 Too Many Requests with a Retry-After header',
        retryAfter === undefined ? '429 without Retry-After' : `429 with retry-after: ${retryAfter}`,
        `Log-in attempt ${attempts} was refused with 429 as it should be, but ${retryAfter === undefined ? 'without a Retry-After header' : `with an unreadable Retry-After ("${retryAfter}")`}: say when the client may try again, in seconds.`,
      );
    }
    if (isSuccess(last)) {
      return probeFailure(
        last,
        'a refused log-in for a wrong password',
        statusText(last),
        `Log-in attempt ${attempts} with a wrong password succeeded (status ${last.status}).`,
      );
    }
    seen.set(last.status, (seen.get(last.status) ?? 0) + 1);
  }
  if (!last) throw new RangeError('maxDurationMs left no time for an attempt');
  const counts = [...seen].map(([status, n]) => `${n} × ${status}`).join(', ');
  return probeFailure(
    last,
    `429 Too Many Requests within ${maxAttempts} failed log-in attempts`,
    `${attempts} attempts answered ${counts}`,
    `After ${attempts} failed log-ins in a row the server still accepts more; rate-limit log-in attempts and answer 429 with a Retry-After header.`,
  );
}

/** Retry-After is a whole number of seconds or an HTTP date (RFC 9110, section 10.2.3). */
function isRetryAfter(value: string): boolean {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) || !Number.isNaN(Date.parse(trimmed));
}
