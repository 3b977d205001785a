import { runSuite } from '@groundwork/grader';
import { blogApi } from './index';
import { startReference } from './reference/server';
const fault = process.argv[2] || undefined;
const stagesArg = process.argv[3];
const reference = await startReference({ fault });
const started = Date.now();
try {
  const stages = stagesArg ? stagesArg.split(',') : blogApi.stageIds.filter((id) => id !== 'performance');
  const run = runSuite(blogApi.suite, { target: reference.url, seed: 7, all: true, stages });
  for await (const event of run.events) {
    if (event.type === 'stage-finished') console.log(`${event.stageId}: ${event.status} ${(event as any).durationMs ?? ''}`);
  }
  const report = await run.report;
  for (const stage of report.stages) {
    for (const check of stage.checks) {
      if (check.outcome.status !== 'pass') console.log(`  ${stage.id}/${check.id}: ${check.outcome.status} ${'hint' in check.outcome ? check.outcome.hint : JSON.stringify(check.outcome)}`);
    }
    console.log(`  [${stage.id}] ${stage.status} ${stage.durationMs ?? ''}ms`);
  }
  console.log('total', Date.now() - started, 'ms', report.status, report.error?.message ?? '');
} finally {
  await reference.close();
}
