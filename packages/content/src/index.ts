export { assembleRoadmap, loadRoadmap } from './assemble';
export { type CheckOptions, checkContent, type ProjectTopicRef } from './check';
export { checkContentDir, formatIssue } from './check-dir';
export type { Content, LoadResult, PageSource, TopicSource } from './content.types';
export { canonicalJson, hashPage, hashRoadmap, hashTopic } from './hash';
export { layoutRoadmap, NODE_HEIGHT_PX, NODE_WIDTH_PX } from './layout';
export {
  type BuildResult,
  buildContent,
  isLayoutCurrent,
  LAYOUT_FILE,
  readLayout,
  STALE_LAYOUT_MESSAGE,
  serializeLayout,
} from './layout-file';
export { renderLayoutSvg } from './layout-svg';
export { loadContent, ROADMAP_FILE } from './load';
export { countProseWords, escapeHtml, listTopicLinks, renderMarkdown } from './render';
export { computeStageTotals, STAGE_TIMELINES, type StageTotal } from './totals';
