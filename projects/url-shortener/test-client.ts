// Test support: a small fetch client for the url-shortener API, and the grader's lenient reading of errors
// (spec.md, "Errors"). Used by this folder's tests; loopback only, to servers the tests started.
import { randomUUID } from 'node:crypto';

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export async function send(baseUrl: string, path: string, init: RequestInit = {}): Promise<Exchange> {
  const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

export function postJson(baseUrl: string, path: string, body: unknown): Promise<Exchange> {
  return send(baseUrl, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function createLink(baseUrl: string, body: Record<string, unknown>): Promise<Exchange> {
  return postJson(baseUrl, '/links', body);
}

/** Creates a link and returns its code; throws when the server does not answer 201 with one. */
export async function createCode(baseUrl: string, body: Record<string, unknown> = {}): Promise<string> {
  const created = await createLink(baseUrl, { url: uniqueUrl(), ...body });
  const code = field(created.json, 'code');
  if (created.status !== 201 || typeof code !== 'string') {
    throw new Error(`POST /links answered ${created.status} ${created.text}`);
  }
  return code;
}

export function uniqueUrl(): string {
  return `https://example.com/groundwork/${randomUUID()}?ref=test&q=a%20b`;
}

export function field(json: unknown, name: string): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}

export function isJson(exchange: Exchange): boolean {
  const type = exchange.headers.get('content-type') ?? '';
  return /^application\/(problem\+)?json\s*(;|$)/i.test(type) && exchange.json !== undefined;
}

export function isRedirect(status: number): boolean {
  return [301, 302, 307, 308].includes(status);
}

/** Compares URLs as the grader does: after WHATWG URL serialisation. */
export function isSameUrl(actual: string | null, expected: string): boolean {
  if (actual === null || !URL.canParse(actual)) return false;
  return new URL(actual).href === new URL(expected).href;
}

/** The spec's accepted ways for an error body to name the field at fault. */
export function namesField(json: unknown, name: string): boolean {
  const matches = (value: unknown) =>
    typeof value === 'string' && [name, `/${name}`, `#/${name}`].includes(value);
  const errors = field(json, 'errors');
  const invalidParams = field(json, 'invalid-params');
  return (
    matches(field(json, 'field')) ||
    (Array.isArray(errors) &&
      errors.some((e) => ['field', 'name', 'pointer', 'path'].some((k) => matches(field(e, k))))) ||
    (typeof errors === 'object' && errors !== null && !Array.isArray(errors) && name in errors) ||
    (Array.isArray(invalidParams) && invalidParams.some((p) => matches(field(p, 'name'))))
  );
}

/** A JSON error body with a human-readable message, as the spec asks of every error. */
export function isJsonError(exchange: Exchange, status: number): boolean {
  const message = ['detail', 'message', 'error', 'title'].some((key) => {
    const value = field(exchange.json, key);
    return typeof value === 'string' && value.trim() !== '';
  });
  return exchange.status === status && isJson(exchange) && message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
