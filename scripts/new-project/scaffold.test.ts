import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { namesOf, register, scaffoldProject } from './scaffold.mjs';

const REGISTRY = fileURLToPath(new URL('../../projects/index.ts', import.meta.url));

describe('npm run new-project', () => {
  let projectsDir: string;
  beforeEach(() => {
    projectsDir = mkdtempSync(join(tmpdir(), 'gw-new-project-'));
    cpSync(REGISTRY, join(projectsDir, 'index.ts'));
  });
  afterEach(() => rmSync(projectsDir, { recursive: true, force: true }));

  test('writes a project with a health stage, its fault, a reference, a spec, a contract and its proof, and registers it', () => {
    const written: string[] = scaffoldProject({ slug: 'notes-api', projectsDir });
    for (const file of [
      'notes-api/index.ts',
      'notes-api/proof.test.ts',
      'notes-api/stages/index.ts',
      'notes-api/faults.ts',
      'notes-api/reference/server.ts',
      'notes-api/spec.md',
      'notes-api/openapi.yaml',
      'index.ts',
    ]) {
      assert.ok(written.includes(file), `${file} is reported`);
      assert.ok(existsSync(join(projectsDir, file)), `${file} exists`);
    }
    const registry = readFileSync(join(projectsDir, 'index.ts'), 'utf8');
    assert.match(
      registry,
      /^import \{ notesApi \} from '\.\/notes-api';\nimport \{ taskManager \} from '\.\/task-manager';$/m,
    );
    assert.match(
      registry,
      // the new project goes last, after whichever projects are registered today
      /export const projects: readonly ProjectEntry\[\] = \[urlShortener, [\w, ]+, notesApi\];/,
    );
    assert.match(
      readFileSync(join(projectsDir, 'notes-api/proof.test.ts'), 'utf8'),
      /proveProject\('notes-api'\)/,
    );
    assert.match(
      readFileSync(join(projectsDir, 'notes-api/spec.md'), 'utf8'),
      /^## Stage 1: Health check \(`health`\)$/m,
    );
  });

  test('refuses a slug that is not kebab-case, and a project that exists', () => {
    for (const slug of ['Notes', 'notes_api', '-notes', '', 'notes--api']) {
      assert.throws(() => scaffoldProject({ slug, projectsDir }), /is not a project slug/);
    }
    scaffoldProject({ slug: 'quiz', projectsDir });
    assert.throws(() => scaffoldProject({ slug: 'quiz', projectsDir }), /projects\/quiz already exists/);
  });

  test('names: an identifier and a title from the slug', () => {
    assert.deepEqual(namesOf('expense-tracker'), {
      slug: 'expense-tracker',
      identifier: 'expenseTracker',
      title: 'Expense tracker',
    });
    assert.throws(() => register('const x = 1;\n', namesOf('quiz')), /no imports/);
  });
});
