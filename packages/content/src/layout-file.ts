import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ContentIssue, RoadmapLayout } from '@groundwork/contracts';
import { checkContent } from './check';
import type { Content } from './content.types';
import { indexContent } from './content-index';
import { makeIssue } from './issues';
import { layoutRoadmap } from './layout';
import { planLayout } from './layout-plan';
import { loadContent } from './load';

/** Where the generated layout lives, relative to the content folder. Committed; CI checks it is current. */
export const LAYOUT_FILE = 'build/layout.json';
export const STALE_LAYOUT_MESSAGE = 'content/build/layout.json is out of date — run npm run build';

/** The exact bytes written to layout.json: two-space JSON and a final newline. */
export function serializeLayout(layout: RoadmapLayout): string {
  return `${JSON.stringify(layout, null, 2)}\n`;
}

export interface BuildResult {
  /** Content issues; when there are any, nothing was written. */
  issues: ContentIssue[];
  layout: RoadmapLayout | null;
  /** True when layout.json changed on disk. */
  isWritten: boolean;
}

/**
 * Loads and checks the content under `dir`, lays the roadmap out and writes `build/layout.json` when it
 * changed. Writes nothing when the content has issues.
 * @example const { issues, isWritten } = await buildContent('content');
 */
export async function buildContent(dir: string): Promise<BuildResult> {
  const loaded = await loadContent(dir);
  const issues = [...loaded.issues, ...checkContent(loaded.content)];
  if (issues.length > 0) return { issues, layout: null, isWritten: false };
  const layout = layoutRoadmap(loaded.content);
  const text = serializeLayout(layout);
  const path = join(dir, LAYOUT_FILE);
  if ((await readOptional(path)) === text) return { issues, layout, isWritten: false };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return { issues, layout, isWritten: true };
}

/**
 * Whether the committed layout.json is exactly what a build would write now.
 * @example if (!(await isLayoutCurrent('content'))) console.error(STALE_LAYOUT_MESSAGE);
 */
export async function isLayoutCurrent(dir: string, content?: Content): Promise<boolean> {
  const current = content ?? (await loadContent(dir)).content;
  const committed = await readOptional(join(dir, LAYOUT_FILE));
  return committed !== null && committed === serializeLayout(layoutRoadmap(current));
}

/**
 * Reads layout.json for serving: it must parse, match the schema and have been built from this content
 * (compared by input hash, so no layout engine runs at start).
 */
export async function readLayout(
  dir: string,
  content: Content,
): Promise<{ layout: RoadmapLayout; issues: [] } | { layout: null; issues: ContentIssue[] }> {
  const text = await readOptional(join(dir, LAYOUT_FILE));
  if (text === null)
    return {
      layout: null,
      issues: [makeIssue(LAYOUT_FILE, undefined, `${LAYOUT_FILE} is missing — run npm run build`)],
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      layout: null,
      issues: [makeIssue(LAYOUT_FILE, undefined, `${LAYOUT_FILE} is not valid JSON — run npm run build`)],
    };
  }
  const parsed = RoadmapLayout.safeParse(data);
  if (!parsed.success || parsed.data.inputHash !== planLayout(indexContent(content)).inputHash) {
    return { layout: null, issues: [makeIssue(LAYOUT_FILE, undefined, STALE_LAYOUT_MESSAGE)] };
  }
  return { layout: parsed.data, issues: [] };
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
