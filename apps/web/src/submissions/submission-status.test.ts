import { describe, expect, it } from 'vitest';
import { describeStages, formatDuration, SUBMISSION_STATUS } from './submission-status';

describe('submission wording', () => {
  it('tells passed and failed runs apart by tone as well as by word', () => {
    expect(SUBMISSION_STATUS.passed.tone).toBe('success');
    expect(SUBMISSION_STATUS.failed.tone).toBe('danger');
    expect(new Set(Object.values(SUBMISSION_STATUS).map((look) => look.label)).size).toBe(
      Object.keys(SUBMISSION_STATUS).length,
    );
  });

  it('counts stages in plain words', () => {
    expect(describeStages(5, 7)).toBe('5 of 7 stages passed');
    expect(describeStages(1, 1)).toBe('1 of 1 stage passed');
    expect(describeStages(0, 0)).toBe('No stages run yet');
  });

  it('formats durations at a readable precision', () => {
    expect(formatDuration(340)).toBe('340 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('—');
  });
});
