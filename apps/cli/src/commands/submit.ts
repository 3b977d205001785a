import type { Submission, SubmissionSummary } from '@groundwork/contracts';
import { createTerminalReporter } from '@groundwork/grader';
import type { Command } from 'commander';
import { callApi, describeProblem } from '../api-client';
import type { CliConfig } from '../cli-config';
import { type Credentials, requireCredentials } from '../credentials';
import { CliError, EXIT } from '../exit-codes';
import { followRemoteRun } from '../remote-run';
import { submissionToReport } from '../submission-report';
import { loadTopicTitles } from '../topic-titles';
import {
  addStageSelection,
  exitCodeFor,
  parseTarget,
  requireProject,
  summaryLine,
  writeReports,
} from './grading';

type SubmitFlags = {
  url: string;
  stage?: string[];
  all?: boolean;
  wait: boolean;
  json?: string;
  junit?: string;
};

function authorised(saved: Credentials) {
  return { authorization: `Bearer ${saved.token}` };
}

/** Says what went wrong with a refused request; a 400 naming the URL is the learner's to fix (exit 2). */
function refusal(response: { status: number; body: unknown; headers: Headers }): CliError {
  if (response.status === 401) {
    return new CliError(
      'Your token was refused: it was revoked or has expired. Run `groundwork login` again.',
      EXIT.failed,
    );
  }
  const code = response.status === 400 ? EXIT.usage : EXIT.failed;
  return new CliError(`The server refused the submission: ${describeProblem(response)}`, code);
}

export function registerSubmitCommand(program: Command, config: CliConfig) {
  addStageSelection(
    program
      .command('submit')
      .description('ask the Groundwork server you are logged in to to grade your deployed server (verified)')
      .argument('<project>', 'the project, e.g. url-shortener')
      .requiredOption('--url <base>', 'where your server is deployed, e.g. https://my-app.example.com'),
    'grade',
  )
    .option('--no-wait', 'queue the run and exit, without following it live')
    .option('--json <file>', 'also write the report as JSON')
    .option('--junit <file>', 'also write the report as JUnit XML')
    .action(async (slug: string, flags: SubmitFlags) => {
      const project = requireProject(slug);
      const target = parseTarget(flags.url);
      const saved = requireCredentials(config.configDir);
      const created = await callApi(saved.url, '/api/submissions', {
        method: 'POST',
        headers: authorised(saved),
        body: {
          project: slug,
          url: target,
          ...(flags.stage ? { stages: flags.stage } : {}),
          all: flags.all === true,
        },
      });
      if (created.status !== 202) throw refusal(created);
      const submission = created.body as SubmissionSummary;
      const page = `${saved.url}/submissions/${submission.id}`;
      console.log(`Queued submission ${submission.id}. Follow it in the browser: ${page}`);
      if (!flags.wait) return;

      const titles = await loadTopicTitles();
      const makeReporter = () =>
        createTerminalReporter({
          stream: process.stdout,
          color: config.color,
          topicTitle: (id) => titles.get(id),
          ...(flags.stage ? {} : { runAllHint: 'submit again with --all' }),
        });
      let terminal = makeReporter();
      try {
        await followRemoteRun(saved.url, saved.token, submission.id, {
          onEvent: (event) => terminal.handle(event),
          onNewAttempt: (attempt) => {
            console.log(
              `\nThe worker grading this run stopped; another one starts again (attempt ${attempt}).`,
            );
            terminal = makeReporter();
          },
          onStatus: () => {},
        });
      } catch (error) {
        throw new CliError(
          `Lost the live stream (${(error as Error).message}). The run goes on: ${page}`,
          EXIT.unreachable,
        );
      }
      const finished = await callApi(saved.url, `/api/submissions/${submission.id}`, {
        headers: authorised(saved),
      });
      if (finished.status !== 200) throw refusal(finished);
      const report = submissionToReport(finished.body as Submission, project.title);
      terminal.finish(report);
      writeReports(report, flags, titles);
      const code = exitCodeFor(report);
      if (code !== 0) throw new CliError(summaryLine(report), code);
    });
}
