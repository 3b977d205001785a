import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createHttpClient } from '../http/client';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { forgeJwts, probeJwtForgery } from './jwt';

const SECRET = 'fixture-secret';

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sign(payload: Record<string, unknown>): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}

function decode(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: string;
} {
  const [h = '', p = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    signature,
  };
}

type Verifier = (token: string) => boolean;

const verifiers: Record<string, Verifier> = {
  // Checks alg, signature and expiry: what the probe expects.
  safe(token) {
    const { header, payload, signature } = decode(token);
    if (header.alg !== 'HS256') return false;
    const [h, p] = token.split('.');
    const expected = createHmac('sha256', SECRET).update(`${h}.${p}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return typeof payload.exp !== 'number' || payload.exp * 1000 > Date.now();
  },
  // Decodes without verifying anything.
  decodeOnly: () => true,
  // Trusts the header's alg, so "none" skips verification.
  trustsAlgNone(token) {
    return decode(token).header.alg === 'none' || verifiers.safe?.(token) === true;
  },
  // Verifies the signature but never looks at exp.
  ignoresExpiry(token) {
    const [h, p, signature = ''] = token.split('.');
    const expected = createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url');
    return decode(token).header.alg === 'HS256' && signature === expected;
  },
};

describe('JWT forgery probe', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  const token = sign({ sub: 'user-1', role: 'learner', exp: Math.floor(Date.now() / 1000) + 3600 });
  const expiredToken = sign({ sub: 'user-1', role: 'learner', exp: Math.floor(Date.now() / 1000) - 60 });

  before(async () => {
    server = await startHttpServer((req, res) => {
      const verify = verifiers[(req.url ?? '/').slice(1)];
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      try {
        if (verify?.(bearer)) return sendJson(res, 200, { me: decode(bearer).payload.sub });
      } catch {
        // a malformed token is refused like any other bad one
      }
      sendJson(res, 401, { error: 'unauthorised' });
    });
  });
  after(() => server.close());

  async function probe(path: string, withExpired = false) {
    const http = createHttpClient({ baseUrl: server.url });
    const verdict = await probeJwtForgery({
      token,
      send: (forged) => http.get(`/${path}`, { headers: { authorization: `Bearer ${forged}` } }),
      ...(withExpired ? { expiredToken } : {}),
    });
    await http.close();
    return verdict;
  }

  it('forges four variants that differ from the real token', () => {
    const forged = forgeJwts(token);
    assert.deepEqual(
      forged.map((f) => f.kind),
      ['alg-none', 'tampered-payload', 'bad-signature', 'expired'],
    );
    assert.equal(decode(forged[0]?.token ?? '').header.alg, 'none');
    assert.equal(forged[0]?.token.endsWith('.'), true);
    assert.equal(decode(forged[1]?.token ?? '').payload.role, 'admin');
    assert.notEqual(decode(forged[1]?.token ?? '').payload.sub, 'user-1');
    assert.notEqual(decode(forged[2]?.token ?? '').signature, decode(token).signature);
    assert.ok((decode(forged[3]?.token ?? '').payload.exp as number) < Date.now() / 1000);
  });

  it('passes a server that verifies alg, signature and expiry', async () => {
    assert.deepEqual(await probe('safe', true), { status: 'pass' });
  });

  it('fails a server that only decodes tokens', async () => {
    const verdict = await probe('decodeOnly');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /alg "none"/);
  });

  it('fails a server that trusts alg "none"', async () => {
    const verdict = await probe('trustsAlgNone');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.expected, /alg "none"/);
  });

  it('fails a server that ignores expiry when given a real expired token', async () => {
    const verdict = await probe('ignoresExpiry', true);
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') {
      assert.match(verdict.hint ?? '', /expired/);
      assert.equal(verdict.exchange?.response?.status, 200);
    }
  });
});
