import { readPath } from '../authoring/expect';
import { describeValue } from '../authoring/matchers';
import { pass, type Verdict } from '../authoring/verdict';
import type { DataFactory } from '../data/data-factory';
import type { HttpClient } from '../http/types';
import { isSuccess, listStatuses, probeFailure, statusText } from './probe-failure';
import type {
  CorsReflectionOptions,
  LoginBruteForceOptions,
  MassAssignmentOptions,
  ObjectAuthorisationOptions,
} from './types';

/** Owner succeeds, another account is refused (403/404): the object belongs to someone. */
export async function probeObjectAuthorisation(options: ObjectAuthorisationOptions): Promise<Verdict> {
  const denied = options.deniedStatuses ?? [403, 404];
  const owner = await options.asOwner();
  if (!isSuccess(owner)) {
    return probeFailure(
      owner,
      `a 2xx status when the owner accesses ${options.description}`,
      statusText(owner),
      `The owner of ${options.description} could not access it (status ${owner.status}), so ownership could not be tested.`,
    );
  }
  const other = await options.asOther();
  if (denied.includes(other.status)) return pass();
  return probeFailure(
    other,
    `${listStatuses(denied)} when another account accesses ${options.description}`,
    statusText(other),
    `Another account could access ${options.description} (status ${other.status}); check that the object belongs to the signed-in user.`,
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

/** Repeats failed log-ins; passes once the server answers 429 within `maxAttempts`. */
export async function probeLoginBruteForce(options: LoginBruteForceOptions): Promise<Verdict> {
  const maxAttempts = options.maxAttempts ?? 20;
  const seen = new Map<number, number>();
  let last: Awaited<ReturnType<LoginBruteForceOptions['attempt']>> | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    last = await options.attempt(attempt);
    if (last.status === 429) return pass(`429 after ${attempt} attempts`);
    if (isSuccess(last)) {
      return probeFailure(
        last,
        'a refused log-in for a wrong password',
        statusText(last),
        `Log-in attempt ${attempt} with a wrong password succeeded (status ${last.status}).`,
      );
    }
    seen.set(last.status, (seen.get(last.status) ?? 0) + 1);
  }
  if (!last) throw new RangeError('maxAttempts must be at least 1');
  const counts = [...seen].map(([status, n]) => `${n} × ${status}`).join(', ');
  return probeFailure(
    last,
    `429 Too Many Requests within ${maxAttempts} failed log-in attempts`,
    `${maxAttempts} attempts answered ${counts}`,
    `After ${maxAttempts} failed log-ins in a row the server still accepts more; rate-limit log-in attempts and answer 429.`,
  );
}
