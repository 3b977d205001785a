import assert from 'node:assert/strict';
import net from 'node:net';
import { before, describe, it } from 'node:test';
import { defineCheck } from '../authoring/define';
import { expectJson, expectStatus, REDIRECT_STATUSES } from '../authoring/expect';
import { pass } from '../authoring/verdict';
import type { HttpResponse } from '../http/types';
import type { SocketConnector } from '../policy/pinned-connect';
import type { Resolver } from '../policy/target-policy';
import {
  GZIP_BOMB_EXPANDED_BYTES,
  METADATA_URL,
  startEndlessBody,
  startGzipBomb,
  startInvalidHttp,
  startMetadataRedirect,
  startNeverAnswering,
  startRedirectLoop,
  startResetMidBody,
  startSilentServer,
  startThousandsOfHeaders,
  startTricklingBody,
  startTricklingHeaders,
} from './fixtures';
import {
  assertHostileBounds,
  assertOneSentence,
  DEADLINE_MARGIN_MS,
  gradeAgainst,
  HOSTILE_DEADLINES,
  MAX_GROWTH_BYTES,
  warmUpGrader,
} from './hostile-run';

/** What most checks do: GET a resource and read its JSON. */
const readsJson = defineCheck({
  id: 'reads-json',
  title: 'GET /data answers 200 with JSON',
  topic: 'http',
  async run(ctx) {
    const res = await ctx.http.get('/data');
    return expectStatus(res, [200]) ?? expectJson(res, { padding: '' }) ?? pass();
  },
});

/**
 * Follows Location hops as a check would (the client itself never follows redirects), with no hop
 * limit of its own: only the grader's deadlines and bounds can end it.
 */
function followsRedirects(startPath: string) {
  return defineCheck({
    id: 'follows-redirects',
    title: `GET ${startPath} leads, through its redirects, to a 200`,
    topic: 'http-redirects',
    async run(ctx) {
      let res: HttpResponse = await ctx.http.get(startPath);
      let location = res.header('location');
      while ((REDIRECT_STATUSES as readonly number[]).includes(res.status) && location !== undefined) {
        res = await ctx.http.get(new URL(location, res.url).href);
        location = res.header('location');
      }
      return expectStatus(res, [200]) ?? pass();
    },
  });
}

const LIMIT = '1 s'; // HOSTILE_DEADLINES.requestTimeoutMs, as the sentences print it

describe('hostile HTTP servers, graded through runSuite', () => {
  before(warmUpGrader);

  it('a server that never answers', async (t) => {
    const measured = await gradeAgainst(t, startNeverAnswering, readsJson);
    assertHostileBounds(
      measured,
      new RegExp(`^GET /data got no usable response: no response within ${LIMIT}\\.$`),
    );
  });

  it('a server that trickles its headers, a byte at a time', async (t) => {
    const measured = await gradeAgainst(t, startTricklingHeaders, readsJson);
    assertHostileBounds(
      measured,
      new RegExp(
        `^GET /data got no usable response: the server started answering, but its status line and headers did not finish within ${LIMIT}\\.$`,
      ),
    );
  });

  it('a server that trickles its body, a byte at a time', async (t) => {
    const measured = await gradeAgainst(t, startTricklingBody, readsJson);
    assertHostileBounds(
      measured,
      new RegExp(`the status and headers arrived, but the body did not finish within ${LIMIT}`),
    );
  });

  it('a body that never ends', async (t) => {
    const measured = await gradeAgainst(t, startEndlessBody, readsJson);
    assertHostileBounds(measured, /the response body is larger than the 1 MiB limit/);
  });

  it('a gzip bomb: the grader neither decompresses it nor calls it plain bad JSON', async (t) => {
    const measured = await gradeAgainst(t, () => startGzipBombChecked(), readsJson);
    assertHostileBounds(
      measured,
      /^GET \/data should answer with a JSON body, but the body is compressed with gzip \(content-encoding: gzip\) although the request did not ask for compression\.$/,
    );
  });

  it('thousands of headers', async (t) => {
    const measured = await gradeAgainst(t, startThousandsOfHeaders, readsJson);
    assertHostileBounds(measured, /the response headers are too large/);
  });

  it('a redirect loop, followed by a check with no hop limit of its own', async (t) => {
    const measured = await gradeAgainst(t, startRedirectLoop, followsRedirects('/hop/a'));
    // Only the stage deadline ends this check, so the sentence must say the server kept redirecting,
    // not that it "answered too slowly".
    assertHostileBounds(
      measured,
      /^The stage ran out of time \(1\.5 s\) after [\d,]+ requests to your server; the last, GET \/hop\/[ab], answered 302 Found redirecting to \/hop\/[ab]\.$/,
    );
    assert.ok(
      measured.elapsedMs <= HOSTILE_DEADLINES.stageTimeoutMs + DEADLINE_MARGIN_MS,
      'the stage deadline ended the loop',
    );
  });

  it('invalid HTTP (another protocol on the port)', async (t) => {
    const measured = await gradeAgainst(t, startInvalidHttp, readsJson);
    assertHostileBounds(
      measured,
      /^GET \/data got no usable response: the response is not HTTP, as it has no status line such as HTTP\/1\.1 200 OK \(parsing stopped at "SSH-2\.0-OpenSSH_9\.6\\r\\nProtocol mismatch\.\\r…"\)\.$/,
    );
  });

  it('a connection reset in the middle of the body', async (t) => {
    const measured = await gradeAgainst(t, startResetMidBody, readsJson);
    assertHostileBounds(measured, /the server closed the connection before the response was complete/);
  });

  it('a server that never answers anything, not even the readiness probe', async (t) => {
    const measured = await gradeAgainst(t, startSilentServer, readsJson);
    assert.ok(measured.elapsedMs <= HOSTILE_DEADLINES.runTimeoutMs + DEADLINE_MARGIN_MS);
    assert.ok(measured.peakRssGrowthBytes < MAX_GROWTH_BYTES);
    assert.equal(measured.report.error?.kind, 'unreachable');
    const sentence = measured.report.error?.message ?? '';
    assert.match(
      sentence,
      /^no answer after 1 attempt over 2(\.0)? s, when the run's deadline ended the wait; is your server running at http:\/\/127\.0\.0\.1:\d+\?$/,
    );
    assert.doesNotMatch(sentence, /check/, 'no check was running, so none is blamed');
    // the message completes the terminal report's "Could not reach your server:"
    assertOneSentence(`Could not reach your server: ${sentence}`);
  });
});

describe('a redirect to the cloud metadata address, under the strict policy', () => {
  before(warmUpGrader);

  it('is refused without a connection or a DNS query leaving for anywhere but loopback', async (t) => {
    const resolved: string[] = [];
    const resolve: Resolver = async (hostname) => {
      resolved.push(hostname);
      if (hostname === 'learner.test') return [{ address: '127.0.0.1', family: 4 }];
      throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const attempts: string[] = [];
    // Connects for real only to loopback; anything else is recorded and never dialled.
    const connector: SocketConnector = ({ address, port }) => {
      attempts.push(address);
      if (address === '127.0.0.1') return net.connect({ host: address, port });
      const socket = new net.Socket();
      queueMicrotask(() => socket.destroy(Object.assign(new Error('not dialled'), { code: 'ECONNREFUSED' })));
      return socket;
    };
    const measured = await gradeAgainst(t, startMetadataRedirect, followsRedirects('/start'), {
      targetOf: (server) => `http://learner.test:${server.port}`,
      policy: { mode: 'strict', allow: ['127.0.0.1/32'], resolve },
      connector,
    });
    const hint = assertHostileBounds(
      measured,
      /^The grader refused to send GET http:\/\/169\.254\.169\.254\/latest\/meta-data\/: it only talks to the server being graded, http:\/\/learner\.test:\d+, and sent nothing to http:\/\/169\.254\.169\.254\.$/,
    );
    assert.ok(hint.includes(METADATA_URL));
    assert.deepEqual(resolved, ['learner.test'], 'only the target name was resolved, once');
    assert.ok(attempts.length > 0, 'the grader did reach the fixture');
    assert.deepEqual(
      attempts.filter((address) => address !== '127.0.0.1'),
      [],
      'no connection was attempted to anything but loopback',
    );
  });
});

/** The gzip bomb, checked to fit under the body cap, so the cap is not what saves the grader. */
async function startGzipBombChecked() {
  const server = await startGzipBomb();
  assert.ok(server.body.length < 1024 * 1024, 'the compressed body fits under the 1 MiB cap');
  assert.ok(GZIP_BOMB_EXPANDED_BYTES > MAX_GROWTH_BYTES, 'inflating it would break the memory bound');
  return server;
}
