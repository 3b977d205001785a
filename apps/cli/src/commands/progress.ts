import { MyProgress } from '@groundwork/contracts';
import { createPalette } from '@groundwork/grader';
import type { Command } from 'commander';
import { callApi, describeProblem } from '../api-client';
import type { CliConfig } from '../cli-config';
import { readCredentials } from '../credentials';
import { CliError, EXIT } from '../exit-codes';
import { renderProgressReport } from '../progress-report';

/** Your progress, fetched with the token `groundwork login` saved. */
async function fetchProgress(config: CliConfig): Promise<MyProgress> {
  const saved = readCredentials(config.configDir);
  if (!saved) throw new CliError('You are not logged in. Run `groundwork login`.', EXIT.failed);
  const response = await callApi(saved.url, '/api/progress', {
    headers: { authorization: `Bearer ${saved.token}` },
  });
  if (response.status === 401) {
    throw new CliError(
      'Your token was refused: it was revoked or has expired. Run `groundwork login` again.',
      EXIT.failed,
    );
  }
  if (response.status !== 200) {
    throw new CliError(`The server answered ${describeProblem(response)}`, EXIT.failed);
  }
  const parsed = MyProgress.safeParse(response.body);
  if (!parsed.success) {
    throw new CliError(
      `${saved.url} sent progress in a shape this CLI does not know; update the CLI.`,
      EXIT.failed,
    );
  }
  return parsed.data;
}

export function registerProgressCommands(program: Command, config: CliConfig) {
  program
    .command('progress')
    .description('show your roadmap progress: a bar per stage, hours left, and what to learn next')
    .option('--json', 'print the progress document the server sent, as JSON')
    .action(async (flags: { json?: boolean }) => {
      const progress = await fetchProgress(config);
      if (flags.json) {
        console.log(JSON.stringify(progress, null, 2));
        return;
      }
      console.log(renderProgressReport(progress, createPalette(config.color)).join('\n'));
    });
}
