import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** Which database a backup file holds: a PGlite data folder (tar.gz) or a pg_dump archive. */
export type BackupKind = 'pglite' | 'postgres';

/**
 * A backup or restore that cannot go ahead, with a message for the operator. `input` means the
 * command line is wrong (a missing file, not a backup, the wrong kind of database); `failed` means
 * it cannot go ahead as things are (a server holds the folder, the target is not empty, pg_dump is
 * missing or failed).
 */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly reason: 'input' | 'failed',
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
// pg_dump's custom format (-Fc) starts with these five bytes
const PG_DUMP_MAGIC = Buffer.from('PGDMP');

/** Reads the first bytes of `file` to tell which kind of backup it is; a BackupError when it is none. */
export function detectBackupKind(file: string): BackupKind {
  if (!existsSync(file)) throw new BackupError(`There is no file at ${file}.`, 'input');
  if (!statSync(file).isFile()) throw new BackupError(`${file} is not a file.`, 'input');
  const head = Buffer.alloc(PG_DUMP_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) return 'postgres';
  if (head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return 'pglite';
  throw new BackupError(
    `${file} is not a Groundwork backup: \`groundwork backup\` writes a PostgreSQL custom-format dump or an embedded database archive (.tar.gz).`,
    'input',
  );
}

export function describeKind(kind: BackupKind): string {
  return kind === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL (pg_dump)';
}
