import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countProseWords, listTopicLinks, renderMarkdown } from './render';

test('raw HTML in Markdown comes out escaped, block and inline', () => {
  const html = renderMarkdown('<script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> inline.');
  assert.ok(!html.includes('<script>'), html);
  assert.ok(!html.includes('<img'), html);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
});

test('topic links point into the roadmap and external links get rel="noopener noreferrer"', () => {
  assert.equal(renderMarkdown('See [HTTP](topic:http).'), '<p>See <a href="/roadmap/http">HTTP</a>.</p>\n');
  assert.equal(
    renderMarkdown('[MDN](https://developer.mozilla.org/ "Docs")'),
    '<p><a href="https://developer.mozilla.org/" title="Docs" rel="noopener noreferrer">MDN</a></p>\n',
  );
});

test('links with other schemes lose their link but keep their text', () => {
  assert.equal(renderMarkdown('[click](javascript:alert(1))'), '<p>click</p>\n');
  assert.equal(renderMarkdown('[x](data:text/html,hi)'), '<p>x</p>\n');
  assert.equal(renderMarkdown('[x](//evil.example/)'), '<p>x</p>\n');
});

test('code is escaped, not run', () => {
  assert.equal(renderMarkdown('`<b>`'), '<p><code>&lt;b&gt;</code></p>\n');
});

test('prose words leave code blocks out and count inline code', () => {
  assert.equal(
    countProseWords(
      'Send a `GET` request.\n\n```http\nGET /users HTTP/1.1\nHost: example.com\n```\n\n- one\n- two',
    ),
    6,
  );
});

test('topic links are listed in order', () => {
  assert.deepEqual(listTopicLinks('[a](topic:http) and [b](https://x.example) then [c](topic:dns)'), [
    'http',
    'dns',
  ]);
});
