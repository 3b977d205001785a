import { describeStatus } from '../authoring/expect';
import { type Failure, pass, type Verdict } from '../authoring/verdict';
import type { DataFactory } from '../data/data-factory';
import { pathOf } from '../http/exchange-error';
import type { HttpResponse } from '../http/types';
import { isSuccess, probeFailure, statusText } from './probe-failure';
import type { SqlInjectionOptions } from './types';

/** Inputs that are true / false conditions if pasted into SQL: a server that splices input into SQL answers them differently. */
export const SQL_INJECTION_PAIRS: ReadonlyArray<{ tautology: string; contradiction: string }> = [
  { tautology: "' OR '1'='1", contradiction: "' AND '1'='2" },
  { tautology: "' OR 1=1 -- ", contradiction: "' AND 1=2 -- " },
  { tautology: '" OR "1"="1', contradiction: '" AND "1"="2' },
  { tautology: '1 OR 1=1', contradiction: '1 AND 1=2' },
];

/** Inputs that break a query built by splicing, to provoke database errors. */
export const SQL_ERROR_TRIGGERS: readonly string[] = ["'", '"', "')"];

const DATABASE_ERROR_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/you have an error in your sql syntax/i, 'MySQL'],
  [/syntax error at or near/i, 'PostgreSQL'],
  [/unterminated quoted (string|identifier)/i, 'PostgreSQL'],
  [/SQLSTATE\[\w+\]/, 'PDO'],
  [/PG::\w+Error|psycopg2?\.errors|org\.postgresql\.util\.PSQLException/, 'PostgreSQL driver'],
  [/SQLITE_ERROR|sqlite3?\.OperationalError|near "[^"]*": syntax error/i, 'SQLite'],
  [/unrecognized token: "/i, 'SQLite'],
  [/ORA-\d{5}/, 'Oracle'],
  [/unclosed quotation mark after the character string|incorrect syntax near/i, 'SQL Server'],
  [/quoted string not properly terminated/i, 'Oracle'],
  [/\bER_PARSE_ERROR\b|ER_BAD_FIELD_ERROR/, 'MySQL driver'],
  [/SequelizeDatabaseError|PrismaClientKnownRequestError|QueryFailedError/, 'ORM'],
];

/**
 * The database error text in a response, if any (e.g. `syntax error at or near "OR"`): it leaks the
 * schema and shows that input reached the SQL parser.
 */
export function findDatabaseErrorText(text: string): { engine: string; excerpt: string } | undefined {
  for (const [pattern, engine] of DATABASE_ERROR_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const start = Math.max(0, match.index - 40);
      return { engine, excerpt: text.slice(start, match.index + match[0].length + 40).trim() };
    }
  }
  return undefined;
}

/** A response that leaks database errors or breaks (5xx) on SQL syntax. */
function judgeErrorResponse(res: HttpResponse, input: string, description: string): Failure | undefined {
  const sent = `${capitalise(description)} set to ${JSON.stringify(input)}`;
  const leaked = findDatabaseErrorText(res.text());
  if (leaked) {
    return probeFailure(
      res,
      'no database error text in the response',
      `${leaked.engine} error text: "${leaked.excerpt}"`,
      `${sent} produced a ${leaked.engine} error in the response; use parameterised queries and never send database errors to clients.`,
    );
  }
  if (res.status >= 500) {
    return probeFailure(
      res,
      'a 4xx or the normal answer for input containing quotes',
      statusText(res),
      `${sent} made the server fail with ${res.status}; pass input to the database as a parameter, never as part of the query text.`,
    );
  }
  return undefined;
}

function fingerprint(res: HttpResponse, input: string): string {
  return `${res.status}\n${res.text().split(input).join('')}`;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * Sends a harmless baseline, the baseline with stray quotes, and each tautology/contradiction pair through
 * `send`. Fails when a response shows database error text, when quotes make the server fail (5xx), or
 * when the tautology is answered differently from the contradiction while the contradiction looks like
 * the baseline (the input changed the query's logic).
 * @example probeSqlInjection({ send: (code) => http.get(`/links/${encodeURIComponent(code)}`), description: 'the code in GET /links/{code}' }, data)
 */
export async function probeSqlInjection(options: SqlInjectionOptions, data: DataFactory): Promise<Verdict> {
  const description = options.description ?? 'the input';
  if (options.control) {
    // a server that refuses everything gives injection nothing to run, and proves nothing about it
    const control = await options.control();
    if (!isSuccess(control)) {
      return probeFailure(
        control,
        `a 2xx answer to ${control.method} ${pathOf(control.url)}, before probing ${description}`,
        statusText(control),
        `${control.method} ${pathOf(control.url)} should answer 2xx before ${description} is probed with SQL, but it answered ${describeStatus(control.status)}.`,
      );
    }
  }
  const baselineInput = data.slug('gw-sqli');
  const baseline = await options.send(baselineInput);
  for (const trigger of SQL_ERROR_TRIGGERS) {
    const input = `${baselineInput}${trigger}`;
    const failure = judgeErrorResponse(await options.send(input), input, description);
    if (failure) return failure;
  }
  for (const pair of SQL_INJECTION_PAIRS) {
    const tautology = await options.send(pair.tautology);
    const contradiction = await options.send(pair.contradiction);
    const failure =
      judgeErrorResponse(tautology, pair.tautology, description) ??
      judgeErrorResponse(contradiction, pair.contradiction, description);
    if (failure) return failure;
    const isLogicChanged =
      fingerprint(tautology, pair.tautology) !== fingerprint(contradiction, pair.contradiction) &&
      fingerprint(contradiction, pair.contradiction) === fingerprint(baseline, baselineInput);
    if (isLogicChanged) {
      return probeFailure(
        tautology,
        `the same answer for ${JSON.stringify(pair.tautology)} as for ${JSON.stringify(pair.contradiction)}`,
        `${statusText(tautology)} for the first, ${statusText(contradiction)} for the second`,
        `An always-true SQL condition in ${description} changed the result, so it is spliced into the query; use parameterised queries.`,
      );
    }
  }
  return pass();
}
