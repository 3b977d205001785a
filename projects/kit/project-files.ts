import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The path of a file in `projects/<slug>/`. It is found by walking up from this module rather than
 * relative to it, because the bundled CLI (apps/cli/dist, also in the container image) inlines this
 * code far from the files it reads.
 * @example readFileSync(projectFile('url-shortener', 'spec.md'), 'utf8')
 */
export function projectFile(slug: string, name: string): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, slug, name), join(dir, 'projects', slug, name)]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`projects/${slug}/${name} is not in any folder above ${start}`);
  }
}
