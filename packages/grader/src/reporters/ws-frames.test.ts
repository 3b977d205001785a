import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckOutcome, GradingEvent, GradingReport, RecordedExchange } from '@groundwork/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { defineCheck, defineStage, defineSuite } from '../authoring/define';
import { fail } from '../authoring/verdict';
import { runSuite } from '../runner/run-suite';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { createPalette } from './colour';
import { renderJUnitReport } from './junit.reporter';
import { createTerminalReporter, renderFailureBlock } from './terminal.reporter';
import { escapeControlChars, renderFrameLines } from './ws-frames';

/** What a hostile server sends: a colour escape, a NUL, a C1 CSI, a CDATA end and a line break. */
const HOSTILE_TEXT = '{"text":"\u001b[31mred\u0000\u009b2J]]></failure><x/>\r\nnext"}';
const HOSTILE_SHOWN = String.raw`{"text":"\x1b[31mred\x00\x9b2J]]></failure><x/>\r\nnext"}`;
/** NUL, BEL, ESC and the C1 CSI, as the frames below carry them. */
const SERVER_CONTROLS = ['\u0000', '\u0007', '\u001b', '\u009b'];
const containsAny = (text: string, needles: string[]) => needles.some((needle) => text.includes(needle));
// biome-ignore lint/suspicious/noControlCharactersInRegex: the palette's own colour codes, which the reporter writes on purpose
const PALETTE_CODES = /\u001b\[[\d;]*m/g;
const WEBSOCAT = `websocat 'ws://127.0.0.1:8080/chat' -H 'authorization: Bearer t0k3n'`;

const httpExchange: RecordedExchange = {
  method: 'POST',
  url: 'http://127.0.0.1:8080/links',
  request: { headers: { 'content-type': 'application/json' }, bodyExcerpt: '{}', bodyBytes: 2 },
  response: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    bodyExcerpt: '{"message":"created"}\n{"more":true}',
    bodyBytes: 35,
    isBodyTruncated: false,
  },
  timingMs: 12,
  curl: `curl -i -X POST 'http://127.0.0.1:8080/links' -H 'content-type: application/json' --data-raw '{}'`,
};

const wsExchange: RecordedExchange = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/chat',
  request: { headers: { upgrade: 'websocket' }, bodyBytes: 0 },
  response: {
    status: 101,
    headers: { upgrade: 'websocket' },
    bodyExcerpt: 'the same transcript, as the upgrade response body',
    bodyBytes: 49,
    isBodyTruncated: false,
  },
  timingMs: 5003,
  curl: `curl -i 'http://127.0.0.1:8080/chat' -H 'upgrade: websocket'`,
  frames: [
    { direction: 'sent', atMs: 0.4, text: '{"type":"subscribe","room":"lobby"}' },
    { direction: 'received', atMs: 120.4, text: HOSTILE_TEXT },
    { direction: 'event', atMs: 1503, text: 'closed with code 1000 (\u001b]0;pwned\u0007)' },
  ],
  websocat: WEBSOCAT,
};

const failure = (exchange: RecordedExchange) =>
  fail({
    expected: 'a "subscribed" message',
    actual: 'no "subscribed" message within 5 s',
    hint: 'The WebSocket at /chat did not deliver a "subscribed" message.',
    topic: 'websockets',
    exchange,
  });

function buildSuite() {
  return defineSuite({
    project: { slug: 'chat', title: 'Chat' },
    stages: [
      defineStage({
        id: 'rooms',
        title: 'Rooms',
        difficulty: 'intermediate',
        topics: ['websockets'],
        checks: [
          defineCheck({
            id: 'subscribe',
            title: 'Subscribing is acknowledged',
            topic: 'websockets',
            run: () => failure(wsExchange),
          }),
          defineCheck({
            id: 'create',
            title: 'Creating a room answers 201',
            topic: 'websockets',
            run: () => failure(httpExchange),
          }),
        ],
      }),
    ],
  });
}

describe('WebSocket frames in failure output', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let report: GradingReport;
  let events: GradingEvent[];

  before(async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, {}));
    const run = runSuite(buildSuite(), { target: server.url, seed: 7 });
    events = [];
    for await (const event of run.events) events.push(event);
    report = await run.report;
  });
  after(() => server.close());

  it('escapes what a server could use to take over a terminal, keeping the text readable', () => {
    assert.equal(escapeControlChars(HOSTILE_TEXT), HOSTILE_SHOWN);
    assert.equal(escapeControlChars('tab\there \u202eevil'), String.raw`tab\there \u{202e}evil`);
    assert.equal(escapeControlChars('ünïcödé → 🙂'), 'ünïcödé → 🙂', 'printable text is left alone');
  });

  it('renders one line per frame, times aligned, with a direction arrow', () => {
    assert.deepEqual(renderFrameLines(wsExchange.frames ?? []), [
      '   0 ms → {"type":"subscribe","room":"lobby"}',
      ` 120 ms ← ${HOSTILE_SHOWN}`,
      String.raw`1503 ms · closed with code 1000 (\x1b]0;pwned\x07)`,
    ]);
  });

  it('terminal: a frames block and a websocat command, with no escape reaching the terminal', () => {
    let out = '';
    const terminal = createTerminalReporter({
      stream: { write: (text: string) => (out += text) },
      isTTY: false,
    });
    for (const event of events) terminal.handle(event);
    terminal.finish(report);
    const block = out.slice(out.indexOf('Subscribing is acknowledged'), out.indexOf('Creating a room'));
    assert.ok(
      block.includes(
        [
          '      frames       0 ms → {"type":"subscribe","room":"lobby"}',
          `                 120 ms ← ${HOSTILE_SHOWN}`,
          String.raw`                1503 ms · closed with code 1000 (\x1b]0;pwned\x07)`,
          `      try it    ${WEBSOCAT}`,
        ].join('\n'),
      ),
      block,
    );
    assert.doesNotMatch(block, /body {6}the same transcript/, 'the transcript is not shown twice');
    assert.doesNotMatch(block, /curl/, 'websocat, not the curl of the upgrade, is the command to try');
    assert.ok(
      !containsAny(out, [...SERVER_CONTROLS, '\r']),
      'no control character from the server is printed',
    );
  });

  it('terminal: colour on a TTY does not let a frame through unescaped', () => {
    const outcome = report.stages[0]?.checks[0]?.outcome as CheckOutcome;
    const block = renderFailureBlock(outcome, createPalette(true));
    assert.ok(block.includes(HOSTILE_SHOWN));
    assert.ok(!block.includes('\u001b[31mred'), 'the server cannot colour the output');
    assert.ok(!containsAny(block, ['\u0000', '\u0007', '\u009b']));
  });

  it('JUnit: the frames and the websocat command in the failure text, in well-formed XML', () => {
    const xml = renderJUnitReport(report);
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(!xml.includes(']]>'), 'a frame cannot end a CDATA section or the element');
    assert.ok(!containsAny(xml, SERVER_CONTROLS));
    const doc = new XMLParser({
      isArray: (name) => name === 'testcase',
      trimValues: false,
    }).parse(xml);
    const [ws] = doc.testsuites.testsuite.testcase as Array<{ failure: string }>;
    assert.equal(
      ws?.failure,
      [
        'expected: a "subscribed" message',
        'actual:   no "subscribed" message within 5 s',
        'The WebSocket at /chat did not deliver a "subscribed" message.',
        'frames:',
        '     0 ms → {"type":"subscribe","room":"lobby"}',
        `   120 ms ← ${HOSTILE_SHOWN}`,
        String.raw`  1503 ms · closed with code 1000 (\x1b]0;pwned\x07)`,
        `try it:   ${WEBSOCAT}`,
        'learn it: websockets',
      ].join('\n'),
    );
  });

  it('an HTTP failure reads as it did before frames: body, curl, no frames block', () => {
    const outcome = report.stages[0]?.checks[1]?.outcome as CheckOutcome;
    assert.equal(
      renderFailureBlock(outcome, createPalette(false)),
      [
        '      expected  a "subscribed" message',
        '      actual    no "subscribed" message within 5 s',
        '      why       The WebSocket at /chat did not deliver a "subscribed" message.',
        '      body      {"message":"created"}',
        '                {"more":true}',
        `      try it    ${httpExchange.curl}`,
        '      learn it  websockets',
      ].join('\n'),
    );
    const xml = renderJUnitReport(report);
    const doc = new XMLParser({ isArray: (name) => name === 'testcase', trimValues: false }).parse(xml);
    const [, http] = doc.testsuites.testsuite.testcase as Array<{ failure: string }>;
    assert.equal(
      http?.failure,
      [
        'expected: a "subscribed" message',
        'actual:   no "subscribed" message within 5 s',
        'The WebSocket at /chat did not deliver a "subscribed" message.',
        `try it:   ${httpExchange.curl}`,
        'learn it: websockets',
      ].join('\n'),
    );
  });

  it('an exchange with no frames recorded still shows its body', () => {
    const outcome = { ...failure({ ...httpExchange, frames: [] }), topic: 'websockets', hint: 'h' };
    const block = renderFailureBlock(outcome, createPalette(false));
    assert.match(block, /body {6}\{"message":"created"\}/);
    assert.doesNotMatch(block, /frames/);
  });

  it('an HTTP body and an actual value the server chose are escaped too, line by line', () => {
    const hostileBody = 'fine\n\u001b[2Jcleared\u0007 \u009b31m\r';
    const response = { ...(httpExchange.response as NonNullable<RecordedExchange['response']>) };
    const outcome = {
      ...failure({ ...httpExchange, response: { ...response, bodyExcerpt: hostileBody } }),
      actual: 'a name of "\u001b]0;pwned\u0007"',
      topic: 'websockets',
      hint: 'h',
    };
    const block = renderFailureBlock(outcome, createPalette(true));
    assert.ok(!containsAny(block.replaceAll(PALETTE_CODES, ''), [...SERVER_CONTROLS, '\r']), block);
    assert.ok(block.includes(String.raw`\x1b[2Jcleared\x07 \x9b31m\r`), block);
    assert.ok(block.includes(String.raw`a name of "\x1b]0;pwned\x07"`), block);
    assert.match(
      renderFailureBlock(outcome, createPalette(false)),
      /body {6}fine\n {16}\\x1b\[2Jcleared/,
      'the body still shows one line per line',
    );
  });
});
