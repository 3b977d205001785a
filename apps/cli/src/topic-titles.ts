import { loadContent } from '@groundwork/content';
import { locateContentDir } from './repo-paths';

/** Topic id → title, so grading output says "learn it: HTTP status codes" rather than an id. */
export async function loadTopicTitles(): Promise<Map<string, string>> {
  const dir = locateContentDir();
  if (!dir) return new Map();
  const { content } = await loadContent(dir);
  return new Map(content.topics.map((topic) => [topic.frontMatter.id, topic.frontMatter.title]));
}
