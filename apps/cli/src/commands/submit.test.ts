import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findProject, type RunningReference } from '@groundwork/projects';
import { runCommand, runCommandAsync, startServerProcess } from '../testing/cli-process';

const project = findProject('url-shortener');
assert.ok(project);

let workDir: string;
let server: ReturnType<typeof startServerProcess>;
let url: string;
let env: Record<string, string>;
let token: string;
let reference: RunningReference;
let broken: RunningReference;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'groundwork-submit-'));
  env = { GROUNDWORK_CONFIG_DIR: join(workDir, 'config') };
  server = startServerProcess(join(workDir, 'data'));
  url = await server.url;
  const signup = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'grace@example.com', password: 'correct horse battery', name: 'Grace' }),
  });
  const { csrfToken } = (await signup.json()) as { csrfToken: string };
  const cookie = signup.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'cli test' }),
  });
  token = ((await created.json()) as { secret: string }).secret;
  assert.equal(runCommand(['login', '--url', url, '--token', token], { env }).code, 0);
  reference = await project.startReference({ port: 0 });
  broken = await project.startReference({ port: 0, fault: 'create-returns-200' });
});

after(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  await reference.close();
  await broken.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('groundwork submit', () => {
  it('has the server grade a URL, follows the run live, and exits 0 when it passes', async () => {
    const report = join(workDir, 'report.json');
    const result = await runCommandAsync(
      [
        'submit',
        'url-shortener',
        '--url',
        reference.url,
        '--stage',
        'health',
        '--stage',
        'create-link',
        '--json',
        report,
      ],
      { env },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Queued submission [0-9a-f-]{36}/);
    assert.match(result.stdout, /✓ POST \/links answers 201/);
    assert.match(result.stdout, /All 2 stages passed/);
    const written = JSON.parse(readFileSync(report, 'utf8'));
    assert.equal(written.status, 'passed');
    assert.deepEqual(
      written.stages.map((stage: { id: string }) => stage.id),
      ['health', 'create-link'],
    );
  });

  it('exits 1 with the failing check’s expected and actual when the server is wrong', async () => {
    const result = await runCommandAsync(
      ['submit', 'url-shortener', '--url', broken.url, '--stage', 'create-link'],
      {
        env,
      },
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /expected[\s\S]*201/i);
    assert.match(result.stderr, /1 stage failed: create-link/);
  });

  it('exits 2 with the server’s reason for an address it will not grade, having contacted nothing', () => {
    const result = runCommand(['submit', 'url-shortener', '--url', 'http://10.0.0.1:8080'], { env });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /url: This address cannot be graded: 10\.0\.0\.1 is a private-network address/,
    );
  });

  it('needs a login, and says so', () => {
    const result = runCommand(['submit', 'url-shortener', '--url', reference.url], {
      env: { GROUNDWORK_CONFIG_DIR: join(workDir, 'nobody') },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not logged in/);
  });
});

describe('groundwork test --upload', () => {
  it('grades locally and stores the result on the server as self-reported', async () => {
    const result = await runCommandAsync(
      ['test', 'url-shortener', '--url', reference.url, '--stage', 'health', '--upload'],
      {
        env,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Uploaded as a self-reported result: .*\/submissions\/[0-9a-f-]{36}/);
    const listed = (await (
      await fetch(`${url}/api/submissions?limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { mode: string; status: string }[] };
    assert.equal(listed.items[0]?.mode, 'self-reported');
    assert.equal(listed.items[0]?.status, 'passed');
  });

  it('refuses before running when nobody is logged in', () => {
    const result = runCommand(['test', 'url-shortener', '--url', reference.url, '--upload'], {
      env: { GROUNDWORK_CONFIG_DIR: join(workDir, 'nobody') },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not logged in/);
    assert.doesNotMatch(result.stdout, /Grading/);
  });
});
