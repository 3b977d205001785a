// Writes an SVG picture of the roadmap layout: `npm run preview -w @groundwork/content -- out.svg [content-dir]`.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutRoadmap } from './layout';
import { renderLayoutSvg } from './layout-svg';
import { loadContent } from './load';

const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

const [output, contentDir = DEFAULT_CONTENT_DIR] = process.argv.slice(2);
if (output === undefined) {
  console.error('usage: npm run preview -w @groundwork/content -- <out.svg> [content-dir]');
  process.exit(2);
}
const { content } = await loadContent(contentDir);
const layout = layoutRoadmap(content);
const svg = renderLayoutSvg(layout, {
  topics: new Map(
    content.topics.map((t) => [t.frontMatter.id, { title: t.frontMatter.title, kind: t.frontMatter.kind }]),
  ),
  stages: new Map(content.roadmap?.stages.map((s) => [s.id, s.title]) ?? []),
  choices: new Map(content.roadmap?.choices.map((c) => [c.id, c.title]) ?? []),
});
await writeFile(resolve(output), svg);
console.log(
  `wrote ${output}: ${layout.width}×${layout.height} px, ${layout.nodes.length} topics, ${layout.edges.length} arrows`,
);
