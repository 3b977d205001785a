import type { RunView } from './run-view';

export type RunOutcomeNote = { title: string; body: string };

/**
 * What the summary says about a run that neither passed nor failed outright: an inconclusive run is
 * to be run again, and a server that stopped answering is named with the stage it stopped in. Null
 * when the stages and the error message say enough.
 */
export function describeRunOutcome(
  view: Pick<RunView, 'status' | 'error' | 'stages'>,
): RunOutcomeNote | null {
  const { error } = view;
  if (view.status === 'inconclusive') {
    return {
      title: 'Inconclusive: run it again',
      body:
        'Nothing failed, but a stage could not be measured on this run because the grader was too busy. ' +
        'It counts as neither passed nor failed and verifies nothing; submit again to judge it.',
    };
  }
  if (error?.kind === 'unreachable' && error.stageId) {
    const stage = view.stages.find((each) => each.id === error.stageId);
    return {
      title: 'Your server stopped answering',
      body: `Your server stopped answering during ${stage?.title ?? error.stageId}, so the stages after it did not run. ${error.message}`,
    };
  }
  return null;
}
