import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningReference } from '../../kit/project';
import {
  createCode,
  createLink,
  field,
  isJson,
  isJsonError,
  isSameUrl,
  namesField,
  send,
  uniqueUrl,
} from '../test-client';
import { startReference } from './server';

let reference: RunningReference;
let base: string;

before(async () => {
  reference = await startReference();
  base = reference.url;
});
after(() => reference.close());

describe('health', () => {
  test('GET /health answers 200 {"status":"ok"} as JSON', async () => {
    const health = await send(base, '/health');
    assert.equal(health.status, 200);
    assert.ok(isJson(health));
    assert.deepEqual(health.json, { status: 'ok' });
  });
});

describe('create-link', () => {
  test('POST /links answers 201, a Location for the new link, and the link as JSON', async () => {
    const url = uniqueUrl();
    const created = await createLink(base, { url });
    assert.equal(created.status, 201);
    assert.ok(isJson(created));
    const code = String(field(created.json, 'code'));
    assert.match(code, /^[A-Za-z0-9]{7}$/);
    assert.equal(created.headers.get('location'), `/links/${code}`);
    assert.deepEqual(created.json, {
      code,
      url,
      shortUrl: `${base}/${code}`,
      clicks: 0,
      createdAt: field(created.json, 'createdAt'),
      lastClickedAt: null,
      expiresAt: null,
    });
    const createdAt = Date.parse(String(field(created.json, 'createdAt')));
    assert.ok(Math.abs(createdAt - Date.now()) < 60_000, 'createdAt is about now');

    const located = await send(base, `/links/${code}`);
    assert.equal(located.status, 200);
    assert.deepEqual(located.json, created.json);
  });

  test('the same URL twice gets two codes', async () => {
    const url = uniqueUrl();
    assert.notEqual(await createCode(base, { url }), await createCode(base, { url }));
  });

  test('the URL is stored in its normalised form', async () => {
    const created = await createLink(base, { url: 'HTTPS://Example.COM' });
    assert.equal(field(created.json, 'url'), 'https://example.com/');
  });
});

describe('redirect', () => {
  test('GET /{code} answers 302 to the original URL, uncached', async () => {
    const url = uniqueUrl();
    const code = await createCode(base, { url });
    const followed = await send(base, `/${code}`);
    assert.equal(followed.status, 302);
    assert.equal(followed.headers.get('location'), url);
    assert.equal(followed.headers.get('cache-control'), 'no-store');
  });
});

describe('not-found', () => {
  for (const path of ['/NoSuchCode', '/links/NoSuchCode', '/no/such/route']) {
    test(`GET ${path} answers 404 problem+json`, async () => {
      const missing = await send(base, path);
      assert.ok(isJsonError(missing, 404), missing.text);
      assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(field(missing.json, 'status'), 404);
    });
  }
});

describe('validation', () => {
  const invalidUrls: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['not a string', 42],
    ['empty', ''],
    ['not a URL', 'not a url'],
    ['without a host', 'http://'],
    ['relative', '/just/a/path'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ftp:', 'ftp://example.com/file'],
    ['file:', 'file:///etc/passwd'],
    ['too long', `https://example.com/${'a'.repeat(2048)}`],
  ];
  for (const [name, url] of invalidUrls) {
    test(`a url that is ${name} answers 400 naming url`, async () => {
      const created = await createLink(base, { url });
      assert.ok(isJsonError(created, 400), created.text);
      assert.ok(namesField(created.json, 'url'), created.text);
    });
  }

  test('a body that is not a JSON object answers 400', async () => {
    for (const body of ['[]', 'null', '"https://example.com"', '{"url":']) {
      const created = await send(base, '/links', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.ok(isJsonError(created, 400), `${body}: ${created.text}`);
    }
  });

  test('a body that is not JSON at all answers 415', async () => {
    const created = await send(base, '/links', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<url>https://example.com</url>',
    });
    assert.ok(isJsonError(created, 415), created.text);
  });
});

describe('custom-alias', () => {
  test('an alias becomes the code, and a taken alias answers 409 without touching the link', async () => {
    const url = uniqueUrl();
    const alias = `my-alias_${Date.now()}`;
    const created = await createLink(base, { url, alias });
    assert.equal(created.status, 201);
    assert.equal(field(created.json, 'code'), alias);
    assert.equal(created.headers.get('location'), `/links/${alias}`);

    const taken = await createLink(base, { url: uniqueUrl(), alias });
    assert.ok(isJsonError(taken, 409), taken.text);
    assert.ok(namesField(taken.json, 'alias'));
    assert.equal((await send(base, `/${alias}`)).headers.get('location'), url);
  });

  test('aliases are case-sensitive', async () => {
    const alias = `Case${Date.now()}`;
    await createCode(base, { alias });
    assert.equal(
      field((await createLink(base, { url: uniqueUrl(), alias: alias.toLowerCase() })).json, 'code'),
      alias.toLowerCase(),
    );
  });

  for (const alias of ['ab', 'x'.repeat(33), 'has space', 'a/b', 'dots.not.allowed', 'émoji', 42]) {
    test(`alias ${JSON.stringify(alias)} answers 400 naming alias`, async () => {
      const created = await createLink(base, { url: uniqueUrl(), alias });
      assert.ok(isJsonError(created, 400), created.text);
      assert.ok(namesField(created.json, 'alias'), created.text);
    });
  }

  for (const alias of ['health', 'links', 'Health', 'API']) {
    test(`reserved word ${alias} answers 400 naming alias`, async () => {
      const created = await createLink(base, { url: uniqueUrl(), alias });
      assert.ok(isJsonError(created, 400), created.text);
      assert.ok(namesField(created.json, 'alias'));
    });
  }
});

describe('click-stats', () => {
  test('50 concurrent redirects count exactly 50 clicks; reading stats counts none', async () => {
    const code = await createCode(base);
    const before = await send(base, `/links/${code}`);
    assert.equal(field(before.json, 'clicks'), 0);
    assert.equal(field(before.json, 'lastClickedAt'), null);

    const answers = await Promise.all(Array.from({ length: 50 }, () => send(base, `/${code}`)));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([302]));

    const stats = await send(base, `/links/${code}`);
    assert.equal(field(stats.json, 'clicks'), 50);
    const lastClickedAt = Date.parse(String(field(stats.json, 'lastClickedAt')));
    assert.ok(lastClickedAt >= Date.parse(String(field(stats.json, 'createdAt'))));
    assert.equal(field((await send(base, `/links/${code}`)).json, 'clicks'), 50);
  });
});

describe('expiry', () => {
  test('ttlSeconds sets expiresAt; once past it, redirect and stats answer 410', async () => {
    const url = uniqueUrl();
    const created = await createLink(base, { url, ttlSeconds: 1 });
    assert.equal(created.status, 201);
    const code = String(field(created.json, 'code'));
    const createdAt = Date.parse(String(field(created.json, 'createdAt')));
    const expiresAt = Date.parse(String(field(created.json, 'expiresAt')));
    assert.ok(Math.abs(expiresAt - createdAt - 1000) < 1000, 'expiresAt is about a second after createdAt');

    await sleep(Math.max(0, expiresAt - Date.now()) + 100);
    for (const path of [`/${code}`, `/links/${code}`]) {
      const gone = await send(base, path);
      assert.ok(isJsonError(gone, 410), `${path}: ${gone.status} ${gone.text}`);
    }
  });

  test('an expiresAt in the future is kept to the millisecond and the link redirects', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await createLink(base, { url: uniqueUrl(), expiresAt });
    assert.equal(field(created.json, 'expiresAt'), expiresAt);
    assert.equal((await send(base, `/${String(field(created.json, 'code'))}`)).status, 302);
  });

  const invalidExpiries: [string, Record<string, unknown>, string][] = [
    ['expiresAt in the past', { expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    ['expiresAt without a zone', { expiresAt: '2099-01-01T00:00:00' }, 'expiresAt'],
    ['expiresAt not a date', { expiresAt: 'tomorrow' }, 'expiresAt'],
    ['ttlSeconds zero', { ttlSeconds: 0 }, 'ttlSeconds'],
    ['ttlSeconds fractional', { ttlSeconds: 1.5 }, 'ttlSeconds'],
    ['ttlSeconds a string', { ttlSeconds: '60' }, 'ttlSeconds'],
    ['both', { ttlSeconds: 60, expiresAt: '2099-01-01T00:00:00Z' }, 'ttlSeconds'],
  ];
  for (const [name, body, fieldName] of invalidExpiries) {
    test(`${name} answers 400 naming ${fieldName}`, async () => {
      const created = await createLink(base, { url: uniqueUrl(), ...body });
      assert.ok(isJsonError(created, 400), created.text);
      assert.ok(namesField(created.json, fieldName), created.text);
    });
  }
});

describe('listing', () => {
  test('pages walk every link once, newest first, and the last page has no next cursor', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(await createCode(base));
    const total = await countAllLinks();

    const seen: string[] = [];
    let cursor: unknown;
    do {
      const query = typeof cursor === 'string' ? `limit=3&cursor=${encodeURIComponent(cursor)}` : 'limit=3';
      const page = await send(base, `/links?${query}`);
      assert.equal(page.status, 200);
      const items = field(page.json, 'items') as unknown[];
      assert.ok(items.length <= 3);
      seen.push(...items.map((item) => String(field(item, 'code'))));
      cursor = field(page.json, 'nextCursor');
    } while (typeof cursor === 'string');

    assert.equal(cursor, null);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total, 'no link appears twice');
    assert.deepEqual(seen.slice(0, 7), created.toReversed());
  });

  test('limit defaults to 20 and is lowered to 100', async () => {
    while ((await countAllLinks()) < 101) await createCode(base);
    assert.equal((field((await send(base, '/links')).json, 'items') as unknown[]).length, 20);
    assert.equal((field((await send(base, '/links?limit=1000')).json, 'items') as unknown[]).length, 100);
  });

  for (const query of [
    'limit=0',
    'limit=-1',
    'limit=abc',
    'limit=2.5',
    'limit=1e2',
    'limit=0x10',
    'cursor=bogus',
    'cursor=',
  ]) {
    test(`?${query} answers 400 naming its parameter`, async () => {
      const page = await send(base, `/links?${query}`);
      assert.ok(isJsonError(page, 400), page.text);
      assert.ok(namesField(page.json, query.split('=')[0] ?? ''), page.text);
    });
  }
});

describe('security', () => {
  for (const payload of ["' OR '1'='1", "x' OR 'x'='x", "'; DROP TABLE links; --", "'"]) {
    test(`the code ${JSON.stringify(payload)} is data: 404 from stats and redirect`, async () => {
      for (const path of [`/links/${encodeURIComponent(payload)}`, `/${encodeURIComponent(payload)}`]) {
        const answer = await send(base, path);
        assert.ok(isJsonError(answer, 404), `${path}: ${answer.status} ${answer.text}`);
      }
    });
  }

  test('an alias that carries SQL is refused by the alias rules: 400 naming alias', async () => {
    for (const alias of ["x' OR '1'='1", "abc'", "abc')"]) {
      const created = await createLink(base, { url: uniqueUrl(), alias });
      assert.ok(isJsonError(created, 400), `${alias}: ${created.text}`);
      assert.ok(namesField(created.json, 'alias'), created.text);
    }
  });

  test('every response carries nosniff and names no framework or version', async () => {
    const code = await createCode(base);
    const exchanges = [
      await send(base, '/health'),
      await createLink(base, { url: uniqueUrl() }),
      await createLink(base, {}),
      await send(base, `/${code}`),
      await send(base, '/nope/nope'),
    ];
    for (const exchange of exchanges) {
      assert.equal(exchange.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(exchange.headers.get('x-powered-by'), null);
      assert.equal(exchange.headers.get('server'), null);
    }
  });

  test('errors carry no stack trace, and HTML-looking input never comes back as HTML', async () => {
    const broken = await send(base, '/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url":',
    });
    assert.doesNotMatch(broken.text, /stack|\n\s+at |node_modules|\.[jt]s:\d+/);

    const payload = '<script>alert(1)</script>';
    const page = await send(base, `/${encodeURIComponent(payload)}`, { headers: { accept: 'text/html' } });
    assert.ok(isJsonError(page, 404));
    assert.doesNotMatch(page.text, /<script>/);
  });

  test('a failure inside the server is a bare 500 problem', async () => {
    const failing = await startReference({ fault: 'not-found-returns-500' });
    try {
      const answer = await send(failing.url, '/NoSuchCode');
      assert.ok(isJsonError(answer, 500), answer.text);
      assert.equal(field(answer.json, 'detail'), 'Something went wrong on our side.');
      assert.doesNotMatch(answer.text, /TypeError|undefined/);
    } finally {
      await failing.close();
    }
  });
});

describe('startReference', () => {
  test('with a data folder, links survive a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'groundwork-url-shortener-test-'));
    try {
      const first = await startReference({ dataDir });
      const url = uniqueUrl();
      const code = await createCode(first.url, { url });
      await first.close();

      const second = await startReference({ dataDir });
      try {
        assert.ok(isSameUrl((await send(second.url, `/${code}`)).headers.get('location'), url));
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function countAllLinks(): Promise<number> {
  let count = 0;
  let cursor: unknown;
  do {
    const query = typeof cursor === 'string' ? `limit=100&cursor=${encodeURIComponent(cursor)}` : 'limit=100';
    const page = await send(base, `/links?${query}`);
    count += (field(page.json, 'items') as unknown[]).length;
    cursor = field(page.json, 'nextCursor');
  } while (typeof cursor === 'string');
  return count;
}
