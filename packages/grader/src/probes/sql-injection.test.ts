import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDataFactory } from '../data/data-factory';
import { createHttpClient } from '../http/client';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { findDatabaseErrorText, probeSqlInjection } from './sql-injection';

const LINKS = [
  { code: 'abc', url: 'https://example.com/a' },
  { code: 'def', url: 'https://example.com/b' },
];

/** Just enough of a SQL engine to behave like `... WHERE code = '<spliced input>'` does. */
function runSplicedQuery(input: string): typeof LINKS {
  const sql = `SELECT url FROM links WHERE code = '${input}'`;
  const code = sql.split('--')[0] ?? '';
  if ((code.match(/'/g) ?? []).length % 2 === 1)
    throw new Error(`syntax error at or near "${input.slice(0, 5)}"`);
  if (/'\s+OR\s+(?:'1'\s*=\s*'1'|1\s*=\s*1)/i.test(code)) return LINKS;
  if (/'\s+AND\s+(?:'1'\s*=\s*'2'|1\s*=\s*2)/i.test(code)) return [];
  return LINKS.filter((link) => link.code === input);
}

describe('SQL injection probe', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;

  before(async () => {
    server = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const input = url.searchParams.get('code') ?? '';
      switch (url.pathname) {
        case '/safe': {
          const link = LINKS.find((l) => l.code === input);
          if (link) return sendJson(res, 200, link);
          return sendJson(res, 404, { error: `no link with code ${input}` });
        }
        case '/spliced': {
          try {
            const [link] = runSplicedQuery(input);
            if (link) return sendJson(res, 200, link);
            return sendJson(res, 404, { error: 'not found' });
          } catch {
            return sendJson(res, 400, { error: 'bad code' });
          }
        }
        case '/spliced-search': {
          try {
            return sendJson(res, 200, { items: runSplicedQuery(input) });
          } catch {
            return sendJson(res, 400, { error: 'bad query' });
          }
        }
        case '/leaky': {
          try {
            return sendJson(res, 200, {
              items: LINKS.filter((l) => l.code === runSplicedQuery(input)[0]?.code),
            });
          } catch (error) {
            return sendJson(res, 400, { error: (error as Error).message });
          }
        }
        case '/crashes':
          if (input.includes("'")) return sendJson(res, 500, { error: 'internal error' });
          return sendJson(res, 404, { error: 'not found' });
        default:
          return sendJson(res, 404, {});
      }
    });
  });
  after(() => server.close());

  async function probe(path: string, description?: string) {
    const http = createHttpClient({ baseUrl: server.url });
    const verdict = await probeSqlInjection(
      {
        send: (input) => http.get(path, { query: { code: input } }),
        ...(description === undefined ? {} : { description }),
      },
      createDataFactory('sqli'),
    );
    await http.close();
    return verdict;
  }

  it('passes a server that uses parameters, even when it echoes the input', async () => {
    assert.deepEqual(await probe('/safe'), { status: 'pass' });
  });

  it('fails a lookup whose tautology finds a row the contradiction does not', async () => {
    const verdict = await probe('/spliced');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') {
      assert.match(verdict.hint ?? '', /always-true SQL condition/);
      assert.equal(verdict.exchange?.response?.status, 200);
    }
  });

  it('fails a search whose tautology lists every row', async () => {
    const verdict = await probe('/spliced-search');
    assert.equal(verdict.status, 'fail');
  });

  it('fails a server that sends database error text', async () => {
    const verdict = await probe('/leaky');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.actual, /PostgreSQL error text/);
  });

  it('fails a server that breaks (5xx) on quotes, naming the input in the hint', async () => {
    const verdict = await probe('/crashes', 'the code in GET /crashes?code=');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') {
      assert.match(verdict.actual, /500/);
      assert.match(
        verdict.hint ?? '',
        /^The code in GET \/crashes\?code= set to "gw-sqli-[a-z0-9-]+'" made the server fail with 500; /,
      );
    }
  });

  it('with a control request, fails a server that refuses everything instead of passing it', async () => {
    const http = createHttpClient({ baseUrl: server.url });
    const verdict = await probeSqlInjection(
      {
        description: 'the tag filter',
        control: () => http.get('/nothing-here'),
        send: (input) => http.get('/nothing-here', { query: { tag: input } }),
      },
      createDataFactory('sqli'),
    );
    await http.close();
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail')
      assert.match(verdict.hint ?? '', /should answer 2xx before the tag filter is probed/);
  });

  it('recognises database error text from common engines and ignores ordinary text', () => {
    assert.equal(findDatabaseErrorText('ERROR: syntax error at or near "OR"')?.engine, 'PostgreSQL');
    assert.equal(
      findDatabaseErrorText('You have an error in your SQL syntax; check the manual')?.engine,
      'MySQL',
    );
    assert.equal(findDatabaseErrorText('SQLITE_ERROR: near "OR": syntax error')?.engine, 'SQLite');
    assert.equal(findDatabaseErrorText('ORA-00933: SQL command not properly ended')?.engine, 'Oracle');
    assert.equal(findDatabaseErrorText('{"error":"not found","code":"abc"}'), undefined);
  });
});
