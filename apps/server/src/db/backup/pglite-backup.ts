// The embedded database is backed up as PGlite's own archive of its data folder (dumpDataDir, a
// tar.gz), not as a SQL dump: the installed PGlite (0.5) offers no pg_dump of its own, and the
// archive is exactly what PGlite.create({ loadDataDir }) restores, every schema included (ours,
// drizzle's migration journal, pg-boss's queue). It is consistent because it is taken only while this
// process alone holds the data folder (the same lock the server takes), after a CHECKPOINT.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { acquireDataDirLock, DataDirInUseError } from '../data-dir-lock';
import { type Database, openDatabase, PGLITE_DIR_NAME } from '../database';
import { BackupError } from './backup-file';
import { writeFileAtomically } from './write-atomically';

// inside the data folder, so renaming them into place never crosses a file system
const STAGING_DIR_NAME = '.restoring';
const REPLACED_DIR_NAME = '.replaced';

function inUse(error: DataDirInUseError, action: 'backup' | 'restore'): BackupError {
  const why =
    action === 'backup'
      ? 'a consistent backup cannot be read while a server writes to it'
      : 'it cannot be replaced under a running server';
  return new BackupError(
    `A Groundwork process (pid ${error.pid}) is using the embedded database in ${error.dataDir}. ` +
      `It allows one process at a time, so ${why}. Stop that process (Ctrl-C in its terminal, or ` +
      `\`kill ${error.pid}\`), run \`groundwork ${action}\` again, then start Groundwork again.`,
    'failed',
  );
}

function pgliteOf(database: Database) {
  if (!database.pglite) throw new Error('an embedded database without its PGlite client');
  return database.pglite;
}

/** Writes a gzipped archive of the embedded database in `dataDir` to `file`; refuses while a server holds it. */
export async function backupPglite(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(join(dataDir, PGLITE_DIR_NAME, 'PG_VERSION'))) {
    throw new BackupError(
      `There is no embedded database in ${dataDir} to back up. Check --data-dir (GROUNDWORK_DATA_DIR); ` +
        'with DATABASE_URL set, backup uses pg_dump instead.',
      'input',
    );
  }
  let database: Database;
  try {
    database = await openDatabase({ dataDir });
  } catch (error) {
    throw error instanceof DataDirInUseError ? inUse(error, 'backup') : error;
  }
  try {
    const client = pgliteOf(database);
    // written pages go to the data files, so the archive needs no crash recovery when it is restored
    await client.exec('CHECKPOINT');
    const archive = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    writeFileAtomically(file, archive);
    return { bytes: archive.length };
  } finally {
    await database.close();
  }
}

/** The names in a tar archive (ustar headers: name at 0, size in octal at 124, prefix at 345). */
function* tarEntryNames(tar: Buffer): Generator<string> {
  const field = (start: number, length: number) =>
    tar.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = field(offset, 100);
    if (name === '') return;
    const size = Number.parseInt(field(offset + 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) return;
    const prefix = field(offset + 345, 155);
    yield prefix ? `${prefix}/${name}` : name;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

/** A tar.gz is an embedded database's archive when PG_VERSION sits at its top. */
function assertPgliteArchive(file: string, archive: Buffer): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch {
    throw new BackupError(
      `${file} is not a Groundwork backup: it is not a readable .tar.gz archive.`,
      'input',
    );
  }
  for (const name of tarEntryNames(tar)) {
    if (name.replace(/^\.?\/+/, '') === 'PG_VERSION') return;
  }
  throw new BackupError(
    `${file} is not a Groundwork backup: the archive holds no embedded database (no PG_VERSION).`,
    'input',
  );
}

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Opens the archive in `stagingDir` and checks that it is Groundwork's database; closes it again. */
async function loadArchive(stagingDir: string, archive: Buffer, file: string): Promise<void> {
  let database: Database;
  try {
    database = await openDatabase({ dataDir: stagingDir, snapshot: new Blob([archive]) });
  } catch (error) {
    throw new BackupError(
      `${file} could not be opened as an embedded database (${(error as Error).message}). Was it made by another version of Groundwork?`,
      'input',
    );
  }
  try {
    await database.executeSql('select count(*) from drizzle.__drizzle_migrations');
  } catch {
    throw new BackupError(`${file} holds a database, but not Groundwork's (it has no migrations).`, 'input');
  } finally {
    await database.close();
  }
}

/**
 * Replaces the embedded database in `dataDir` with the archive in `file`. The archive is opened and
 * checked in a staging folder first and renamed into place only then, so a bad or interrupted restore
 * leaves the current database as it was. Refuses while a server holds the folder, and refuses to
 * replace a database that is there unless `force`.
 */
export async function restorePglite(dataDir: string, file: string, force: boolean): Promise<void> {
  const archive = readFileSync(file);
  assertPgliteArchive(file, archive);
  mkdirSync(dataDir, { recursive: true });
  let release: () => void;
  try {
    release = acquireDataDirLock(dataDir);
  } catch (error) {
    throw error instanceof DataDirInUseError ? inUse(error, 'restore') : error;
  }
  const target = join(dataDir, PGLITE_DIR_NAME);
  const staging = join(dataDir, STAGING_DIR_NAME);
  const replaced = join(dataDir, REPLACED_DIR_NAME);
  try {
    if (!force && !isEmptyOrMissing(target)) {
      throw new BackupError(
        `${dataDir} already holds an embedded database. Restoring replaces it entirely: back it up first ` +
          'if you may need it (`groundwork backup <file>`), then restore again with --force.',
        'failed',
      );
    }
    // left over from an interrupted restore; we hold the lock, so no other restore is using them
    rmSync(staging, { recursive: true, force: true });
    rmSync(replaced, { recursive: true, force: true });
    await loadArchive(staging, archive, file);
    const hadDatabase = existsSync(target);
    if (hadDatabase) renameSync(target, replaced);
    try {
      renameSync(join(staging, PGLITE_DIR_NAME), target);
    } catch (error) {
      if (hadDatabase) renameSync(replaced, target);
      throw error;
    }
    rmSync(replaced, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}
