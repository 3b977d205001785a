import type { CheckOutcome, GradingEvent, GradingEventOf, GradingReport } from '@groundwork/contracts';
import { formatDuration } from '../runner/deadline';
import { createPalette, type Palette } from './colour';
import { describeTopic, type TopicTitleLookup } from './topic-title';
import { escapeControlChars, framesOf, renderFrameLines, reproduceCommand } from './ws-frames';

export interface TerminalReporterOptions {
  /** Where to write, e.g. `process.stdout`. */
  stream: { write(text: string): unknown; isTTY?: boolean };
  /** Live spinner and line rewriting (default: `stream.isTTY`). */
  isTTY?: boolean;
  /** ANSI colour (default: same as isTTY; see `shouldUseColor` for NO_COLOR handling). */
  color?: boolean;
  topicTitle?: TopicTitleLookup;
  /** Also print debug log lines. */
  verbose?: boolean;
  /**
   * How to ask for every stage after a failing one, e.g. "use --all", shown when a run of the default
   * selection stopped early; leave it out where the caller cannot ask (a hand-picked selection).
   */
  runAllHint?: string;
}

export interface TerminalReporter {
  handle(event: GradingEvent): void;
  /** Prints the summary (and stops the spinner). */
  finish(report: GradingReport): void;
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_INTERVAL_MS = 80;
const CLEAR_LINE = '\r\u001b[2K';
const INDENT = '      ';
/** Lines after the first in a failure-block row start under its text. */
const CONTINUATION = `${INDENT}${' '.repeat(10)}`;

/**
 * Live, human output: a spinner on a TTY, plain lines otherwise; a failure block (expected, actual,
 * curl, topic) as soon as a check fails.
 * @example
 * const terminal = createTerminalReporter({ stream: process.stdout, topicTitle: (id) => topics.get(id)?.title });
 * for await (const event of run.events) terminal.handle(event);
 * terminal.finish(await run.report);
 */
export function createTerminalReporter(options: TerminalReporterOptions): TerminalReporter {
  const isTTY = options.isTTY ?? Boolean(options.stream.isTTY);
  const paint = createPalette(options.color ?? isTTY);
  const spinner = createSpinner(options.stream, isTTY, paint);
  const print = (line: string) => spinner.printAbove(`${line}\n`);
  const stageTitles = new Map<string, string>();

  return {
    handle(event) {
      switch (event.type) {
        case 'run-started':
          for (const stage of event.stages) stageTitles.set(stage.id, stage.title);
          print(
            paint.bold(`Grading ${event.project.title} at ${event.target}`) +
              paint.dim(` (seed ${event.seed})`),
          );
          break;
        case 'waiting-for-target':
          print(
            paint.yellow(`… waiting for your server at ${event.url}`) +
              paint.dim(
                ` (attempt ${event.attempt}, ${formatDuration(event.elapsedMs)} of ${formatDuration(event.timeoutMs)}: ${event.reason})`,
              ),
          );
          spinner.set(`waiting for your server at ${event.url}`);
          break;
        case 'target-ready':
          if (event.attempts > 1)
            print(paint.green(`✓ your server answered after ${formatDuration(event.afterMs)}`));
          spinner.clear();
          break;
        case 'stage-started':
          print(paint.bold(`\n▶ Stage ${event.index + 1}/${event.total} · ${event.title}`));
          break;
        case 'check-started':
          spinner.set(`${stageTitles.get(event.stageId) ?? event.stageId} › ${event.title}`);
          break;
        case 'check-finished':
          spinner.clear();
          print(renderCheckLine(event, paint));
          if (event.outcome.status === 'fail' || event.outcome.status === 'error') {
            print(renderFailureBlock(event.outcome, paint, options.topicTitle));
          }
          break;
        case 'stage-finished':
          print(renderStageLine(event, stageTitles.get(event.stageId) ?? event.stageId, paint));
          break;
        case 'log':
          if (event.level !== 'debug' || options.verbose) {
            print(`  ${event.level === 'warn' ? paint.yellow('!') : paint.dim('·')} ${event.message}`);
          }
          break;
        case 'metric':
          print(paint.dim(`  ⏱ ${event.name} = ${event.value} ${event.unit}`));
          break;
        case 'run-finished':
          spinner.clear();
          break;
        default:
          assertNever(event);
      }
    },
    finish(report) {
      spinner.stop();
      print(renderSummary(report, paint, options.runAllHint));
    },
  };
}

function assertNever(value: never): never {
  throw new Error(`unknown event ${JSON.stringify(value)}`);
}

function renderCheckLine(event: GradingEventOf<'check-finished'>, paint: Palette): string {
  const time = paint.dim(` (${formatDuration(event.durationMs)})`);
  switch (event.outcome.status) {
    case 'pass':
      return `  ${paint.green('✓')} ${event.title}${time}`;
    case 'fail':
      return `  ${paint.red('✗')} ${event.title}${time}`;
    case 'skip':
      return `  ${paint.yellow('○')} ${event.title} ${paint.dim(`skipped: ${event.outcome.reason}`)}`;
    case 'inconclusive':
      return `  ${paint.yellow('?')} ${event.title} ${paint.yellow(`inconclusive: ${event.outcome.reason}`)}`;
    case 'error':
      return `  ${paint.red('!')} ${event.title} ${paint.red('grader error')}`;
  }
}

/**
 * The block a learner reads to fix a failure: expected, actual, why, the response body or a WebSocket's
 * frames, a command to try it (curl or websocat), where to learn it.
 */
export function renderFailureBlock(
  outcome: CheckOutcome,
  paint: Palette,
  topicTitle?: TopicTitleLookup,
): string {
  const row = (label: string, text: string) => `${INDENT}${paint.dim(label.padEnd(9))} ${text}`;
  if (outcome.status === 'error') {
    return [
      row('error', outcome.message),
      row('note', 'this is a bug in the grader, not in your server; please report it'),
    ].join('\n');
  }
  if (outcome.status !== 'fail') return '';
  const lines = [
    row('expected', paint.green(outcome.expected)),
    row('actual', paint.red(escapeControlChars(outcome.actual))),
    row('why', outcome.hint),
  ];
  const response = outcome.exchange?.response;
  const frames = framesOf(outcome.exchange);
  // a WebSocket's upgrade response body is the transcript, which the frames show line by line
  if (response && response.bodyExcerpt !== '' && !frames) {
    const excerpt =
      response.bodyExcerpt.length > 300 ? `${response.bodyExcerpt.slice(0, 300)}…` : response.bodyExcerpt;
    // the server chose these bytes: each line is escaped, so a body cannot colour or clear the terminal
    const bodyLines = excerpt.split('\n').map(escapeControlChars);
    lines.push(row('body', paint.dim(bodyLines.join(`\n${CONTINUATION}`))));
  }
  if (frames) lines.push(row('frames', renderFrameLines(frames).join(`\n${CONTINUATION}`)));
  if (outcome.exchange) lines.push(row('try it', paint.cyan(reproduceCommand(outcome.exchange))));
  lines.push(row('learn it', describeTopic(outcome.topic, topicTitle)));
  return lines.join('\n');
}

function renderStageLine(event: GradingEventOf<'stage-finished'>, title: string, paint: Palette): string {
  const time = paint.dim(` (${formatDuration(event.durationMs)})`);
  switch (event.status) {
    case 'passed':
      return paint.green(`✓ ${title} passed`) + time;
    case 'failed':
      return paint.red(`✗ ${title} failed`) + time;
    case 'error':
      return paint.red(`! ${title} could not be graded (grader error)`) + time;
    case 'skipped':
      return paint.yellow(`○ ${title} skipped`) + time;
    case 'inconclusive':
      return paint.yellow(`? ${title} inconclusive: not judged on this run, run it again`) + time;
    case 'not-run':
      return paint.dim(`· ${title} not run${event.reason ? `: ${event.reason}` : ''}`);
  }
}

function renderSummary(report: GradingReport, paint: Palette, runAllHint: string | undefined): string {
  const { stages, checks } = report.summary;
  const lines = [''];
  if (report.error) {
    const label =
      report.error.kind === 'unreachable' ? 'Could not reach your server' : `Run ended: ${report.error.kind}`;
    lines.push(paint.red(`✗ ${label}: ${report.error.message}`));
  }
  const total = report.stages.length;
  const headline =
    report.status === 'passed'
      ? paint.green(`All ${total} stage${total === 1 ? '' : 's'} passed`)
      : report.status === 'inconclusive'
        ? paint.yellow(
            `${stages.passed} of ${total} stages passed; ${count(stages.inconclusive, 'stage')} could not be judged on this run (run it again)`,
          )
        : paint.red(`${stages.passed} of ${total} stages passed`);
  const detail = [`${count(checks.passed, 'check')} passed`];
  if (checks.failed) detail.push(`${checks.failed} failed`);
  if (checks.inconclusive) detail.push(`${checks.inconclusive} inconclusive`);
  if (checks.skipped) detail.push(`${checks.skipped} skipped`);
  if (checks.error) detail.push(`${count(checks.error, 'grader error')}`);
  if (stages.notRun) {
    // running on helps only when a stage failed, not when the server could not be reached at all
    const canRunOn = runAllHint !== undefined && !report.error && !report.selection.all;
    detail.push(
      `${count(stages.notRun, 'stage')} not run${canRunOn ? ` (${runAllHint} to run them anyway)` : ''}`,
    );
  }
  lines.push(
    `${headline} · ${detail.join(', ')} · ${formatDuration(report.durationMs)} · seed ${report.seed}`,
  );
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

interface Spinner {
  set(text: string): void;
  clear(): void;
  printAbove(text: string): void;
  stop(): void;
}

function createSpinner(stream: TerminalReporterOptions['stream'], isTTY: boolean, paint: Palette): Spinner {
  if (!isTTY) {
    return { set: () => {}, clear: () => {}, printAbove: (text) => void stream.write(text), stop: () => {} };
  }
  let text: string | undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    if (text !== undefined)
      stream.write(`${CLEAR_LINE}${paint.cyan(SPINNER_FRAMES[frame % SPINNER_FRAMES.length] ?? '')} ${text}`);
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    set(next) {
      text = next;
      if (!timer) {
        timer = setInterval(() => {
          frame++;
          draw();
        }, SPINNER_INTERVAL_MS);
        timer.unref();
      }
      draw();
    },
    clear() {
      if (text !== undefined) stream.write(CLEAR_LINE);
      text = undefined;
      stopTimer();
    },
    printAbove(line) {
      if (text !== undefined) stream.write(CLEAR_LINE);
      stream.write(line);
      draw();
    },
    stop() {
      this.clear();
    },
  };
}
