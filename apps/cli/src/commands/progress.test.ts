import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { MyProgress } from '@groundwork/contracts';
import { loadConfig, type RunningServer, startServer } from '@groundwork/server';
import { Command } from 'commander';
import { saveCredentials } from '../credentials';
import { CliError, EXIT } from '../exit-codes';
import { registerProgressCommands } from './progress';

const ANSI_ESCAPE = '\u001b[';

let workDir: string;
let server: RunningServer;
let token: string;

async function call(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  return response;
}

/** Runs `groundwork progress` in-process, as the user whose login is saved in `configDir`. */
async function runProgress(configDir: string, options: { color?: boolean; args?: string[] } = {}) {
  const program = new Command().exitOverride();
  registerProgressCommands(program, { configDir, defaultUrl: undefined, color: options.color ?? false });
  const printed: string[] = [];
  const log = mock.method(console, 'log', (...parts: unknown[]) => {
    printed.push(parts.join(' '));
  });
  try {
    await program.parseAsync(['progress', ...(options.args ?? [])], { from: 'user' });
  } finally {
    log.mock.restore();
  }
  return printed.join('\n');
}

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'groundwork-cli-progress-'));
  server = await startServer(
    loadConfig({ PORT: '0', GROUNDWORK_DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'silent' }),
  );
  const signup = await call('/api/auth/signup', {
    method: 'POST',
    body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' },
  });
  const { csrfToken } = (await signup.json()) as { csrfToken: string };
  const cookie = signup.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const created = await call('/api/tokens', {
    method: 'POST',
    body: { name: 'cli test' },
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  token = ((await created.json()) as { secret: string }).secret;
  saveCredentials(join(workDir, 'config'), { url: server.url, token, email: 'ada@example.com' });
});

after(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function myProgress(): Promise<MyProgress> {
  const response = await call('/api/progress', { headers: { authorization: `Bearer ${token}` } });
  return MyProgress.parse(await response.json());
}

describe('groundwork progress', () => {
  it('prints a bar per stage and overall, hours left, and the first topics to learn', async () => {
    const first = (await myProgress()).next[0];
    assert.ok(first, 'a fresh learner has something to start with');
    await call(`/api/progress/topics/${first.id}`, {
      method: 'PUT',
      body: { status: 'done' },
      headers: { authorization: `Bearer ${token}` },
    });
    const progress = await myProgress();
    const output = await runProgress(join(workDir, 'config'));

    for (const stage of progress.summary.stages) {
      assert.match(output, new RegExp(`^${stage.title}\\s+[█░]{20}\\s+${stage.percent}%`, 'm'));
    }
    const { overall } = progress.summary;
    assert.match(
      output,
      new RegExp(`^Overall\\s+[█░]{20}\\s+${overall.percent}%\\s+1 of ${overall.requiredTopics} done`, 'm'),
    );
    assert.match(output, new RegExp(`${overall.hours.remaining} h left`));
    assert.match(output, /Verified by the grader: 0 topics/);
    const next = output.slice(output.indexOf('Next:'));
    assert.ok(progress.next[0] && next.includes(progress.next[0].title), output);
    assert.ok(!next.includes(first.title), 'a done topic is no longer suggested');
    assert.ok(!output.includes(ANSI_ESCAPE), 'no colour unless the terminal wants it');
  });

  it('colours the bars only when colour is on', async () => {
    assert.ok((await runProgress(join(workDir, 'config'), { color: true })).includes(ANSI_ESCAPE));
  });

  it('prints the progress document with --json', async () => {
    const output = await runProgress(join(workDir, 'config'), { args: ['--json'] });
    assert.deepEqual(MyProgress.parse(JSON.parse(output)), await myProgress());
  });

  it('exits 1 asking to log in when no login is saved, and 3 when the server is unreachable', async () => {
    await assert.rejects(runProgress(join(workDir, 'nobody')), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.equal(error.exitCode, EXIT.failed);
      assert.match(error.message, /not logged in/);
      return true;
    });
    saveCredentials(join(workDir, 'gone'), { url: 'http://127.0.0.1:9', token, email: 'ada@example.com' });
    await assert.rejects(runProgress(join(workDir, 'gone')), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.equal(error.exitCode, EXIT.unreachable);
      return true;
    });
  });
});
