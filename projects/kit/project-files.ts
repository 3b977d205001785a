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
  const found = findProjectFile(slug, name);
  if (found === undefined) {
    throw new Error(`projects/${slug}/${name} is not in any folder above ${moduleFolder()}`);
  }
  return found;
}

/**
 * The path of a file a project may or may not have, or undefined.
 * @example const asyncapi = findProjectFile('chat', 'asyncapi.yaml');
 */
export function findProjectFile(slug: string, name: string): string | undefined {
  for (let dir = moduleFolder(); ; dir = dirname(dir)) {
    for (const candidate of [join(dir, slug, name), join(dir, 'projects', slug, name)]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function moduleFolder(): string {
  return dirname(fileURLToPath(import.meta.url));
}
