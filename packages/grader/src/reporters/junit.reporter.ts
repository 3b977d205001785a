import type { CheckReport, GradingReport, RecordedFrame, StageReport } from '@groundwork/contracts';
import { describeTopic, type TopicTitleLookup } from './topic-title';
import { framesOf, renderFrameLines, reproduceCommand } from './ws-frames';

/** XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (no lone surrogates). */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function stripInvalidXmlChars(text: string): string {
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function framesBlock(frames: readonly RecordedFrame[] | undefined): string[] {
  return frames ? ['frames:', ...renderFrameLines(frames).map((line) => `  ${line}`)] : [];
}

function renderCheck(
  stage: StageReport,
  check: CheckReport,
  classname: string,
  topicTitle?: TopicTitleLookup,
): string {
  const open = `    <testcase${attributes({ classname: `${classname}.${stage.id}`, name: check.title, time: seconds(check.durationMs) })}`;
  const outcome = check.outcome;
  switch (outcome.status) {
    case 'pass':
      return `${open}/>`;
    case 'skip':
      return `${open}>\n      <skipped${attributes({ message: outcome.reason })}/>\n    </testcase>`;
    // never a pass: CI that reads JUnit must not go green on a measurement that was not made
    case 'inconclusive':
      return `${open}>\n      <error${attributes({ message: `inconclusive: ${outcome.reason}`, type: 'inconclusive' })}>${escapeXml(`${outcome.reason}\nRun this stage again; it was not judged.`)}</error>\n    </testcase>`;
    case 'fail': {
      const lines = [
        `expected: ${outcome.expected}`,
        `actual:   ${outcome.actual}`,
        outcome.hint,
        ...framesBlock(framesOf(outcome.exchange)),
        ...(outcome.exchange ? [`try it:   ${reproduceCommand(outcome.exchange)}`] : []),
        `learn it: ${describeTopic(outcome.topic, topicTitle)}`,
      ];
      return `${open}>\n      <failure${attributes({ message: outcome.hint, type: 'check-failed' })}>${escapeXml(lines.join('\n'))}</failure>\n    </testcase>`;
    }
    case 'error':
      return `${open}>\n      <error${attributes({ message: outcome.message, type: 'grader-error' })}>${escapeXml(outcome.stack ?? outcome.message)}</error>\n    </testcase>`;
  }
}

function renderStage(stage: StageReport, classname: string, topicTitle?: TopicTitleLookup): string {
  const counts = (status: string) => stage.checks.filter((check) => check.outcome.status === status).length;
  const isNotRun = stage.status === 'not-run' && stage.checks.length === 0;
  const cases = isNotRun
    ? [
        `    <testcase${attributes({ classname: `${classname}.${stage.id}`, name: stage.title, time: '0.000' })}>\n      <skipped${attributes({ message: `not run: ${stage.reason ?? 'an earlier stage did not pass'}` })}/>\n    </testcase>`,
      ]
    : stage.checks.map((check) => renderCheck(stage, check, classname, topicTitle));
  const skipped = isNotRun ? 1 : counts('skip');
  const errors = counts('error') + counts('inconclusive');
  return [
    `  <testsuite${attributes({ name: stage.title, id: stage.id, tests: cases.length, failures: counts('fail'), errors, skipped, time: seconds(stage.durationMs) })}>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/**
 * The report as JUnit XML, so learners can grade in their own CI: one testsuite per stage, one
 * testcase per check; failures carry expected, actual, the hint, a WebSocket's frames, curl (or
 * websocat) and the topic.
 * @example await writeFile('junit.xml', renderJUnitReport(report, { topicTitle }));
 */
export function renderJUnitReport(
  report: GradingReport,
  options: { topicTitle?: TopicTitleLookup } = {},
): string {
  const classname = report.project.slug;
  const suites = report.stages.map((stage) => renderStage(stage, classname, options.topicTitle));
  let extraErrors = 0;
  if (report.error && report.error.kind !== 'grader') {
    extraErrors = 1;
    suites.unshift(
      [
        `  <testsuite${attributes({ name: 'Reach the server', id: 'target', tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000' })}>`,
        `    <testcase${attributes({ classname: `${classname}.target`, name: `reach ${report.target.url}`, time: '0.000' })}>`,
        `      <error${attributes({ message: report.error.message, type: report.error.kind })}/>`,
        '    </testcase>',
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const { checks } = report.summary;
  const notRun = report.stages.filter(
    (stage) => stage.status === 'not-run' && stage.checks.length === 0,
  ).length;
  const header = `<testsuites${attributes({
    name: `${report.project.title} (${report.target.url}, seed ${report.seed})`,
    tests:
      checks.passed +
      checks.failed +
      checks.skipped +
      checks.inconclusive +
      checks.error +
      notRun +
      extraErrors,
    failures: checks.failed,
    errors: checks.error + checks.inconclusive + extraErrors,
    skipped: checks.skipped + notRun,
    time: seconds(report.durationMs),
  })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', header, ...suites, '</testsuites>', ''].join('\n');
}
