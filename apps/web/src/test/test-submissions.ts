import type { SubmissionSummary } from '../api/types';

/** A finished submission of `project`, `index` days after 1 March 2026 (so ids and dates differ). */
export function createSubmissionSummary(
  index: number,
  extra: Partial<SubmissionSummary> = {},
): SubmissionSummary {
  const createdAt = new Date(Date.UTC(2026, 2, 1 + index, 12)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    userId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    project: 'url-shortener',
    targetUrl: 'http://127.0.0.1:8080',
    mode: 'verified',
    status: 'passed',
    stageIds: null,
    all: false,
    attempt: 1,
    error: null,
    createdAt,
    startedAt: createdAt,
    finishedAt: createdAt,
    durationMs: 4200,
    stagesPassed: 3,
    stagesTotal: 3,
    ...extra,
  };
}
