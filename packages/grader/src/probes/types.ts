import type { Verdict } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';

/** A token changed so that a correct server must reject it. */
export interface ForgedJwt {
  kind: 'alg-none' | 'tampered-payload' | 'bad-signature' | 'expired';
  token: string;
  /** What was done to it, in words, for failure output. */
  description: string;
}

export interface JwtForgeryOptions {
  /** A real token the server issued. */
  token: string;
  /** Sends one request authenticated with `token`. */
  send(token: string): Promise<HttpResponse>;
  /** Statuses that count as "rejected" (default 401 and 403). */
  rejectedStatuses?: readonly number[];
  /** Payload claims to change in the tampered token (default: `sub`, `role`, `admin`). */
  tamper?: Readonly<Record<string, unknown>>;
  /**
   * A genuinely expired token the server issued, if the stage can get one: without the key the
   * forged "expired" variant also has a broken signature, so only a real one tests expiry alone.
   */
  expiredToken?: string;
}

export interface SqlInjectionOptions {
  /** Sends one request with `input` in the field under test (a path segment, query or body field). */
  send(input: string): Promise<HttpResponse>;
  /** The field under test, for hints: `the code in GET /links/{code}` (default `the input`). */
  description?: string;
  /**
   * A plain request that must answer 2xx before the probe means anything (e.g. the listing the
   * filter belongs to): without it, a server that answers 404 to everything would pass.
   */
  control?(): Promise<HttpResponse>;
}

export interface StoredXssOptions {
  /** Stores `marker` through the API (e.g. as a link title). */
  store(marker: string): Promise<unknown>;
  /** Fetches the page or resource that shows the stored value. */
  fetch(): Promise<HttpResponse>;
}

/** One thing another account tries to do to an object it does not own. */
export interface OtherAccountAttempt {
  /** What it tries, for messages: `read`, `update`, `delete`. */
  action: string;
  send(): Promise<HttpResponse>;
}

export interface ObjectAuthorisationOptions {
  /** The owner reads their object; must succeed before and (when `attempts` are given) after the attempts. */
  asOwner(): Promise<HttpResponse>;
  /** Another account does the same; must be refused. Give this or `attempts`. */
  asOther?(): Promise<HttpResponse>;
  /** Several things another account tries (read, update, delete …), each of which must be refused. */
  attempts?: readonly OtherAccountAttempt[];
  /**
   * After the attempts, the owner's read-back must show the object untouched (default: any 2xx), so a
   * server that answers 404 but changes or deletes the object anyway is caught.
   */
  isUnchanged?(ownerRead: HttpResponse): boolean;
  /** Statuses that count as refused (default 403 and 404). */
  deniedStatuses?: readonly number[];
  /** What the object is, for messages: `link abc123`. */
  description: string;
}

export interface CredentialVariant {
  kind: 'missing' | 'malformed' | 'tampered' | 'forged' | 'expired';
  /** The Authorization header to send; undefined sends none. */
  authorization: string | undefined;
  description: string;
}

export interface BrokenAuthenticationOptions {
  /** A real token the server issued, treated as an opaque bearer string. */
  token: string;
  /** Sends one request to a protected route with this Authorization header (none when undefined). */
  send(authorization: string | undefined): Promise<HttpResponse>;
  /** Which broken credentials to try (default all; `forged` only runs when the token is a JWT). */
  kinds?: readonly Exclude<CredentialVariant['kind'], 'expired'>[];
  /** Statuses that count as refused (default 401). */
  rejectedStatuses?: readonly number[];
  /** A genuinely expired token the server issued, when the stage can get one. */
  expiredToken?: string;
}

/** A value that must never appear in a response body, such as a password or another user's token. */
export interface ForbiddenValue {
  value: string;
  /** What it is, for messages: `the password`, `another user's token`. */
  description: string;
}

export interface ResponseHygieneOptions {
  responses: readonly HttpResponse[];
  /** Exact values no body may contain (matched as substrings of the body text). */
  forbidden?: readonly ForbiddenValue[];
}

export interface MassAssignmentOptions {
  /** Privileged fields to smuggle in; default `{ role: 'admin', isAdmin: true, admin: true }`. */
  fields?: Readonly<Record<string, unknown>>;
  /** Sends the create/update request with `extra` merged into its JSON body. */
  send(extra: Readonly<Record<string, unknown>>): Promise<HttpResponse>;
  /** Reads the resource back (default: the JSON body of `send`'s response). */
  readBack?(sent: HttpResponse): Promise<HttpResponse>;
}

export interface CorsReflectionOptions {
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Readonly<Record<string, string>>;
}

export interface LoginBruteForceOptions {
  /** One failed log-in attempt (wrong password), numbered from 1. */
  attempt(attempt: number): Promise<HttpResponse>;
  /** Attempts allowed before a 429 must come (default 20). */
  maxAttempts?: number;
  /** How long the attempts may take in all before the probe gives up (default 30 s). */
  maxDurationMs?: number;
}

/**
 * Reusable security probes. Each one sends its own requests and returns a verdict a check can
 * return as is: `return await ctx.probes.corsReflection({ path: '/me' });`.
 */
export interface Probes {
  /** The four forged variants of a real token (pure; sends nothing). */
  forgeJwts(token: string, tamper?: Readonly<Record<string, unknown>>): ForgedJwt[];
  jwtForgery(options: JwtForgeryOptions): Promise<Verdict>;
  sqlInjection(options: SqlInjectionOptions): Promise<Verdict>;
  storedXss(options: StoredXssOptions): Promise<Verdict>;
  objectAuthorisation(options: ObjectAuthorisationOptions): Promise<Verdict>;
  massAssignment(options: MassAssignmentOptions): Promise<Verdict>;
  corsReflection(options: CorsReflectionOptions): Promise<Verdict>;
  loginBruteForce(options: LoginBruteForceOptions): Promise<Verdict>;
  /** Fails when any response leaks a password hash, stack trace, private key or environment dump. */
  secretsInResponses(responses: HttpResponse | readonly HttpResponse[]): Verdict;
  /** Missing, malformed, tampered (and for JWTs forged) credentials are all refused (401). */
  brokenAuthentication(options: BrokenAuthenticationOptions): Promise<Verdict>;
  /** No body holds a password field or hash, a secret, or any of the forbidden values (another user's token). */
  responseHygiene(options: ResponseHygieneOptions): Verdict;
}
