import type { SubmissionMode, SubmissionStatus } from '@groundwork/contracts';
import type { BadgeTone } from '../ui/badge';
import type { CheckState, StageState } from './run-view';

type Look = { label: string; tone: BadgeTone };

export const SUBMISSION_STATUS: Record<SubmissionStatus, Look> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'accent' },
  passed: { label: 'Passed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  inconclusive: { label: 'Inconclusive', tone: 'warning' },
  error: { label: 'Could not finish', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const STAGE_STATE: Record<StageState, Look> = {
  pending: { label: 'Waiting', tone: 'neutral' },
  running: { label: 'Running', tone: 'accent' },
  passed: { label: 'Passed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  error: { label: 'Grader error', tone: 'warning' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  inconclusive: { label: 'Inconclusive', tone: 'warning' },
  'not-run': { label: 'Not run', tone: 'neutral' },
};

export const CHECK_STATE: Record<CheckState, Look> = {
  running: { label: 'Running', tone: 'accent' },
  pass: { label: 'Passed', tone: 'success' },
  fail: { label: 'Failed', tone: 'danger' },
  skip: { label: 'Skipped', tone: 'neutral' },
  inconclusive: { label: 'Inconclusive', tone: 'warning' },
  error: { label: 'Grader error', tone: 'warning' },
};

export const MODE_LABELS: Record<SubmissionMode, string> = {
  verified: 'Graded by the server',
  'self-reported': 'Uploaded from the CLI',
};

/** "5 of 7 stages passed", or how far a run got. */
export function describeStages(passed: number, total: number): string {
  if (total === 0) return 'No stages run yet';
  return `${passed} of ${total} ${total === 1 ? 'stage' : 'stages'} passed`;
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
