import type { MyProgress, NextTopic, ProgressTotals } from '@groundwork/contracts';
import type { Palette } from '@groundwork/grader';

const BAR_WIDTH = 20;

/** A bar of `width` cells, filled in proportion to `percent`. */
export function renderBar(percent: number, width = BAR_WIDTH): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function describeTotals(totals: ProgressTotals): string {
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  return `${totals.done} of ${totals.requiredTopics} done${skipped} · ${totals.hours.remaining} h left`;
}

/** Alternatives of one choice come together in `next`: they print as one line, "pick one". */
function groupNext(next: readonly NextTopic[]): NextTopic[][] {
  const groups: NextTopic[][] = [];
  for (const topic of next) {
    const group = topic.choiceId === null ? undefined : groups.find((g) => g[0]?.choiceId === topic.choiceId);
    if (group) group.push(topic);
    else groups.push([topic]);
  }
  return groups;
}

function describeNext(group: readonly NextTopic[], palette: Palette): string {
  const name = (topic: NextTopic) =>
    `${topic.title} (${topic.hours} h${topic.status === 'learning' ? ', learning' : ''})`;
  if (group.length === 1 && group[0]) return name(group[0]);
  return `${group.map(name).join(palette.dim(' or '))} ${palette.dim('— pick one')}`;
}

/**
 * The lines `groundwork progress` prints: a bar per stage and overall, verified topics, and what to
 * learn next. Plain text; the palette adds colour only when the terminal wants it.
 * @example renderProgressReport(progress, createPalette(false)).join('\n')
 */
export function renderProgressReport(progress: MyProgress, palette: Palette): string[] {
  const { summary } = progress;
  const labelWidth = Math.max('Overall'.length, ...summary.stages.map((stage) => stage.title.length));
  const line = (label: string, totals: ProgressTotals, isBold = false) => {
    const bar =
      totals.percent === 100
        ? palette.green(renderBar(totals.percent))
        : palette.cyan(renderBar(totals.percent));
    const text = `${label.padEnd(labelWidth)}  ${bar} ${`${totals.percent}%`.padStart(4)}  ${palette.dim(describeTotals(totals))}`;
    return isBold ? palette.bold(text) : text;
  };
  const lines = [
    ...summary.stages.map((stage) => line(stage.title, stage)),
    line('Overall', summary.overall, true),
    '',
    `Verified by the grader: ${summary.verifiedCount} topic${summary.verifiedCount === 1 ? '' : 's'}`,
  ];
  const archived = progress.entries.filter((entry) => entry.isArchived).length;
  if (archived > 0) lines.push(palette.dim(`Archived (removed from the roadmap, kept for you): ${archived}`));
  lines.push('');
  if (progress.next.length === 0) {
    lines.push(
      summary.overall.percent === 100
        ? palette.green('Every required topic is done.')
        : 'Nothing to start right now.',
    );
  } else {
    lines.push(
      palette.bold('Next:'),
      ...groupNext(progress.next).map((group) => `  • ${describeNext(group, palette)}`),
    );
  }
  return lines;
}
