import { describe, expect, it } from 'vitest';
import { describeRunOutcome } from './run-outcome';
import { emptyRunView, type RunView } from './run-view';

function viewOf(change: Partial<RunView>): RunView {
  return {
    ...emptyRunView('failed', 1),
    stages: [
      { id: 'health', title: 'Health', state: 'passed', reason: null, durationMs: 3, checks: [] },
      { id: 'create-link', title: 'Create a link', state: 'error', reason: null, durationMs: 3, checks: [] },
    ],
    ...change,
  };
}

describe('describeRunOutcome', () => {
  it('tells the learner to run an inconclusive run again', () => {
    const note = describeRunOutcome(viewOf({ status: 'inconclusive' }));
    expect(note?.title).toBe('Inconclusive: run it again');
    expect(note?.body).toContain('submit again');
  });

  it('names the stage during which the server stopped answering', () => {
    const note = describeRunOutcome(
      viewOf({
        status: 'error',
        error: { kind: 'unreachable', message: 'Connection refused.', stageId: 'create-link' },
      }),
    );
    expect(note?.body).toContain('Your server stopped answering during Create a link');
  });

  it('says nothing extra for a plain failure, or a server that never answered', () => {
    expect(describeRunOutcome(viewOf({}))).toBeNull();
    expect(
      describeRunOutcome(viewOf({ status: 'error', error: { kind: 'unreachable', message: 'Refused.' } })),
    ).toBeNull();
  });
});
