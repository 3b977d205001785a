import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GradingReport } from '@groundwork/contracts';
import { startTcpServer } from '@groundwork/grader/testing';
import { findProject, type RunningReference } from '@groundwork/projects';
import { runCommand, runCommandAsync, STACK_FRAME, spawnCommand } from '../testing/cli-process';
import { exitCodeFor, summaryLine } from './grading';

const project = findProject('url-shortener');
assert.ok(project);

describe('groundwork test', () => {
  let workDir: string;
  let reference: RunningReference;
  let broken: RunningReference;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'groundwork-test-'));
    reference = await project.startReference({ port: 0 });
    broken = await project.startReference({ port: 0, fault: 'create-returns-200' });
  });

  after(async () => {
    await reference.close();
    await broken.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('exits 0 with a pass summary when every selected stage passes', async () => {
    const result = await runCommandAsync([
      'test',
      'url-shortener',
      '--url',
      reference.url,
      '--stage',
      'health',
      '--stage',
      'create-link',
      '--seed',
      '42',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Grading URL shortener at http:\/\/127\.0\.0\.1:\d+ \(seed 42\)/);
    assert.match(result.stdout, /✓ Health check passed/);
    assert.match(result.stdout, /✓ Create a short link passed/);
    assert.match(result.stdout, /All 2 stages passed · 3 checks passed .* seed 42/);
    assert.doesNotMatch(result.stdout, /Redirect/, 'only the selected stages run');
    assert.equal(result.stderr, '');
  });

  it('exits 1 on a broken server with expected, actual, a curl command and the topic to learn', async () => {
    const json = join(workDir, 'report.json');
    const junit = join(workDir, 'report.xml');
    const result = await runCommandAsync([
      'test',
      'url-shortener',
      '--url',
      broken.url,
      '--stage',
      'health',
      '--stage',
      'create-link',
      '--json',
      json,
      '--junit',
      junit,
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /✗ POST \/links answers 201 Created/);
    assert.match(result.stdout, /expected\s+status 201 Created/);
    assert.match(result.stdout, /actual\s+status 200 OK/);
    assert.match(result.stdout, new RegExp(`try it\\s+curl -i -X POST '${broken.url}/links'`));
    assert.match(result.stdout, /learn it\s+HTTP status codes \(http-status-codes\)/);
    assert.match(result.stderr, /1 stage failed: create-link/);
    assert.doesNotMatch(result.stderr, STACK_FRAME);

    const report = GradingReport.parse(JSON.parse(readFileSync(json, 'utf8')));
    assert.equal(report.status, 'failed');
    assert.equal(report.target.url, broken.url);
    assert.deepEqual(
      report.stages.map((stage) => [stage.id, stage.status]),
      [
        ['health', 'passed'],
        ['create-link', 'failed'],
      ],
    );
    const outcomes = report.stages[1]?.checks.map((check) => check.outcome) ?? [];
    const failed = outcomes.find((outcome) => outcome.status === 'fail');
    assert.equal(failed?.status, 'fail');
    assert.deepEqual(
      { expected: failed.expected, actual: failed.actual, topic: failed.topic },
      { expected: 'status 201 Created', actual: 'status 200 OK', topic: 'http-status-codes' },
    );

    const xml = readFileSync(junit, 'utf8');
    assert.match(xml, /^<\?xml /);
    assert.match(xml, /<testsuite name="Create a short link" id="create-link" tests="2" failures="1"/);
    assert.match(
      xml,
      /<testcase classname="url-shortener\.create-link" name="POST \/links answers 201 Created[^"]*"[^>]*>\s*<failure /,
    );
    assert.match(xml, /expected: status 201 Created/);
  });

  it('exits 3 within 30 s when the server answers once and then never again, with the rest not run', async () => {
    // answers the readiness probe, then accepts connections and reads requests without ever answering
    let hasAnswered = false;
    const silent = await startTcpServer((socket) => {
      socket.once('data', () => {
        socket.resume();
        if (hasAnswered) return;
        hasAnswered = true;
        socket.end(
          'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\nconnection: close\r\n\r\n{"status":"ok"}',
        );
      });
    });
    try {
      const started = performance.now();
      const result = await runCommandAsync(['test', 'url-shortener', '--url', silent.url, '--all']);
      const elapsedMs = performance.now() - started;
      assert.equal(result.code, 3, result.stderr);
      assert.ok(elapsedMs < 30_000, `it took ${Math.round(elapsedMs)} ms`);
      assert.match(result.stderr, /your server stopped answering during stage 1 \(health\)/);
      assert.match(result.stdout, /· Health check not run: the server stopped answering/);
      assert.match(result.stdout, /0 of 11 stages passed .* 11 stages not run/);
      assert.doesNotMatch(result.stdout, /failed \(/, 'no stage is failed for the silence');
    } finally {
      await silent.close();
    }
  });

  it('exits 3 and asks whether the server is running when nothing listens at the URL', async () => {
    // the discard port: nothing listens on it here
    const url = 'http://127.0.0.1:9';
    const result = await runCommandAsync(['test', 'url-shortener', '--url', url, '--stage', 'health']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, new RegExp(`is your server running at ${url}\\?`));
    assert.doesNotMatch(result.stderr, STACK_FRAME);
  });

  it('exits 2 with the reason on a usage error, before contacting anything', () => {
    const cases: [string[], RegExp][] = [
      [['test', 'nope', '--url', reference.url], /There is no project "nope"\. Projects: url-shortener/],
      [['test', 'url-shortener'], /required option '--url <base>' not specified/],
      [
        ['test', 'url-shortener', '--url', reference.url, '--seed', 'abc'],
        /--seed: expected a whole number from 0 to 2147483647, got "abc"/,
      ],
      [
        ['test', 'url-shortener', '--url', reference.url, '--stage', 'nope'],
        /--stage: unknown stage nope; stages of url-shortener: health, create-link/,
      ],
      // alternatives: a hand-picked selection, or every stage even after a failure
      [
        ['test', 'url-shortener', '--url', reference.url, '--stage', 'health', '--all'],
        /option '--all' cannot be used with option '--stage <id>'/,
      ],
      [
        ['submit', 'url-shortener', '--url', reference.url, '--all', '--stage', 'health'],
        /option '--all' cannot be used with option '--stage <id>'/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = runCommand(args, { env: { GROUNDWORK_CONFIG_DIR: join(workDir, 'nobody') } });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stdout, /Grading/, `${args.join(' ')} started grading`);
    }
  });
});

describe('groundwork projects', () => {
  it('lists each project with its title, stage count and summary', () => {
    const result = runCommand(['projects']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^url-shortener +${project.title} \\(${project.suite.stages.length} stages\\)$`, 'm'),
    );
    assert.ok(result.stdout.includes(project.summary), result.stdout);
    assert.match(result.stdout, /Grade one with: groundwork test <project> --url/);
  });

  it('prints the same list as JSON with --json', () => {
    const result = runCommand(['projects', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { slug: string; title: string; stages: string[] }[];
    const entry = listed.find((row) => row.slug === 'url-shortener');
    assert.equal(entry?.title, project.title);
    assert.deepEqual(
      entry?.stages,
      project.suite.stages.map((stage) => stage.id),
    );
  });
});

describe('groundwork reference', () => {
  it('serves the reference solution on a free port until SIGTERM, then exits 0', async () => {
    const reference = spawnCommand(['reference', 'url-shortener', '--port', '0']);
    try {
      // both lines, which may reach us in separate chunks: the address, then how to grade it
      const [, url, gradeUrl] = await reference.waitFor(
        /reference solution at (http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*Grade it: groundwork test url-shortener --url (\S+)\s/,
      );
      assert.ok(url);
      assert.equal(gradeUrl, url);
      const health = await fetch(`${url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      reference.child.kill('SIGTERM');
      assert.equal(await reference.exited, 0);
      await assert.rejects(fetch(`${url}/health`), 'nothing answers once it has stopped');
    } finally {
      reference.child.kill('SIGKILL');
    }
  });

  it('lists every fault with its stage', () => {
    const result = runCommand(['reference', 'url-shortener', '--list-faults']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, project.faults.length);
    assert.match(result.stdout, /^create-returns-200 +\[create-link\] \S/m);
    for (const fault of project.faults) assert.ok(result.stdout.includes(fault.id), fault.id);
  });

  it('refuses an unknown fault with exit 2, pointing at --list-faults, and serves nothing', () => {
    const result = runCommand(['reference', 'url-shortener', '--fault', 'no-such-fault']);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /--fault: "no-such-fault" is not a fault of url-shortener; see --list-faults/,
    );
    assert.doesNotMatch(result.stdout, /reference solution/);
  });
});

describe('exit codes', () => {
  it('an inconclusive run exits 4 and says to run it again; it is never a pass', () => {
    const report = {
      status: 'inconclusive',
      stages: [
        { id: 'health', status: 'passed' },
        { id: 'performance', status: 'inconclusive' },
      ],
    } as unknown as GradingReport;
    assert.equal(exitCodeFor(report), 4);
    assert.match(
      summaryLine(report),
      /^inconclusive: performance could not be measured on this run .* run it again$/,
    );
  });
});
