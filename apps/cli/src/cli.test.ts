import assert from 'node:assert/strict';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCommand, STACK_FRAME, startServerProcess } from './testing/cli-process';

describe('groundwork --help and usage errors', () => {
  it('prints help with the exit codes for the program and every command', () => {
    for (const args of [
      ['--help'],
      ['start', '--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['backup', '--help'],
      ['restore', '--help'],
      ['test', '--help'],
      ['submit', '--help'],
      ['projects', '--help'],
      ['reference', '--help'],
      ['login', '--help'],
      ['logout', '--help'],
      ['whoami', '--help'],
      ['progress', '--help'],
      ['content', 'check', '--help'],
    ]) {
      const result = runCommand(args);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, /Usage: groundwork/);
      assert.match(result.stdout, /Exit codes:/);
      if (args[0] === '--help') {
        for (const command of ['backup', 'restore'])
          assert.match(result.stdout, new RegExp(`^  ${command} `, 'm'));
      }
    }
  });

  it('exits 2 on an unknown option, an unknown command and a bad setting', () => {
    assert.equal(runCommand(['start', '--bogus']).code, 2);
    assert.equal(runCommand(['frobnicate']).code, 2);
    const bad = runCommand(['start'], {
      env: { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://u:hunter2@db' },
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /PORT: expected a port number/);
    assert.match(bad.stderr, /LOG_LEVEL/);
    assert.match(bad.stderr, /DATABASE_URL/);
    assert.doesNotMatch(bad.stderr, /hunter2/, 'the password in a URL is never echoed');
  });

  it('exits 3 with a plain message, not a stack trace, when PostgreSQL cannot be reached', () => {
    // port 1 on loopback: refused at once, and nothing leaves the machine
    const result = runCommand(['migrate', '--database-url', 'postgres://postgres@127.0.0.1:1/groundwork']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /Cannot reach PostgreSQL at DATABASE_URL \(ECONNREFUSED\)/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it('exits 2 naming the file and field at fault when the roadmap content is broken, before opening a database', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'groundwork-content-'));
    try {
      const contentDir = join(workDir, 'content');
      cpSync(join(import.meta.dirname, '..', '..', '..', 'content'), contentDir, { recursive: true });
      const topic = join(contentDir, 'topics', 'dns.md');
      writeFileSync(topic, readFileSync(topic, 'utf8').replace(/^hours: .*$/m, 'hours: lots'));
      const dataDir = join(workDir, 'data');
      const broken = runCommand(['start', '--port', '0', '--data-dir', dataDir], {
        env: { GROUNDWORK_CONTENT_DIR: contentDir },
      });
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /The roadmap content in .* has 1 problem:\n[\s\S]*Fix it and start again/);
      assert.match(broken.stderr, /- topics\/dns\.md: hours: /);
      assert.doesNotMatch(broken.stderr, STACK_FRAME);
      assert.equal(existsSync(dataDir), false, 'no database is created for a server that cannot start');

      const missing = runCommand(['start', '--port', '0', '--data-dir', dataDir], {
        env: { GROUNDWORK_CONTENT_DIR: workDir },
      });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /There is no roadmap content in .* \(no roadmap\.yaml\)/);
      assert.doesNotMatch(missing.stderr, STACK_FRAME);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});

describe('a running server, driven from the CLI', () => {
  let workDir: string;
  let server: ReturnType<typeof startServerProcess>;
  let url: string;
  let env: Record<string, string>;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'groundwork-cli-'));
    env = { GROUNDWORK_CONFIG_DIR: join(workDir, 'config') };
    server = startServerProcess(join(workDir, 'data'));
    url = await server.url;
    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' }),
    });
    assert.equal(signup.status, 201);
  });

  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(workDir, { recursive: true, force: true });
  });

  it('answers on the URL it logged', async () => {
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
  });

  it('refuses a second server on the same data folder, naming the process that holds it', () => {
    const second = runCommand(['start', '--port', '0', '--data-dir', join(workDir, 'data')]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`pid ${server.child.pid}`));
  });

  it('logs in with a password, keeps the token private (0600), and says who you are', () => {
    const login = runCommand(['login', '--url', url, '--email', 'ada@example.com', '--password-stdin'], {
      env,
      input: 'correct horse battery\n',
    });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Logged in to .* as ada@example.com \(admin\)/);
    assert.equal(statSync(join(workDir, 'config', 'credentials.json')).mode & 0o777, 0o600);
    const whoami = runCommand(['whoami'], { env });
    assert.equal(whoami.code, 0);
    assert.match(whoami.stdout, /Ada <ada@example.com>, admin/);
  });

  it('refuses a wrong password with exit 1 and the server’s reason', () => {
    const login = runCommand(['login', '--url', url, '--email', 'ada@example.com', '--password-stdin'], {
      env: { GROUNDWORK_CONFIG_DIR: join(workDir, 'other') },
      input: 'wrong\n',
    });
    assert.equal(login.code, 1);
    assert.match(login.stderr, /Log-in refused/);
  });

  it('logs out by revoking the token on the server: the old token is refused afterwards', async () => {
    const login = runCommand(['login', '--url', url, '--email', 'ada@example.com', '--password-stdin'], {
      env,
      input: 'correct horse battery\n',
    });
    assert.equal(login.code, 0);
    const saved = JSON.parse(readFileSync(join(workDir, 'config', 'credentials.json'), 'utf8'));
    const logout = runCommand(['logout'], { env });
    assert.equal(logout.code, 0);
    assert.match(logout.stdout, /the token is revoked/);
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${saved.token}` } });
    assert.equal(me.status, 401);
    const whoami = runCommand(['whoami'], { env });
    assert.equal(whoami.code, 1);
    assert.match(whoami.stderr, /not logged in/);
  });

  it('exits 3 when the server cannot be reached', () => {
    const result = runCommand(['login', '--url', 'http://127.0.0.1:9', '--token', 'gwp_x'], {
      env: { GROUNDWORK_CONFIG_DIR: join(workDir, 'unreachable') },
    });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /Cannot reach Groundwork at http:\/\/127.0.0.1:9/);
  });

  it('migrates a data folder from the command line', () => {
    const result = runCommand(['migrate', '--data-dir', join(workDir, 'other-data')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /up to date: \d+ migrations, \d+ applied now/);
  });
});

/** Sends a request whose body waits for `send()`; with Expect: 100-continue the server says once it has the request. */
function holdRequest(url: string, body: string) {
  const outgoing = request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      // Node answers 100 Continue as it hands the request to the app, so the reply cannot have gone yet
      expect: '100-continue',
    },
  });
  const reply = new Promise<{ status: number | undefined; text: string }>((resolve, reject) => {
    outgoing.once('error', reject);
    outgoing.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.once('error', reject);
      response.once('end', () => resolve({ status: response.statusCode, text }));
    });
  });
  return { accepted: once(outgoing, 'continue'), reply, send: () => outgoing.end(body) };
}

describe('graceful shutdown', () => {
  it('drains a request in flight on SIGTERM, then exits 0 and releases the data folder', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'groundwork-stop-'));
    try {
      const server = startServerProcess(join(workDir, 'data'));
      const url = await server.url;
      const signup = holdRequest(
        `${url}/api/auth/signup`,
        JSON.stringify({ email: 'late@example.com', password: 'correct horse battery', name: 'Late' }),
      );
      await signup.accepted;
      server.child.kill('SIGTERM');
      // the body goes only once the server is shutting down, so the request is still open throughout
      await server.waitFor(/shutting down: draining requests/);
      signup.send();
      const reply = await signup.reply;
      assert.equal(reply.status, 201, reply.text);
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /Groundwork stopped/);
      const again = startServerProcess(join(workDir, 'data'));
      await again.url;
      again.child.kill('SIGTERM');
      assert.equal(await again.exited, 0);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
