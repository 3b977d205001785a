import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { populate, readBack, type Snapshot } from '../testing/backup-fixture';
import { runCommand, runCommandAsync, STACK_FRAME, startServerProcess } from '../testing/cli-process';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `groundwork_backup_${randomBytes(6).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

let workDir: string;
let backup: string;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withServer<T>(use: (url: string) => Promise<T>): Promise<T> {
  const server = startServerProcess(join(workDir, 'unused-data'), { DATABASE_URL: databaseUrl });
  try {
    return await use(await server.url);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, 'the server stops cleanly');
  }
}

function expectRefusal(args: string[], code: number, message: RegExp, env: Record<string, string> = {}) {
  const result = runCommand(args, { env });
  assert.equal(result.code, code, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, STACK_FRAME);
}

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'groundwork-pg-backup-'));
  backup = join(workDir, 'groundwork.dump');
  await admin(`create database "${name}"`);
});

after(async () => {
  await admin(`drop database if exists "${name}" with (force)`);
  rmSync(workDir, { recursive: true, force: true });
});

describe('groundwork backup and restore on PostgreSQL', () => {
  let saved: Snapshot;

  it('backs up with pg_dump while the server runs, and refuses to restore under it', async () => {
    saved = await withServer(async (url) => {
      const snapshot = await populate(url, 'postgres');
      // async: the server in this process's care must keep answering while the command runs
      const made = await runCommandAsync(['backup', backup, '--database-url', databaseUrl]);
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, /Backed up the PostgreSQL database to .*groundwork\.dump/);
      const refused = await runCommandAsync(['restore', backup, '--database-url', databaseUrl, '--force']);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        /Groundwork connections? (is|are) open to this database.*stop every Groundwork/s,
      );
      return snapshot;
    });
    assert.equal(Object.keys(saved).length, 2);
  });

  it('restores every user, progress entry and submission into a destroyed database', async () => {
    await admin(`drop database "${name}" with (force)`);
    await admin(`create database "${name}"`);
    const restored = runCommand(['restore', backup, '--database-url', databaseUrl]);
    assert.equal(restored.code, 0, restored.stderr);

    expectRefusal(
      ['restore', backup, '--database-url', databaseUrl],
      1,
      /is not empty \(\d+ tables\).*--force/s,
    );
    const forced = runCommand(['restore', backup, '--database-url', databaseUrl, '--force']);
    assert.equal(forced.code, 0, forced.stderr);

    await withServer(async (url) => {
      assert.deepEqual(await readBack(url, 'postgres'), saved);
    });
  });

  it('says what to install when the PostgreSQL client tools are missing', () => {
    expectRefusal(
      ['backup', join(workDir, 'other.dump'), '--database-url', databaseUrl],
      1,
      /pg_dump was not found on PATH\. Install the PostgreSQL client tools.*apt-get install -y postgresql-client/s,
      { PATH: join(workDir, 'no-tools') },
    );
  });

  it('refuses a PostgreSQL backup for the embedded database', () => {
    expectRefusal(
      ['restore', backup, '--data-dir', join(workDir, 'data')],
      2,
      /is a backup of PostgreSQL \(pg_dump\), but restore would write to the embedded database/,
    );
  });
});
