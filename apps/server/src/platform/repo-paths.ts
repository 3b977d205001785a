import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a path of the repository by walking up from this module, so it resolves the same from the
 * TypeScript source, from the bundled CLI in apps/cli/dist, and inside the container image.
 * @example findRepoPath('apps/server/drizzle', 'meta/_journal.json')
 */
export function findRepoPath(relativePath: string, marker = ''): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, relativePath);
    if (existsSync(join(candidate, marker))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
