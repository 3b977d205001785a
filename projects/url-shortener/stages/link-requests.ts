import {
  type CheckContext,
  describeStatus,
  type Failure,
  fail,
  type HttpResponse,
  REDIRECT_STATUSES,
} from '@groundwork/grader';
import { describeJson, isObject } from '../../kit/checks/problem-body';
import { TOPIC } from './topics';

/** What the grader remembers of a link it created. */
export interface CreatedLink {
  code: string;
  /** The URL it shortened, as sent. */
  url: string;
}

/** State key: the link `create-link` made, reused by later stages (they create their own when it is missing). */
export const LINK_STATE_KEY = 'url-shortener.link';

/** The redirect statuses the contract allows: 301, 302, 307 and 308 (not 303 See Other). */
export const ALLOWED_REDIRECTS = REDIRECT_STATUSES.filter((status) => status !== 303);

/** A query string the redirect must keep, with an escaped space to survive normalisation. */
const QUERY_TO_KEEP = '?ref=test&q=a%20b';

/**
 * A unique URL to shorten, on the address the spec promises: `https://example.com/groundwork/<id>`.
 * @example uniqueTargetUrl(ctx, { withQuery: true }) // https://example.com/groundwork/brisk-otter-k3x9q2?ref=test&q=a%20b
 */
export function uniqueTargetUrl(ctx: CheckContext, { withQuery = false } = {}): string {
  const url = `https://example.com/groundwork/${ctx.data.slug()}`;
  return withQuery ? `${url}${QUERY_TO_KEEP}` : url;
}

export function postLink(ctx: CheckContext, body: Readonly<Record<string, unknown>>): Promise<HttpResponse> {
  return ctx.http.post('/links', { json: body });
}

/** `POST /links with {"url":"…"}`: a request as hints name it. */
export function describePost(body: unknown): string {
  return `POST /links with ${describeJson(body)}`;
}

/** True when a value is a `Failure` rather than what a helper was asked for. */
export function isFailure(value: unknown): value is Failure {
  return isObject(value) && value.status === 'fail';
}

/**
 * Creates a link a check needs before it can test anything (the create-link stage grades creation itself).
 * Returns the link, or a failure saying creation did not work.
 */
export async function createLinkFor(
  ctx: CheckContext,
  purpose: string,
  body: Readonly<Record<string, unknown>> = { url: uniqueTargetUrl(ctx) },
): Promise<CreatedLink | Failure> {
  return linkFromResponse(await postLink(ctx, body), body, purpose);
}

/** Every 2xx status, for `expectStatus` where a step creates something another check grades. */
export const SUCCESS_STATUSES = Array.from({ length: 100 }, (_, index) => 200 + index);

/** Any 2xx: setup steps accept every success; only create-returns-201 judges the status itself. */
export function isSuccess(res: HttpResponse): boolean {
  return res.status >= 200 && res.status <= 299;
}

/**
 * The link a `POST /links` created, or a failure saying it created none. Any 2xx counts and the code
 * comes from the body or the Location: the status is create-link's to judge, not a setup step's.
 */
export function linkFromResponse(
  res: HttpResponse,
  body: Readonly<Record<string, unknown>>,
  purpose: string,
): CreatedLink | Failure {
  const code = codeOf(res) ?? codeFromLocation(res);
  if (isSuccess(res) && code !== undefined) return { code, url: String(body.url) };
  return fail({
    expected: 'a 2xx answer (201 Created) with the new link and its code',
    actual: `status ${describeStatus(res.status)}${code === undefined ? ' without a code' : ''}`,
    hint: `${describePost(body)} should create a link (201 Created with its code) so that ${purpose}, but it answered ${describeStatus(res.status)}${code === undefined ? ' with no code' : ''}.`,
    topic: TOPIC.restApis,
    exchange: res.exchange,
  });
}

/** The link from the create-link stage, or a new one when that stage did not run (`--stage`). */
export async function ensureLink(ctx: CheckContext, purpose: string): Promise<CreatedLink | Failure> {
  const saved = ctx.state.get<CreatedLink>(LINK_STATE_KEY);
  if (saved !== undefined) return saved;
  const created = await createLinkFor(ctx, purpose, { url: uniqueTargetUrl(ctx, { withQuery: true }) });
  if (!isFailure(created)) ctx.state.set(LINK_STATE_KEY, created);
  return created;
}

/** The `code` of a link in a JSON body, when it is a non-empty string. */
export function codeOf(res: HttpResponse): string | undefined {
  const body = res.json();
  return isObject(body) && typeof body.code === 'string' && body.code !== '' ? body.code : undefined;
}

/** The code at the end of a Location such as `/links/abc123`, when the body did not carry one. */
function codeFromLocation(res: HttpResponse): string | undefined {
  const resolved = resolveLocation(res);
  if (resolved === undefined) return undefined;
  const last = new URL(resolved).pathname.split('/').at(-1);
  return last === undefined || last === '' ? undefined : decodeURIComponent(last);
}

/** An absolute URL under the target: `--url http://host/api` + `/links/x` is `http://host/api/links/x`. */
export function urlUnderTarget(ctx: CheckContext, path: string): string {
  const base = new URL(ctx.http.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}${path}`, base.origin).href;
}

/** Two URLs are the same after WHATWG normalisation (`https://example.com` = `https://example.com/`). */
export function isSameUrl(actual: unknown, expected: string): boolean {
  return (
    typeof actual === 'string' && URL.canParse(actual) && new URL(actual).href === new URL(expected).href
  );
}

/** A Location header resolved against the request it answered (relative or absolute). */
export function resolveLocation(res: HttpResponse): string | undefined {
  const location = res.header('location');
  if (location === undefined || !URL.canParse(location, res.url)) return undefined;
  return new URL(location, res.url).href;
}

export function isRedirect(res: HttpResponse): boolean {
  return ALLOWED_REDIRECTS.includes(res.status as (typeof ALLOWED_REDIRECTS)[number]);
}
