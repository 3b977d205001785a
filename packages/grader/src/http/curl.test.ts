import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { quoteShellArgument, renderCurl } from './curl';

/** What bash makes of a quoted argument: the round trip a learner's paste goes through. */
function bashRoundTrip(quoted: string): string {
  return execFileSync('bash', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

describe('quoteShellArgument', () => {
  const awkward = [
    "it's",
    '{"url":"https://example.com/?a=1&b=2"}',
    '$HOME `whoami` $(id) \\ ! * ? ~',
    "line one\nline two with 'quotes'",
    'tab\there and a bell \u0007 and an escape \u001b[31m',
    '',
    'ünïcödé ✓ 😀',
  ];
  for (const value of awkward) {
    it(`survives bash unchanged: ${JSON.stringify(value)}`, () => {
      assert.equal(bashRoundTrip(quoteShellArgument(value)), value);
    });
  }
});

describe('renderCurl', () => {
  it('renders a GET without -X and without following redirects', () => {
    const curl = renderCurl({ method: 'GET', url: 'http://localhost:8080/abc', headers: {} });
    assert.equal(curl, "curl -i 'http://localhost:8080/abc'");
  });

  it('renders a JSON POST with its headers and body, leaving out headers curl sets itself', () => {
    const curl = renderCurl({
      method: 'POST',
      url: 'http://localhost:8080/links',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'groundwork-grader/0.1',
        'content-length': '31',
      },
      body: `{"url":"https://example.com/it's"}`,
    });
    assert.equal(
      curl,
      `curl -i -X POST 'http://localhost:8080/links' -H 'content-type: application/json' --data-raw '{"url":"https://example.com/it'\\''s"}'`,
    );
  });

  it('uses -I for HEAD and --globoff for bracketed IPv6 hosts', () => {
    assert.equal(
      renderCurl({ method: 'HEAD', url: 'http://[::1]:8080/', headers: {} }),
      "curl -I --globoff 'http://[::1]:8080/'",
    );
  });

  it('produces a command bash parses into the intended arguments', () => {
    const body = `{"title":"<script>alert('x')</script>","n":1}`;
    const curl = renderCurl({
      method: 'PATCH',
      url: 'http://127.0.0.1:1/a?b=c&d=e',
      headers: { authorization: 'Bearer a.b.c' },
      body,
    });
    const args = execFileSync(
      'bash',
      ['-c', `printargs() { printf '%s\\0' "$@"; }; ${curl.replace(/^curl/, 'printargs')}`],
      {
        encoding: 'utf8',
      },
    ).split('\0');
    assert.deepEqual(args.slice(0, -1), [
      '-i',
      '-X',
      'PATCH',
      'http://127.0.0.1:1/a?b=c&d=e',
      '-H',
      'authorization: Bearer a.b.c',
      '--data-raw',
      body,
    ]);
  });
});
