/**
 * Fuzzes every operation in the OpenAPI document with requests generated from its own schemas — valid,
 * mutated (wrong types, missing fields, huge strings, emoji, NUL bytes, edge numbers, deep nesting) and
 * malformed (broken JSON, wrong content types) — sent anonymously and as a learner, a mentor and an
 * admin, with proper, missing, foreign or garbled cookies, CSRF tokens and bearer tokens. The rules:
 * no 5xx ever; every 4xx is a problem document from the catalogue; every 2xx body follows the operation's
 * documented schema; no response shows one user's data to someone the access rules do not allow.
 *
 * Bounded by REQUEST_BUDGET and TIME_BUDGET_MS. The seed is fixed, so CI is reproducible;
 * FUZZ_SEED=random draws one (printed) and FUZZ_SEED=<n> replays it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { GradingNetwork } from './modules/submissions/grading-policy';
import { ERROR_CATALOGUE, problemType } from './platform/errors/catalogue';
import { REPO_CONTENT_DIR } from './test/content-fixture';
import {
  createPersona,
  forbiddenMarkers,
  logIn,
  type Persona,
  renewToken,
  restoreRole,
  SEEDED_TOPIC,
  seedNote,
} from './test/fuzz-personas';
import {
  type CallerKey,
  effectiveCaller,
  type FuzzRequest,
  injectOptionsOf,
  type Operation,
  operationsOf,
  requestsFor,
} from './test/fuzz-requests';
import { createTestApp, type TestApp } from './test/test-app';

// sized for CI on two shared cores: about 15 s of requests there
const REQUEST_BUDGET = 2_400;
const TIME_BUDGET_MS = 45_000;
const DEFAULT_SEED = 1_017;
const SHOWN_FAILURES = 15;

function seedFromEnvironment(): number {
  const asked = process.env.FUZZ_SEED;
  if (asked === undefined || asked === '') return DEFAULT_SEED;
  if (asked === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(asked);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${asked}`);
  return seed;
}

// grading checks a submitted URL's address: no name may resolve, so no request leaves this machine
const offline: GradingNetwork = {
  resolve: async (hostname) => {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  },
  connector: () => {
    throw new Error('the fuzz test opens no connection');
  },
};

const DOCUMENT_ID = 'openapi';
let t: TestApp;
let document: { paths: Record<string, Record<string, Record<string, unknown>>> };
let personas: Record<CallerKey, Persona | undefined>;
let everyone: Persona[];
let pools: Record<string, string[]>;
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

before(async () => {
  t = await createTestApp({}, { contentDir: REPO_CONTENT_DIR, network: offline });
  const admin = await createPersona(t, 'admin', 'admin', undefined);
  const learner = await createPersona(t, 'learner', 'learner', admin);
  const mentor = await createPersona(t, 'mentor', 'mentor', admin);
  // never sends a request: the learner whose data nobody but mentors and admins may see
  const other = await createPersona(t, 'other', 'learner', admin);
  personas = { anonymous: undefined, learner, mentor, admin };
  everyone = [admin, learner, mentor, other];
  document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  ajv.addSchema(document, DOCUMENT_ID);
  pools = {
    tokenId: everyone.map((persona) => persona.tokenId),
    userId: everyone.map((persona) => persona.caller.user.id),
    submissionId: everyone.flatMap((persona) => persona.submissionIds),
    topicId: [SEEDED_TOPIC, 'git', 'rest-apis', 'no-such-topic'],
    pageId: ['faq', 'common-mistakes'],
    slug: ['url-shortener', 'no-such-project'],
    project: ['url-shortener'],
    code: Object.keys(ERROR_CATALOGUE).slice(0, 5),
  };
});
after(() => t.close());

/** The error the app logged for a 5xx, found by the request id the problem names. */
function loggedErrorOf(response: LightMyRequestResponse): string {
  const requestId = String(response.headers['x-request-id'] ?? '');
  const line = t.logs.find((entry) => entry.includes(requestId) && entry.includes('"err"'));
  if (!line) return response.body.slice(0, 200);
  const { err } = JSON.parse(line) as { err?: { message?: string; cause?: { message?: string } } };
  return (err?.cause?.message ?? err?.message ?? '').slice(0, 160);
}

/** What is wrong with a response, if anything. */
function judge(operation: Operation, request: FuzzRequest, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const contentType = String(response.headers['content-type'] ?? '');
  if (status >= 500) problems.push(`answered ${status}: ${loggedErrorOf(response)}`);
  if (status >= 400 && status < 500) problems.push(...judgeProblem(response, contentType));
  if (status >= 200 && status < 300) problems.push(...judgeSuccess(operation, response, contentType));
  const viewer = effectiveCaller(request, personas);
  for (const { marker, owner, kind } of forbiddenMarkers(everyone, viewer)) {
    if (response.body.includes(marker))
      problems.push(`shows ${owner}'s ${kind} to ${viewer?.key ?? 'anonymous'}`);
  }
  return problems;
}

function judgeProblem(response: LightMyRequestResponse, contentType: string): string[] {
  if (!contentType.startsWith('application/problem+json')) {
    return [`a ${response.statusCode} as ${contentType || 'no content type'}, not problem+json`];
  }
  let body: { code?: string; status?: number; title?: string; type?: string };
  try {
    body = response.json();
  } catch {
    return [`a ${response.statusCode} whose body is not JSON`];
  }
  const validate = validatorAt('#/components/schemas/Problem');
  if (!validate(body))
    return [`a problem that breaks the Problem schema: ${ajv.errorsText(validate.errors)}`];
  const spec = ERROR_CATALOGUE[body.code as keyof typeof ERROR_CATALOGUE];
  if (!spec) return [`a problem with a code not in the catalogue: ${body.code}`];
  const found: string[] = [];
  if (spec.status !== response.statusCode || body.status !== response.statusCode)
    found.push(
      `problem ${body.code} (status ${body.status}, catalogue ${spec.status}) sent as ${response.statusCode}`,
    );
  if (body.title !== spec.title || body.type !== problemType(body.code as keyof typeof ERROR_CATALOGUE))
    found.push(`problem ${body.code} with another title or type than the catalogue's`);
  return found;
}

function judgeSuccess(operation: Operation, response: LightMyRequestResponse, contentType: string): string[] {
  const status = String(response.statusCode);
  const documented = operation.responses[status];
  if (!documented) return [`answered ${status}, which the document does not list`];
  const media = Object.keys(documented.content ?? {});
  if (media.length === 0) return [];
  if (!media.some((type) => contentType.startsWith(type)))
    return [`answered ${contentType}, not ${media.join(' or ')}`];
  if (!contentType.startsWith('application/json')) return [];
  const validate = validatorAt(`${operation.pointer}/responses/${status}/content/application~1json/schema`);
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return ['a JSON response that does not parse'];
  }
  return validate(body)
    ? []
    : [`a body that breaks the documented schema: ${ajv.errorsText(validate.errors)}`];
}

/** Undoes what a successful request did to the personas themselves, so every later request still means what it says. */
async function repair(operation: Operation, request: FuzzRequest, response: LightMyRequestResponse) {
  if (response.statusCode >= 300) return;
  const caller = personas[request.caller];
  const admin = personas.admin as Persona;
  switch (operation.operationId) {
    case 'logout':
      if (caller) await logIn(t, caller);
      break;
    case 'revokeToken':
      for (const persona of everyone)
        if (persona.tokenId === request.params.tokenId) await renewToken(t, persona);
      break;
    case 'changeUserRole':
      for (const persona of everyone) {
        if (persona.caller.user.id === request.params.userId && response.json().role !== persona.role)
          await restoreRole(t, persona, admin);
      }
      break;
    case 'setTopicProgress':
    case 'importProgress':
    case 'resetProgress':
      if (caller) await seedNote(t, caller);
      break;
  }
}

describe('every route, fuzzed from the OpenAPI document', () => {
  it('never answers 5xx, answers 4xx with problems and 2xx as documented, and leaks no one’s data', async (context) => {
    const seed = seedFromEnvironment();
    const operations = operationsOf(document);
    assert.ok(operations.length >= 30, 'the document lists the routes');
    const perOperation = Math.ceil(REQUEST_BUDGET / operations.length);
    const samples = operations.map((operation, index) =>
      fc.sample(requestsFor(operation, document, pools), { seed: seed + index, numRuns: perOperation }),
    );
    const statuses = new Map<number, number>();
    const reached = new Map<string, Set<number>>();
    const failures: string[] = [];
    const started = performance.now();
    let sent = 0;
    let stoppedBy = 'count';
    rounds: for (let round = 0; round < perOperation; round++) {
      for (const [index, operation] of operations.entries()) {
        if (sent >= REQUEST_BUDGET) break rounds;
        if (performance.now() - started > TIME_BUDGET_MS) {
          stoppedBy = 'time';
          break rounds;
        }
        const request = samples[index]?.[round] as FuzzRequest;
        const options = injectOptionsOf(operation, request, personas);
        const response = await t.app.inject(options);
        sent++;
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        reached.set(
          operation.operationId,
          (reached.get(operation.operationId) ?? new Set()).add(response.statusCode),
        );
        for (const problem of judge(operation, request, response)) {
          failures.push(
            `${operation.operationId} (${options.method} ${String(options.url).slice(0, 120)}) as ` +
              `${request.caller}/${request.credential}, body ${request.body.kind}: ${problem}`,
          );
        }
        await repair(operation, request, response);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    context.diagnostic(`seed ${seed}: ${sent} requests in ${seconds} s (stopped by ${stoppedBy}); ${counts}`);
    for (const [operationId, seen] of reached)
      context.diagnostic(`${operationId}: ${[...seen].sort().join(' ')}`);
    const okOperations = [...reached.entries()].filter(([, seen]) => [...seen].some((s) => s < 300));
    context.diagnostic(
      `${okOperations.length} of ${operations.length} operations answered a 2xx or 3xx at least once`,
    );
    assert.equal(reached.size, operations.length, 'every operation was fuzzed');
    // one line per operation and kind of fault, with the first request that showed it
    const distinct = new Map<string, string>();
    for (const failure of failures) {
      const kind = failure
        .replace(/ \(.*?\) as /, ' as ')
        .split(':')
        .slice(0, 2)
        .join(':')
        .slice(0, 80);
      if (!distinct.has(kind)) distinct.set(kind, failure);
    }
    assert.deepEqual(
      [...distinct.values()].slice(0, SHOWN_FAILURES),
      [],
      `${failures.length} broken answers (replay with FUZZ_SEED=${seed})`,
    );
  });
});
