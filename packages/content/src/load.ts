import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ContentIssue, PageFrontMatter, RoadmapFile, TopicFrontMatter } from '@groundwork/contracts';
import type { z } from 'zod';
import type { Content, LoadResult, PageSource, TopicSource } from './content.types';
import { parseYaml, splitFrontMatter } from './front-matter';
import { compareText, issuesFromZod, makeIssue } from './issues';

export const ROADMAP_FILE = 'roadmap.yaml';
export const TOPICS_DIR = 'topics';
export const PAGES_DIR = 'pages';

/**
 * Reads roadmap.yaml, topics/*.md and pages/*.md under `dir`. Never throws on bad content: every problem
 * (unreadable file, YAML error, schema mismatch) comes back as an issue and the file is left out.
 * @example const { content, issues } = await loadContent('content');
 */
export async function loadContent(dir: string): Promise<LoadResult> {
  const issues: ContentIssue[] = [];
  const unloadedTopicIds: string[] = [];
  const roadmap = await loadRoadmapFile(dir, issues);
  const topics = await loadMarkdownFolder(dir, TOPICS_DIR, TopicFrontMatter, issues, unloadedTopicIds);
  const pages = await loadMarkdownFolder(dir, PAGES_DIR, PageFrontMatter, issues, []);
  const content: Content = {
    roadmap,
    topics: topics satisfies TopicSource[],
    pages: pages satisfies PageSource[],
    unloadedTopicIds,
  };
  return { content, issues };
}

async function loadRoadmapFile(dir: string, issues: ContentIssue[]): Promise<RoadmapFile | null> {
  const text = await readText(join(dir, ROADMAP_FILE));
  if (text === null) {
    issues.push(makeIssue(ROADMAP_FILE, undefined, 'is missing or unreadable'));
    return null;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    issues.push(makeIssue(ROADMAP_FILE, lineField(parsed.line), parsed.message));
    return null;
  }
  const result = RoadmapFile.safeParse(parsed.data);
  if (!result.success) {
    issues.push(...issuesFromZod(ROADMAP_FILE, result.error, parsed.data));
    return null;
  }
  return result.data;
}

async function loadMarkdownFolder<Schema extends z.ZodType>(
  dir: string,
  folder: string,
  schema: Schema,
  issues: ContentIssue[],
  unloadedIds: string[],
): Promise<Array<{ file: string; frontMatter: z.infer<Schema>; body: string }>> {
  const names = await listFiles(join(dir, folder));
  if (names === null) {
    issues.push(makeIssue(folder, undefined, 'folder is missing or unreadable'));
    return [];
  }
  const loaded: Array<{ file: string; frontMatter: z.infer<Schema>; body: string }> = [];
  for (const name of names) {
    const file = `${folder}/${name}`;
    if (!name.endsWith('.md')) {
      issues.push(makeIssue(file, undefined, `is not Markdown: ${folder}/ holds only <id>.md files`));
      continue;
    }
    const text = await readText(join(dir, folder, name));
    const split = text === null ? null : splitFrontMatter(text);
    if (split === null || !split.ok) {
      issues.push(makeIssue(file, lineField(split?.line), split?.message ?? 'is unreadable'));
      unloadedIds.push(name.slice(0, -'.md'.length));
      continue;
    }
    const result = schema.safeParse(split.data);
    if (!result.success) {
      issues.push(...issuesFromZod(file, result.error, split.data));
      unloadedIds.push(name.slice(0, -'.md'.length), ...idWrittenIn(split.data));
      continue;
    }
    loaded.push({ file, frontMatter: result.data, body: split.body });
  }
  return loaded;
}

function idWrittenIn(data: unknown): string[] {
  const id = data !== null && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? [id] : [];
}

function lineField(line: number | undefined): string | undefined {
  return line === undefined ? undefined : `line ${line}`;
}

async function listFiles(path: string): Promise<string[] | null> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort(compareText);
  } catch {
    return null;
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
