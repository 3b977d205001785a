import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes beside `file`, then renames: a failed or interrupted write never leaves half a backup. */
export function writeFileAtomically(file: string, data: Buffer): void {
  const partial = partialPathOf(file);
  try {
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

export function partialPathOf(file: string): string {
  return `${file}.${process.pid}.partial`;
}
