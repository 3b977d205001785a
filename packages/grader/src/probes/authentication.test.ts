import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createHttpClient } from '../http/client';
import { sendJson, startHttpServer } from '../testing/loopback-server';
import { isJwtShaped, listCredentialVariants, probeBrokenAuthentication } from './authentication';

const OPAQUE = randomBytes(32).toString('base64url');
const SECRET = 'fixture-secret';

function signJwt(payload: Record<string, unknown>): string {
  const head = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}
const JWT = signJwt({ sub: 'user-1' });

type Verifier = (authorization: string | undefined) => boolean | 'crash';

/** Each path is a server with one way of checking the Authorization header. */
const verifiers: Record<string, Verifier> = {
  exact: (auth) => auth === `Bearer ${OPAQUE}`,
  optional: (auth) => auth === undefined || auth === `Bearer ${OPAQUE}`,
  prefix: (auth) =>
    auth?.startsWith('Bearer ') === true && auth.length > 8 && OPAQUE.startsWith(auth.slice(7)),
  crashes: (auth) => (auth === `Bearer ${OPAQUE}` ? true : auth?.startsWith('Bearer ') ? false : 'crash'),
  jwtSafe: (auth) => auth === `Bearer ${JWT}`,
  jwtAlgNone: (auth) => {
    const [header = ''] = (auth ?? '').slice(7).split('.');
    const isNone = Buffer.from(header, 'base64url').toString().includes('"none"');
    return auth === `Bearer ${JWT}` || isNone;
  },
};

describe('broken-authentication probe', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const verdict = verifiers[(req.url ?? '/').slice(1)]?.(req.headers.authorization);
      if (verdict === 'crash') return sendJson(res, 500, { error: 'oops' });
      sendJson(res, verdict ? 200 : 401, verdict ? { items: [] } : { error: 'unauthorised' });
    });
  });
  after(() => server.close());

  async function probe(path: string, token = OPAQUE) {
    const http = createHttpClient({ baseUrl: server.url });
    try {
      return await probeBrokenAuthentication({
        token,
        send: (authorization) =>
          http.get(`/${path}`, authorization === undefined ? {} : { headers: { authorization } }),
      });
    } finally {
      await http.close();
    }
  }

  it('treats an opaque token as opaque and a JWT as a JWT', () => {
    assert.equal(isJwtShaped(OPAQUE), false);
    assert.equal(isJwtShaped(JWT), true);
    const opaqueKinds = new Set(listCredentialVariants(OPAQUE).map((variant) => variant.kind));
    assert.deepEqual([...opaqueKinds], ['missing', 'malformed', 'tampered']);
    const jwtVariants = listCredentialVariants(JWT).filter((variant) => variant.kind === 'forged');
    assert.equal(jwtVariants.length, 4);
    for (const variant of listCredentialVariants(OPAQUE, ['tampered'])) {
      assert.notEqual(variant.authorization, `Bearer ${OPAQUE}`);
    }
  });

  it('passes a server that accepts exactly the tokens it issued', async () => {
    assert.deepEqual(await probe('exact'), { status: 'pass' });
    assert.deepEqual(await probe('jwtSafe', JWT), { status: 'pass' });
  });

  it('fails a server that serves requests without a token, naming the request', async () => {
    const verdict = await probe('optional');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail')
      assert.match(verdict.hint ?? '', /GET \/optional with no Authorization header answered 200/);
  });

  it('fails a server that accepts part of a token', async () => {
    const verdict = await probe('prefix');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /the first half of the token/);
  });

  it('fails a server that crashes on a malformed header', async () => {
    const verdict = await probe('crashes');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.actual, /500/);
  });

  it('runs the JWT forgeries only for a JWT, and fails a server that trusts alg none', async () => {
    const verdict = await probe('jwtAlgNone', JWT);
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /alg "none"/);
  });

  it('says so when the real token does not work', async () => {
    const verdict = await probe('exact', 'some-other-token');
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /could not be tested/);
  });
});
