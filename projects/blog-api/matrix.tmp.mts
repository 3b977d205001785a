import { runSuite } from '@groundwork/grader';
import { blogApi } from './index';
import { startReference } from './reference/server';
const ids = process.argv.slice(2);
for (const id of ids) {
  const fault = blogApi.faults.find((f) => f.id === id)!;
  const reference = await startReference({ fault: id });
  try {
    const stages = blogApi.stageIds.filter((s) => s !== 'performance');
    const run = runSuite(blogApi.suite, { target: reference.url, seed: 7, all: true, stages });
    for await (const _ of run.events) {}
    const report = await run.report;
    const own = report.stages.find((s) => s.id === fault.stage)?.checks.find((c) => c.id === fault.check);
    const others = report.stages.filter((s) => s.id !== fault.stage && s.status !== 'passed').map((s) => `${s.id}=${s.status}${s.reason ? `(${s.reason})` : ''}`);
    console.log(`${own?.outcome.status === 'fail' ? 'CAUGHT' : 'MISSED'} ${id} -> ${fault.stage}/${fault.check} ${own?.outcome.status} | others: ${others.join(' ') || 'none'}${report.error ? ' ERROR ' + report.error.message : ''}`);
    if (own?.outcome.status === 'fail') console.log('   hint:', (own.outcome as any).hint);
  } finally { await reference.close(); }
}
