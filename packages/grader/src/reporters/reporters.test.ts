import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type GradingEvent, GradingReport } from '@groundwork/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { expectJsonField, expectStatus } from '../authoring/expect';
import { inconclusive, pass, skip } from '../authoring/verdict';
import { runSuite } from '../runner/run-suite';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { shouldUseColor } from './colour';
import { renderJsonReport } from './json.reporter';
import { renderJUnitReport } from './junit.reporter';
import { createTerminalReporter } from './terminal.reporter';

const TRICKY_TITLE = `POST /links <script>&"quotes"'`;
const topicTitle = (id: string) => ({ 'http-status-codes': 'HTTP status codes' })[id];

function buildSuite() {
  return defineSuite({
    project: { slug: 'url-shortener', title: 'URL shortener' },
    stages: [
      defineStage({
        id: 'create-link',
        title: 'Create a short link',
        difficulty: 'beginner',
        topics: ['http-status-codes'],
        checks: [
          defineCheck({
            id: 'returns-201',
            title: TRICKY_TITLE,
            topic: 'http-status-codes',
            run: async (ctx) =>
              expectStatus(
                await ctx.http.post('/links', { json: { url: "https://example.com/it's" } }),
                [201],
              ) ?? pass(),
          }),
          defineCheck({ id: 'skipped', title: 'A skipped check', topic: 'x', run: () => skip('not today') }),
          defineCheck({
            id: 'body',
            title: 'Body has a code',
            topic: 'json',
            run: async (ctx) => expectJsonField(await ctx.http.get('/control'), 'code', 'abc') ?? pass(),
          }),
        ],
      }),
      defineStage({
        id: 'redirect',
        title: 'Redirect',
        difficulty: 'beginner',
        topics: ['http-redirects'],
        checks: [defineCheck({ id: 'r', title: 'Redirects', topic: 'http-redirects', run: () => pass() })],
      }),
    ],
  });
}

describe('reporters', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let report: GradingReport;
  let events: GradingEvent[];

  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/control') return sendJson(res, 200, { code: 'a\u0001b\u001b[31m' });
      sendJson(res, 200, { message: 'created <b>?</b> & more' });
    });
    const run = runSuite(buildSuite(), { target: server.url, seed: 99 });
    events = [];
    for await (const event of run.events) events.push(event);
    report = await run.report;
  });
  after(() => server.close());

  it('JSON: writes a report that validates against the versioned schema', () => {
    const parsed = GradingReport.parse(JSON.parse(renderJsonReport(report)));
    assert.equal(parsed.schemaVersion, 2);
    assert.equal(parsed.status, 'failed');
    assert.deepEqual(
      parsed.stages.map((s) => s.status),
      ['failed', 'not-run'],
    );
    assert.equal(GradingReport.safeParse({ ...parsed, schemaVersion: 3 }).success, false);
    // an older CLI's upload (version 1, no inconclusive counts) is still read
    const { inconclusive: _stages, ...stagesV1 } = parsed.summary.stages;
    const { inconclusive: _checks, ...checksV1 } = parsed.summary.checks;
    const v1 = { ...parsed, schemaVersion: 1, summary: { stages: stagesV1, checks: checksV1 } };
    assert.equal(GradingReport.safeParse(v1).success, true);
  });

  it('JUnit: writes well-formed XML with one testsuite per stage and one testcase per check', () => {
    const xml = renderJUnitReport(report, { topicTitle });
    assert.equal(XMLValidator.validate(xml), true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(xml);
    const suites = doc.testsuites.testsuite as Array<
      Record<string, unknown> & { testcase: Array<Record<string, unknown>> }
    >;
    assert.deepEqual(
      suites.map((s) => s['@id']),
      ['create-link', 'redirect'],
    );
    const [created, notRun] = suites;
    assert.equal(created?.testcase.length, 3);
    assert.equal(created?.['@failures'], '2');
    assert.equal(created?.['@skipped'], '1');
    const first = created?.testcase[0] as {
      '@name': string;
      failure: { '@message': string; '#text': string };
    };
    assert.equal(first['@name'], TRICKY_TITLE, 'the title survives escaping and parsing unchanged');
    assert.match(first.failure['@message'], /should answer 201 Created, but it answered 200 OK/);
    assert.match(first.failure['#text'], /expected: status 201 Created/);
    assert.match(first.failure['#text'], /actual: {3}status 200 OK/);
    assert.match(first.failure['#text'], /learn it: HTTP status codes \(http-status-codes\)/);
    assert.match(first.failure['#text'], /curl -i -X POST/);
    assert.ok(!xml.includes('\u0001') && !xml.includes('\u001b'), 'characters XML cannot hold are dropped');
    assert.ok(notRun?.testcase[0] && 'skipped' in notRun.testcase[0]);
  });

  it('JUnit: reports an unreachable target as an error testcase', () => {
    const unreachable: GradingReport = {
      ...report,
      status: 'error',
      error: { kind: 'unreachable', message: 'no answer; is your server running at http://localhost:1?' },
      stages: report.stages.map((s) => ({ ...s, status: 'not-run', checks: [] })),
    };
    const xml = renderJUnitReport(unreachable);
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(
      xml,
      /<error message="no answer; is your server running at http:\/\/localhost:1\?" type="unreachable"\/>/,
    );
  });

  it('terminal: plain lines off a TTY, with expected, actual, curl and the topic title for a failure', () => {
    let out = '';
    const terminal = createTerminalReporter({
      stream: { write: (text: string) => (out += text) },
      isTTY: false,
      topicTitle,
      runAllHint: 'use --all',
    });
    for (const event of events) terminal.handle(event);
    terminal.finish(report);
    assert.ok(!out.includes('\u001b['), 'no ANSI escapes when not a TTY');
    assert.ok(!out.includes('\r'), 'no line rewriting when not a TTY');
    assert.match(out, /Grading URL shortener at http:\/\/127\.0\.0\.1:\d+ \(seed 99\)/);
    assert.match(out, /✗ POST \/links <script>&"quotes"'/);
    assert.match(out, /expected {2}status 201 Created/);
    assert.match(out, /actual {4}status 200 OK/);
    assert.match(
      out,
      /try it {4}curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/links' -H 'content-type: application\/json' --data-raw '\{"url":"https:\/\/example\.com\/it'\\''s"\}'/,
    );
    assert.match(out, /learn it {2}HTTP status codes \(http-status-codes\)/);
    assert.match(out, /○ A skipped check skipped: not today/);
    assert.match(
      out,
      /0 of 2 stages passed · 0 checks passed, 2 failed, 1 skipped, 1 stage not run \(use --all to run them anyway\)/,
    );
  });

  it('terminal: suggests running on only after a failing stage, and only where the caller can', () => {
    const summaryOf = (changed: Partial<GradingReport>, runAllHint?: string) => {
      let out = '';
      const terminal = createTerminalReporter({
        stream: { write: (text: string) => (out += text) },
        isTTY: false,
        ...(runAllHint ? { runAllHint } : {}),
      });
      terminal.finish({ ...report, ...changed });
      return out;
    };
    const picked = summaryOf({});
    assert.match(picked, /1 stage not run · /);
    assert.doesNotMatch(picked, /--all/, 'a hand-picked selection cannot be combined with --all');
    const unreachable = summaryOf(
      {
        status: 'error',
        error: { kind: 'unreachable', message: 'no answer; is your server running at http://localhost:1?' },
      },
      'use --all',
    );
    assert.match(unreachable, /Could not reach your server: no answer/);
    assert.doesNotMatch(unreachable, /--all/, 'running more stages cannot help a server that is down');
  });

  it('an inconclusive run is never shown as passed: terminal, JUnit and JSON all say so', async () => {
    const suite = defineSuite({
      project: { slug: 'url-shortener', title: 'URL shortener' },
      stages: [
        defineStage({
          id: 'health',
          title: 'Health',
          difficulty: 'beginner',
          topics: ['http'],
          checks: [defineCheck({ id: 'up', title: 'Up', topic: 'http', run: () => pass() })],
        }),
        defineStage({
          id: 'performance',
          title: 'Performance',
          difficulty: 'advanced',
          topics: ['performance'],
          kind: 'load',
          checks: [
            defineCheck({
              id: 'latency',
              title: 'Fast enough',
              topic: 'performance',
              run: () => inconclusive('the measurement is not valid: the grader was too busy'),
            }),
          ],
        }),
      ],
    });
    const run = runSuite(suite, { target: server.url, seed: 5 });
    let out = '';
    const terminal = createTerminalReporter({
      stream: { write: (text: string) => (out += text) },
      isTTY: false,
    });
    for await (const event of run.events) terminal.handle(event);
    const unsure = await run.report;
    terminal.finish(unsure);
    assert.equal(unsure.status, 'inconclusive');
    assert.doesNotMatch(out, /All 2 stages passed/);
    assert.match(out, /\? Performance inconclusive: not judged on this run, run it again/);
    assert.match(out, /1 of 2 stages passed; 1 stage could not be judged on this run \(run it again\)/);
    const xml = renderJUnitReport(unsure);
    assert.match(
      xml,
      /<error message="inconclusive: the measurement is not valid[^"]*" type="inconclusive">/,
    );
    assert.match(xml, /<testsuites [^>]*errors="1"/);
    assert.equal(GradingReport.parse(JSON.parse(renderJsonReport(unsure))).summary.stages.inconclusive, 1);
  });

  it('terminal: a spinner and colour on a TTY', () => {
    let out = '';
    const terminal = createTerminalReporter({
      stream: { write: (text: string) => (out += text) },
      isTTY: true,
    });
    for (const event of events) terminal.handle(event);
    terminal.finish(report);
    assert.ok(out.includes('\r\u001b[2K'), 'rewrites the spinner line');
    assert.ok(out.includes('\u001b[31m'), 'colours failures red');
  });

  it('colour degrades with NO_COLOR, TERM=dumb and non-TTY streams', () => {
    assert.equal(shouldUseColor({ isTTY: true }), true);
    assert.equal(shouldUseColor({ isTTY: false }), false);
    assert.equal(shouldUseColor({ isTTY: true, env: { NO_COLOR: '1' } }), false);
    assert.equal(shouldUseColor({ isTTY: true, env: { TERM: 'dumb' } }), false);
    assert.equal(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '1' } }), true);
  });
});
