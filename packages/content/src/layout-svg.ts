import type { LayoutPoint, RoadmapLayout, TopicKind } from '@groundwork/contracts';
import { escapeHtml } from './render';

/** What the preview writes on the boxes; the layout itself carries ids only. */
export interface PreviewLabels {
  topics: Map<string, { title: string; kind: TopicKind }>;
  stages: Map<string, string>;
  choices: Map<string, string>;
}

const KIND_FILL: Record<TopicKind, string> = { core: '#fde68a', alternative: '#e0e7ff', optional: '#f1f5f9' };
const CHARS_PER_LINE = 27;

/**
 * Draws a layout as a standalone SVG, for authors to eyeball the roadmap without the web app.
 * @example await writeFile('roadmap.svg', renderLayoutSvg(layout, labels));
 */
export function renderLayoutSvg(layout: RoadmapLayout, labels: PreviewLabels): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="DejaVu Sans, sans-serif">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker></defs>',
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  ];
  layout.bands.forEach((band, index) => {
    parts.push(
      `<rect x="${band.x}" y="${band.y}" width="${band.width}" height="${band.height}" fill="${index % 2 === 0 ? '#f8fafc' : '#eef2f7'}"/>`,
      `<text x="${band.x + 24}" y="${band.y + 40}" font-size="24" font-weight="bold" fill="#0f172a">${escapeHtml(labels.stages.get(band.stageId) ?? band.stageId)}</text>`,
    );
  });
  for (const group of layout.groups) {
    parts.push(
      `<rect x="${group.x}" y="${group.y}" width="${group.width}" height="${group.height}" rx="10" fill="#eef2ff" stroke="#6366f1" stroke-dasharray="6 4"/>`,
      `<text x="${group.x + 12}" y="${group.y + 20}" font-size="14" font-weight="bold" fill="#3730a3">${escapeHtml(labels.choices.get(group.choiceId) ?? group.choiceId)}</text>`,
    );
  }
  for (const edge of layout.edges) {
    // arrows from an earlier stage are drawn faintly, as the web app shows them only for a focused topic
    const style = edge.isCrossStage
      ? 'stroke="#94a3b8" stroke-dasharray="4 6" opacity="0.35"'
      : 'stroke="#475569"';
    parts.push(
      `<polyline points="${edge.points.map(formatPoint).join(' ')}" fill="none" ${style} stroke-width="1.5" marker-end="url(#arrow)"/>`,
    );
  }
  for (const node of layout.nodes) {
    const topic = labels.topics.get(node.topicId);
    const lines = wrap(topic?.title ?? node.topicId);
    const firstBaseline = node.y + node.height / 2 + 5 - (lines.length - 1) * 8;
    parts.push(
      `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="8" fill="${KIND_FILL[topic?.kind ?? 'core']}" stroke="#334155"/>`,
      ...lines.map(
        (line, index) =>
          `<text x="${node.x + node.width / 2}" y="${firstBaseline + index * 16}" font-size="13" text-anchor="middle" fill="#0f172a">${escapeHtml(line)}</text>`,
      ),
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function formatPoint(point: LayoutPoint): string {
  return `${point.x},${point.y}`;
}

function wrap(title: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
