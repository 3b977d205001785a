import { resolve } from 'node:path';
import { checkContentDir, computeStageTotals, formatIssue, loadContent } from '@groundwork/content';
import { listProjectTopicRefs } from '@groundwork/projects';
import type { Command } from 'commander';
import { CliError, EXIT } from '../exit-codes';
import { locateContentDir } from '../repo-paths';

export function registerContentCommands(program: Command) {
  const content = program.command('content').description('work on the roadmap content in content/');

  content
    .command('check')
    .description(
      'validate the roadmap: schema, ids, prerequisites, links, project topics, the committed layout',
    )
    .option('--dir <dir>', 'the content folder (default: the repository’s content/)')
    .action(async (flags: { dir?: string }) => {
      const dir = flags.dir ? resolve(flags.dir) : locateContentDir();
      if (!dir) throw new CliError('No content/ folder found; pass --dir.', EXIT.usage);
      const issues = await checkContentDir(dir, { projectTopicRefs: listProjectTopicRefs() });
      if (issues.length > 0) {
        for (const issue of issues) console.error(formatIssue(issue));
        throw new CliError(
          `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${dir}`,
          EXIT.failed,
        );
      }
      const { content: loaded } = await loadContent(dir);
      const totals = computeStageTotals(loaded)
        .map((total) => `${total.stageId} ${total.requiredHours} h`)
        .join(', ');
      console.log(`Content OK: ${loaded.topics.length} topics, ${loaded.pages.length} pages (${totals}).`);
    });
}
