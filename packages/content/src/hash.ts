import { createHash } from 'node:crypto';
import type { PageFrontMatter, RoadmapFile, TopicFrontMatter } from '@groundwork/contracts';

/**
 * JSON with object keys sorted at every depth, so equal data always gives equal text.
 * @example canonicalJson({ b: 1, a: [2, 1] }) // '{"a":[2,1],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

/** sha256 of a text, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A topic's content hash: changes when its front matter or body changes, never with key order or line endings.
 * @example hashTopic(topic.frontMatter, topic.body) // '3f1c…' (64 hex digits)
 */
export function hashTopic(frontMatter: TopicFrontMatter, body: string): string {
  return sha256Hex(canonicalJson({ kind: 'topic', frontMatter, body: normaliseBody(body) }));
}

/** A page's content hash, like {@link hashTopic}. */
export function hashPage(frontMatter: PageFrontMatter, body: string): string {
  return sha256Hex(canonicalJson({ kind: 'page', frontMatter, body: normaliseBody(body) }));
}

/**
 * The whole roadmap's hash: roadmap.yaml plus every topic's and page's hash. Equal hashes mean a sync
 * has nothing to do.
 * @example hashRoadmap(roadmapFile, { http: '…' }, { faq: '…' })
 */
export function hashRoadmap(
  roadmap: RoadmapFile,
  topicHashes: Record<string, string>,
  pageHashes: Record<string, string>,
): string {
  return sha256Hex(canonicalJson({ kind: 'roadmap', roadmap, topics: topicHashes, pages: pageHashes }));
}

function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}
