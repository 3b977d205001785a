import type { ContentIssue, PageFrontMatter, RoadmapFile, TopicFrontMatter } from '@groundwork/contracts';

/** A topic file that parsed and matched the schema. `file` is relative to the content folder. */
export interface TopicSource {
  file: string;
  frontMatter: TopicFrontMatter;
  /** The Markdown explanation below the front matter, trimmed. */
  body: string;
}

/** A page file (FAQ, project ideas, ...) that parsed and matched the schema. */
export interface PageSource {
  file: string;
  frontMatter: PageFrontMatter;
  body: string;
}

/** Everything under content/ that loaded cleanly, plus the files that did not (already reported as issues). */
export interface Content {
  roadmap: RoadmapFile | null;
  /** Sorted by file name. */
  topics: TopicSource[];
  /** Sorted by file name. */
  pages: PageSource[];
  /**
   * Ids of topic files that exist but failed to parse or match the schema (the file name, and the id
   * written inside when there is one). Already reported; later rules don't report references to them.
   */
  unloadedTopicIds: string[];
}

export interface LoadResult {
  content: Content;
  issues: ContentIssue[];
}
