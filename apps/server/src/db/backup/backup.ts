import { existsSync, statSync } from 'node:fs';
import { BackupError, type BackupKind, describeKind, detectBackupKind } from './backup-file';
import { backupPglite, restorePglite } from './pglite-backup';
import { backupPostgres, restorePostgres } from './postgres-backup';

/** Where the database is: PostgreSQL when `url` is set, otherwise the embedded one in `dataDir`. */
export type BackupTarget = { url: string | undefined; dataDir: string };

function kindOf(target: BackupTarget): BackupKind {
  return target.url ? 'postgres' : 'pglite';
}

/**
 * Writes a backup of the database to `file`: pg_dump's custom format on PostgreSQL, PGlite's data
 * folder archive (tar.gz) for the embedded database. An existing file is replaced only with `force`.
 * @example await backupDatabase({ url: undefined, dataDir: './data' }, 'groundwork.tar.gz', { force: false });
 */
export async function backupDatabase(
  target: BackupTarget,
  file: string,
  options: { force: boolean },
): Promise<{ kind: BackupKind; bytes: number }> {
  if (existsSync(file)) {
    if (!statSync(file).isFile()) throw new BackupError(`${file} is not a file.`, 'input');
    if (!options.force) {
      throw new BackupError(
        `${file} already exists. Pick another file name, or pass --force to replace it.`,
        'input',
      );
    }
  }
  const { bytes } = target.url
    ? await backupPostgres(target.url, file)
    : await backupPglite(target.dataDir, file);
  return { kind: kindOf(target), bytes };
}

function wrongKind(file: string, kind: BackupKind, target: BackupTarget): BackupError {
  const instead =
    kind === 'pglite'
      ? 'Unset DATABASE_URL (and pick the folder with --data-dir) to restore it as the embedded database.'
      : 'Set DATABASE_URL (or pass --database-url) to restore it into PostgreSQL.';
  const into = target.url ? 'PostgreSQL (DATABASE_URL is set)' : `the embedded database in ${target.dataDir}`;
  return new BackupError(
    `${file} is a backup of ${describeKind(kind)}, but restore would write to ${into}. ${instead} ` +
      'A backup cannot move data between the two kinds of database.',
    'input',
  );
}

/**
 * Replaces the database with the backup in `file`, all or nothing. Refuses while Groundwork processes
 * use the database, a backup of the other kind of database, and a target that already holds data
 * unless `force`.
 */
export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  options: { force: boolean },
): Promise<{ kind: BackupKind }> {
  const kind = detectBackupKind(file);
  if (kind !== kindOf(target)) throw wrongKind(file, kind, target);
  if (target.url) await restorePostgres(target.url, file, options.force);
  else await restorePglite(target.dataDir, file, options.force);
  return { kind };
}
