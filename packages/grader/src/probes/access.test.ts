import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDataFactory } from '../data/data-factory';
import { createHttpClient } from '../http/client';
import { readRequestBody, sendJson, startHttpServer } from '../testing/loopback-server';
import {
  probeCorsReflection,
  probeLoginBruteForce,
  probeMassAssignment,
  probeObjectAuthorisation,
} from './access';

/** Two fixture apps in one: `/secure/...` does things right, `/weak/...` does not. */
describe('access probes', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  const notes = new Map([['n1', { id: 'n1', owner: 'alice', text: 'hi' }]]);
  const users = new Map<string, Record<string, unknown>>();
  const failures = new Map<string, number>();

  before(async () => {
    server = await startHttpServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const [, flavour, resource, id] = url.pathname.split('/');
      const isSecure = flavour === 'secure';
      const user = req.headers['x-user'];
      if (resource === 'notes') {
        const note = notes.get(id ?? '');
        // "sloppy" checks ownership on reads only: anyone may change or delete a note
        if (flavour === 'sloppy' && note && req.method === 'DELETE') {
          notes.delete(note.id);
          return sendJson(res, 404, {});
        }
        if (flavour === 'sloppy' && note && req.method === 'PATCH') {
          note.text = 'changed';
          return sendJson(res, 200, note);
        }
        if (flavour === 'sloppy' && note && note.owner !== user) return sendJson(res, 404, {});
        if (!note) return sendJson(res, 404, {});
        if (isSecure && note.owner !== user) return sendJson(res, 404, {});
        return sendJson(res, 200, note);
      }
      if (resource === 'users' && req.method === 'POST') {
        const body = JSON.parse(await readRequestBody(req)) as Record<string, unknown>;
        const created = isSecure
          ? { id: `u${users.size}`, email: body.email, role: 'learner' }
          : { id: `u${users.size}`, role: 'learner', ...body };
        users.set(created.id as string, created);
        return sendJson(res, 201, created);
      }
      if (resource === 'users' && req.method === 'GET') return sendJson(res, 200, users.get(id ?? '') ?? {});
      if (resource === 'me') {
        const origin = req.headers.origin;
        const headers: Record<string, string> = {};
        if (isSecure && origin === 'https://app.example.com') headers['access-control-allow-origin'] = origin;
        if (!isSecure && origin) headers['access-control-allow-origin'] = origin;
        headers['access-control-allow-credentials'] = 'true';
        res.writeHead(req.method === 'OPTIONS' ? 204 : 200, headers);
        return res.end();
      }
      if (resource === 'login') {
        const key = `${flavour}:${String(req.headers['x-forwarded-for'] ?? 'me')}`;
        const count = (failures.get(key) ?? 0) + 1;
        failures.set(key, count);
        if (isSecure && count > 5) return sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '60' });
        if (flavour === 'no-retry-after' && count > 5) return sendJson(res, 429, { error: 'slow down' });
        return sendJson(res, 401, { error: 'wrong email or password' });
      }
      return sendJson(res, 404, {});
    });
  });
  after(() => server.close());

  const http = () => createHttpClient({ baseUrl: server.url });

  for (const flavour of ['secure', 'weak'] as const) {
    const shouldPass = flavour === 'secure';

    it(`object-level authorisation: ${flavour} server ${shouldPass ? 'passes' : 'fails'}`, async () => {
      const client = http();
      const verdict = await probeObjectAuthorisation({
        description: 'note n1',
        asOwner: () => client.get(`/${flavour}/notes/n1`, { headers: { 'x-user': 'alice' } }),
        asOther: () => client.get(`/${flavour}/notes/n1`, { headers: { 'x-user': 'mallory' } }),
      });
      await client.close();
      assert.equal(verdict.status, shouldPass ? 'pass' : 'fail');
      if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /Another account could access note n1/);
    });

    it(`mass assignment: ${flavour} server ${shouldPass ? 'passes' : 'fails'}`, async () => {
      const client = http();
      const verdict = await probeMassAssignment({
        send: (extra) => client.post(`/${flavour}/users`, { json: { email: 'a@example.com', ...extra } }),
        readBack: (sent) => client.get(`/${flavour}/users/${sent.json<{ id: string }>()?.id}`),
      });
      await client.close();
      assert.equal(verdict.status, shouldPass ? 'pass' : 'fail');
      if (verdict.status === 'fail') assert.match(verdict.actual, /role = "admin"/);
    });

    it(`CORS reflection with credentials: ${flavour} server ${shouldPass ? 'passes' : 'fails'}`, async () => {
      const client = http();
      const verdict = await probeCorsReflection(
        { path: `/${flavour}/me` },
        client,
        createDataFactory('cors'),
      );
      await client.close();
      assert.equal(verdict.status, shouldPass ? 'pass' : 'fail');
      if (verdict.status === 'fail')
        assert.match(verdict.actual, /access-control-allow-origin: https:\/\/gw-evil-/);
    });

    it(`log-in brute force: ${flavour} server ${shouldPass ? 'passes' : 'fails'}`, async () => {
      const client = http();
      const verdict = await probeLoginBruteForce({
        maxAttempts: 10,
        attempt: () =>
          client.post(`/${flavour}/login`, { json: { email: 'a@example.com', password: 'wrong' } }),
      });
      await client.close();
      assert.equal(verdict.status, shouldPass ? 'pass' : 'fail');
      if (verdict.status === 'fail') assert.match(verdict.actual, /10 attempts answered 10 × 401/);
    });
  }

  it('object-level authorisation across read, update and delete names the request that got through', async () => {
    notes.set('n2', { id: 'n2', owner: 'alice', text: 'hi' });
    const client = http();
    const asMallory = { headers: { 'x-user': 'mallory' } };
    const verdict = await probeObjectAuthorisation({
      description: 'note n2',
      asOwner: () => client.get('/sloppy/notes/n2', { headers: { 'x-user': 'alice' } }),
      attempts: [
        { action: 'read', send: () => client.get('/sloppy/notes/n2', asMallory) },
        {
          action: 'update',
          send: () => client.patch('/sloppy/notes/n2', { ...asMallory, json: { text: 'x' } }),
        },
      ],
    });
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') {
      assert.match(verdict.hint ?? '', /could update note n2: PATCH \/sloppy\/notes\/n2 answered 200/);
      assert.match(verdict.exchange?.curl ?? '', /curl .*-X PATCH/);
    }
    await client.close();
  });

  it('object-level authorisation catches a refusal that deleted the object anyway', async () => {
    notes.set('n3', { id: 'n3', owner: 'alice', text: 'hi' });
    const client = http();
    const verdict = await probeObjectAuthorisation({
      description: 'note n3',
      asOwner: () => client.get('/sloppy/notes/n3', { headers: { 'x-user': 'alice' } }),
      attempts: [
        {
          action: 'delete',
          send: () => client.delete('/sloppy/notes/n3', { headers: { 'x-user': 'mallory' } }),
        },
      ],
    });
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.match(verdict.hint ?? '', /gone \(404\)/);
    await client.close();
  });

  it('log-in brute force: a 429 without Retry-After fails', async () => {
    const client = http();
    const verdict = await probeLoginBruteForce({
      maxAttempts: 10,
      attempt: () =>
        client.post('/no-retry-after/login', { json: { email: 'a@example.com', password: 'x' } }),
    });
    await client.close();
    assert.equal(verdict.status, 'fail');
    if (verdict.status === 'fail') assert.equal(verdict.actual, '429 without Retry-After');
  });
});
