import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GradingReport } from '@groundwork/contracts';
import {
  createTerminalReporter,
  renderJsonReport,
  renderJUnitReport,
  runSuite,
  selectStages,
} from '@groundwork/grader';
import { findProject, type ProjectEntry, projects } from '@groundwork/projects';
import { type Command, Option } from 'commander';
import { callApi, describeProblem } from '../api-client';
import type { CliConfig } from '../cli-config';
import { type Credentials, requireCredentials } from '../credentials';
import { CliError, EXIT, type ExitCode } from '../exit-codes';
import { loadTopicTitles } from '../topic-titles';

type TestFlags = {
  url: string;
  stage?: string[];
  all?: boolean;
  seed?: string;
  json?: string;
  junit?: string;
  allow?: string[];
  verbose?: boolean;
  upload?: boolean;
};

export function requireProject(slug: string): ProjectEntry {
  const project = findProject(slug);
  if (!project) {
    const known = projects.map((entry) => entry.slug).join(', ');
    throw new CliError(
      `There is no project "${slug}". Projects: ${known}. See \`groundwork projects\`.`,
      EXIT.usage,
    );
  }
  return project;
}

export function parseTarget(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--url: "${url}" is not a URL; use something like http://localhost:8080`, EXIT.usage);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(
      `--url: only http:// and https:// servers can be graded, not ${parsed.protocol}`,
      EXIT.usage,
    );
  }
  return url.replace(/\/+$/, '');
}

function parseSeed(seed: string | undefined): number | undefined {
  if (seed === undefined) return undefined;
  const value = Number(seed);
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new CliError(`--seed: expected a whole number from 0 to ${2 ** 31 - 1}, got "${seed}"`, EXIT.usage);
  }
  return value;
}

/** Writes the JSON and JUnit reports a run was asked for. */
export function writeReports(
  report: GradingReport,
  flags: { json?: string | undefined; junit?: string | undefined },
  topicTitles: ReadonlyMap<string, string>,
) {
  if (flags.json) writeFileSync(resolve(flags.json), renderJsonReport(report));
  if (flags.junit) {
    writeFileSync(
      resolve(flags.junit),
      renderJUnitReport(report, { topicTitle: (id) => topicTitles.get(id) }),
    );
  }
}

/** Stores a local run on the server; it shows there as self-reported and verifies no topic. */
async function uploadReport(login: Credentials, report: GradingReport) {
  const uploaded = await callApi(login.url, '/api/submissions/upload', {
    method: 'POST',
    headers: { authorization: `Bearer ${login.token}` },
    body: { report },
  });
  if (uploaded.status !== 201) {
    throw new CliError(`The server did not store the result: ${describeProblem(uploaded)}`, EXIT.failed);
  }
  const { id } = uploaded.body as { id: string };
  console.log(`Uploaded as a self-reported result: ${login.url}/submissions/${id}`);
}

/** How a finished run maps to the documented exit codes. */
export function exitCodeFor(report: GradingReport): ExitCode {
  if (report.status === 'passed') return EXIT.ok;
  if (report.error?.kind === 'unreachable') return EXIT.unreachable;
  if (report.error?.kind === 'refused-by-policy') return EXIT.usage;
  if (report.status === 'inconclusive') return EXIT.inconclusive;
  return EXIT.failed;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--stage <id>` (repeatable) or `--all`, never both: a hand-picked selection, or every stage past a failure. */
export function addStageSelection(command: Command, verb: string): Command {
  return command
    .option('--stage <id>', `${verb} only this stage (repeatable)`, collect)
    .addOption(new Option('--all', 'keep going after a failing stage (not with --stage)').conflicts('stage'));
}

export function registerGradingCommands(program: Command, config: CliConfig) {
  addStageSelection(
    program
      .command('test')
      .description("grade your running server against a project's stages")
      .argument('<project>', 'the project, e.g. url-shortener (see `groundwork projects`)')
      .requiredOption('--url <base>', 'where your server runs, e.g. http://localhost:8080'),
    'run',
  )
    .option('--seed <n>', 'repeat a run with the same test data (the seed is printed at the start)')
    .option('--json <file>', 'also write the report as JSON')
    .option('--junit <file>', 'also write the report as JUnit XML, for your own CI')
    .option(
      '--allow <cidr>',
      'allow a private address range, e.g. 192.168.1.0/24 for a server in a VM (repeatable)',
      collect,
    )
    .option('--verbose', 'show debug lines from the checks')
    .option('--upload', 'store the result on the Groundwork server you are logged in to (self-reported)')
    .action(async (slug: string, flags: TestFlags) => {
      const project = requireProject(slug);
      const target = parseTarget(flags.url);
      // before the run, not after it: a learner should not wait for a run whose upload cannot happen
      const login = flags.upload ? requireCredentials(config.configDir) : undefined;
      const seed = parseSeed(flags.seed);
      try {
        selectStages(project.suite, flags.stage);
      } catch (error) {
        if (error instanceof RangeError) throw new CliError(`--stage: ${error.message}`, EXIT.usage);
        throw error;
      }
      const topicTitles = await loadTopicTitles();
      const terminal = createTerminalReporter({
        stream: process.stdout,
        color: config.color,
        topicTitle: (id) => topicTitles.get(id),
        verbose: flags.verbose === true,
        // --all and --stage are alternatives: a hand-picked selection has nothing to run on to
        ...(flags.stage ? {} : { runAllHint: 'use --all' }),
      });
      const run = runSuite(project.suite, {
        target,
        ...(seed === undefined ? {} : { seed }),
        ...(flags.stage ? { stages: flags.stage } : {}),
        all: flags.all === true,
        policy: { mode: 'loopback-allowed', allow: flags.allow ?? [] },
      });
      // Ctrl-C ends the run cleanly: the report says cancelled and is still written
      const onInterrupt = () => run.cancel();
      process.once('SIGINT', onInterrupt);
      try {
        for await (const event of run.events) terminal.handle(event);
        const report = await run.report;
        terminal.finish(report);
        writeReports(report, flags, topicTitles);
        if (login) await uploadReport(login, report);
        const code = exitCodeFor(report);
        if (code !== EXIT.ok) throw new CliError(summaryLine(report), code);
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });

  program
    .command('projects')
    .description('list the projects you can build and have graded')
    .option('--json', 'print as JSON')
    .action((flags: { json?: boolean }) => {
      const rows = projects.map((project) => ({
        slug: project.slug,
        title: project.title,
        summary: project.summary,
        stages: project.suite.stages.map((stage) => stage.id),
      }));
      if (flags.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const row of rows) {
        console.log(
          `${row.slug.padEnd(18)} ${row.title} (${row.stages.length} ${row.stages.length === 1 ? 'stage' : 'stages'})`,
        );
        console.log(`${''.padEnd(18)} ${row.summary}`);
      }
      console.log('\nGrade one with: groundwork test <project> --url http://localhost:8080');
    });

  program
    .command('reference')
    .description("run a project's reference solution, to see the grader pass (or fail, with --fault)")
    .argument('<project>', 'the project, e.g. url-shortener')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--fault <id>', 'switch on a known bug, to watch the grader catch it (see --list-faults)')
    .option('--list-faults', 'list the bugs that can be switched on, and exit')
    .option('--data-dir <dir>', 'keep the reference data in this folder instead of in memory')
    .action(
      async (
        slug: string,
        flags: { port?: string; fault?: string; listFaults?: boolean; dataDir?: string },
      ) => {
        const project = requireProject(slug);
        if (flags.listFaults) {
          for (const fault of project.faults)
            console.log(`${fault.id.padEnd(28)} [${fault.stage}] ${fault.description}`);
          return;
        }
        if (flags.fault && !project.faults.some((fault) => fault.id === flags.fault)) {
          throw new CliError(
            `--fault: "${flags.fault}" is not a fault of ${slug}; see --list-faults`,
            EXIT.usage,
          );
        }
        const port = flags.port === undefined ? 0 : Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65_535)
          throw new CliError(`--port: "${flags.port}" is not a port`, EXIT.usage);
        const reference = await project.startReference({
          port,
          fault: flags.fault,
          dataDir: flags.dataDir,
          logger: false,
        });
        console.log(
          `${project.title} reference solution${flags.fault ? ` with fault "${flags.fault}"` : ''} at ${reference.url}`,
        );
        console.log(`Grade it: groundwork test ${slug} --url ${reference.url}   (Ctrl-C to stop)`);
        const stop = () => {
          void reference.close().then(() => process.exit(EXIT.ok));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}

export function summaryLine(report: GradingReport): string {
  if (report.error) return report.error.message;
  if (report.status === 'inconclusive') {
    const stages = report.stages.filter((stage) => stage.status === 'inconclusive').map((stage) => stage.id);
    return `inconclusive: ${stages.join(', ')} could not be measured on this run (the machine was too busy); nothing failed, so run it again`;
  }
  const failed = report.stages.filter((stage) => stage.status === 'failed' || stage.status === 'error');
  return `${failed.length} stage${failed.length === 1 ? '' : 's'} failed: ${failed.map((stage) => stage.id).join(', ')}`;
}
