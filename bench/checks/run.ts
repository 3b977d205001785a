// How steady one check's verdict is: grades a project's reference, clean and with a fault, RUNS times
// each (a fresh reference process and a new seed every run), and prints how often the check passed and
// failed. For checks that race on purpose (oversold stock, a repeated idempotency key), the proof grades
// once; this says how often "once" would have been right.
//   npm run bench:checks -- e-commerce no-oversell read-then-write-stock [--runs 20]
import { parseArgs } from 'node:util';
import { findProject } from '../../projects';
import { gradeReference } from '../../projects/kit/testing/grade';

const MAX_RUNS = 100;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '20' } },
});
const [slug, checkId, faultId] = positionals;
const runs = Number(values.runs);
const project = slug === undefined ? undefined : findProject(slug);
const stage = project?.suite.stages.find((one) => one.checks.some((check) => check.id === checkId));
if (!project || !stage || !faultId || !Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
  console.error(
    `usage: npm run bench:checks -- <project> <check id> <fault id> [--runs 1..${MAX_RUNS}]` +
      (slug && !project ? `\n"${slug}" is not a registered project` : '') +
      (project && !stage ? `\n"${checkId}" is not a check of ${slug}` : ''),
  );
  process.exit(1);
}
if (!project.faults.some((fault) => fault.id === faultId)) {
  console.error(`"${faultId}" is not a fault of ${slug}`);
  process.exit(1);
}

/** The check's status in each of `runs` gradings of the stage alone. */
async function tally(fault: string | undefined): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let run = 1; run <= runs; run++) {
    const { report } = await gradeReference(project as NonNullable<typeof project>, {
      fault,
      seed: 40_000 + run,
      stages: [(stage as NonNullable<typeof stage>).id],
    });
    const check = report.stages[0]?.checks.find((one) => one.id === checkId);
    const status = check?.outcome.status ?? (report.error ? 'run error' : 'missing');
    counts.set(status, (counts.get(status) ?? 0) + 1);
    process.stdout.write(status === 'pass' ? '.' : status === 'fail' ? 'F' : '?');
  }
  process.stdout.write('\n');
  return counts;
}

const describe = (counts: Map<string, number>) =>
  [...counts].map(([status, count]) => `${count}/${runs} ${status}`).join(', ');

console.log(`${slug} / ${stage.id} / ${checkId}, ${runs} runs each`);
const clean = await tally(undefined);
const faulty = await tally(faultId);
console.log(`reference:          ${describe(clean)}   (goal: ${runs}/${runs} pass)`);
console.log(`with ${faultId}: ${describe(faulty)}   (goal: ${runs}/${runs} fail)`);
