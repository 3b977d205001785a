// Writes a new project's folder (a health stage, its fault, a reference solution, spec and contract)
// and registers it in projects/index.ts. The proof suite proves it like every other project.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { templates } from './templates.mjs';

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `task-manager` → `taskManager`, `Task manager`. */
export function namesOf(slug) {
  const words = slug.split('-');
  return {
    slug,
    identifier: words
      .map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1)))
      .join(''),
    title: `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}`.trim(),
  };
}

/**
 * Creates `projects/<slug>/` under `projectsDir` and adds it to the registry there.
 * Throws a message for the user when the slug is not kebab-case or the project exists.
 * @returns the files written, relative to `projectsDir`
 */
export function scaffoldProject({ slug, projectsDir }) {
  if (!SLUG.test(slug ?? '')) {
    throw new Error(
      `"${slug ?? ''}" is not a project slug: use lower-case words joined by hyphens, such as notes-api`,
    );
  }
  const folder = join(projectsDir, slug);
  if (existsSync(folder)) throw new Error(`projects/${slug} already exists`);
  const registryPath = join(projectsDir, 'index.ts');
  const registry = readFileSync(registryPath, 'utf8');
  const names = namesOf(slug);
  const written = [];
  for (const [path, render] of Object.entries(templates)) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, render(names));
    written.push(join(slug, path));
  }
  writeFileSync(registryPath, register(registry, names));
  written.push('index.ts');
  return written;
}

/** The registry with the project imported (among the project imports, in path order) and appended to `projects`. */
export function register(registry, { slug, identifier }) {
  const importLine = `import { ${identifier} } from './${slug}';\n`;
  const imports = [...registry.matchAll(/^import .*;\n/gm)];
  if (imports.length === 0) throw new Error('projects/index.ts has no imports to add the project after');
  const projectPath = (line) => /from '\.\/([^']+)';/.exec(line)?.[1];
  // before the first project import whose path sorts after this one, else after the last import
  const next = imports.find((match) => {
    const path = projectPath(match[0]);
    return path !== undefined && path > slug;
  });
  const last = imports.at(-1);
  const at = next ? next.index : last.index + last[0].length;
  const withImport = `${registry.slice(0, at)}${importLine}${registry.slice(at)}`;
  const list = /export const projects: readonly ProjectEntry\[\] = \[([^\]]*)\];/;
  if (!list.test(withImport))
    throw new Error('projects/index.ts has no `projects` list to add the project to');
  return withImport.replace(list, (_whole, entries) => {
    const names = entries
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return `export const projects: readonly ProjectEntry[] = [${[...names, identifier].join(', ')}];`;
  });
}
