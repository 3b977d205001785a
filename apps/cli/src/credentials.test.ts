import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCommand, STACK_FRAME } from './testing/cli-process';

describe('a damaged credentials file', () => {
  let workDir: string;
  let configDir: string;
  let file: string;
  let env: Record<string, string>;

  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'groundwork-credentials-'));
    configDir = join(workDir, 'config');
    file = join(configDir, 'credentials.json');
    // port 9 on loopback: refused at once, and nothing leaves the machine
    env = { GROUNDWORK_CONFIG_DIR: configDir, GROUNDWORK_URL: 'http://127.0.0.1:9' };
  });

  beforeEach(() => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(file, '{"url": "http://127.0.0.1:3000", "tok', { mode: 0o600 });
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  it('makes a command that needs the login exit 2 with one sentence, not a stack trace', () => {
    const result = runCommand(['whoami'], { env });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `groundwork: Your saved credentials at ${file} are unreadable; run \`groundwork login\` again.\n`,
    );
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it('says the same of valid JSON that is not a login', () => {
    writeFileSync(file, '{"hello": "world"}');
    const result = runCommand(['submit', 'url-shortener', '--url', 'http://127.0.0.1:9'], { env });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Your saved credentials at .* are unreadable/);
  });

  it('does not stop `login` from replacing it', () => {
    const result = runCommand(['login', '--token', 'gwp_x'], { env });
    // the damaged file is passed over, so login goes on to the server (which is not there)
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /Cannot reach Groundwork at http:\/\/127\.0\.0\.1:9/);
  });

  it('is removed by `logout`, which says the token could not be revoked', () => {
    const result = runCommand(['logout'], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Removed your unreadable saved credentials at .*revoke it in the web app/);
    assert.equal(existsSync(file), false);
  });
});
