import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { populate, readBack, type Snapshot } from '../testing/backup-fixture';
import { runCommand, STACK_FRAME, startServerProcess } from '../testing/cli-process';

let workDir: string;
let dataDir: string;
let backup: string;
let before_: Snapshot;

/** Runs `groundwork start` on the data folder until `use` is done. */
async function withServer<T>(use: (url: string, pid: number | undefined) => Promise<T>): Promise<T> {
  const server = startServerProcess(dataDir);
  try {
    return await use(await server.url, server.child.pid);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, 'the server stops cleanly');
  }
}

/** A .tar.gz that looks like an embedded database's archive (PG_VERSION at its top), and is nothing more. */
function lookalikeArchive(file: string) {
  const header = Buffer.alloc(512);
  header.write('PG_VERSION', 0);
  header.write('00000000003\0', 124);
  const body = Buffer.alloc(512);
  body.write('17\n');
  writeFileSync(file, gzipSync(Buffer.concat([header, body, Buffer.alloc(1024)])));
}

function expectRefusal(args: string[], code: number, message: RegExp) {
  const result = runCommand(args);
  assert.equal(result.code, code, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, STACK_FRAME);
}

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'groundwork-backup-'));
  dataDir = join(workDir, 'data');
  backup = join(workDir, 'groundwork.tar.gz');
});

after(() => rmSync(workDir, { recursive: true, force: true }));

describe('groundwork backup and restore, embedded database', () => {
  it('refuses both while a server holds the data folder, naming its process', async () => {
    before_ = await withServer(async (url, pid) => {
      const snapshot = await populate(url, 'pglite');
      expectRefusal(
        ['backup', backup, '--data-dir', dataDir],
        1,
        new RegExp(`pid ${pid}.*Stop that process`, 's'),
      );
      assert.equal(existsSync(backup), false, 'no backup file is left behind');
      const archive = join(workDir, 'lookalike.tar.gz');
      lookalikeArchive(archive);
      expectRefusal(['restore', archive, '--data-dir', dataDir, '--force'], 1, new RegExp(`pid ${pid}`));
      return snapshot;
    });
    assert.equal(Object.keys(before_).length, 2);
  });

  it('backs up, and after the data folder is destroyed, restores every user, progress entry and submission (over a database only with --force)', async () => {
    const made = runCommand(['backup', backup, '--data-dir', dataDir]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Backed up the embedded database in .* to .*groundwork\.tar\.gz \(\d/);

    rmSync(dataDir, { recursive: true, force: true });
    const restored = runCommand(['restore', backup, '--data-dir', dataDir]);
    assert.equal(restored.code, 0, restored.stderr);

    // over a database: refused without --force; a bad archive changes nothing; --force replaces it
    expectRefusal(
      ['restore', backup, '--data-dir', dataDir],
      1,
      /already holds an embedded database.*--force/s,
    );
    const notADatabase = join(workDir, 'other.tar.gz');
    writeFileSync(notADatabase, gzipSync(Buffer.alloc(1024)));
    expectRefusal(
      ['restore', notADatabase, '--data-dir', dataDir, '--force'],
      2,
      /is not a Groundwork backup/,
    );
    const lookalike = join(workDir, 'lookalike.tar.gz');
    expectRefusal(['restore', lookalike, '--data-dir', dataDir, '--force'], 2, /could not be opened/);
    const forced = runCommand(['restore', backup, '--data-dir', dataDir, '--force']);
    assert.equal(forced.code, 0, forced.stderr);

    await withServer(async (url) => {
      assert.deepEqual(await readBack(url, 'pglite'), before_);
    });
  });

  it('refuses a missing file, a file that is no backup, and a backup of the other kind of database', () => {
    expectRefusal(
      ['restore', join(workDir, 'missing.tar.gz'), '--data-dir', dataDir],
      2,
      /There is no file at/,
    );
    const text = join(workDir, 'notes.txt');
    writeFileSync(text, 'not a backup');
    expectRefusal(['restore', text, '--data-dir', dataDir], 2, /is not a Groundwork backup/);
    const pgDump = join(workDir, 'postgres.dump');
    writeFileSync(pgDump, 'PGDMP\u0001\u000e\u0000');
    expectRefusal(
      ['restore', pgDump, '--data-dir', dataDir],
      2,
      /is a backup of PostgreSQL \(pg_dump\), but restore would write to the embedded database.*DATABASE_URL/s,
    );
    // the kind is read from the file, before PostgreSQL is contacted (port 1: nothing listens)
    expectRefusal(
      ['restore', backup, '--database-url', 'postgres://postgres@127.0.0.1:1/groundwork'],
      2,
      /is a backup of the embedded database \(PGlite\), but restore would write to PostgreSQL/,
    );
  });

  it('refuses to overwrite a backup unless --force, and to back up a folder with no database', () => {
    expectRefusal(['backup', backup, '--data-dir', dataDir], 2, /already exists.*--force/);
    const empty = join(workDir, 'empty');
    expectRefusal(
      ['backup', join(workDir, 'none.tar.gz'), '--data-dir', empty],
      2,
      /no embedded database in/,
    );
    assert.equal(existsSync(empty), false, 'backup creates no data folder');
  });
});
