import { describe, expect, it } from 'vitest';
import type { MyProgress, ProgressEntry } from '../api/types';
import { ownStatusOf, statusesFromProgress, withTopicStatus } from './topic-statuses';

function entry(topicId: string, extra: Partial<ProgressEntry> = {}): ProgressEntry {
  return {
    topicId,
    title: topicId,
    status: 'todo',
    note: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    verifiedAt: null,
    isArchived: false,
    ...extra,
  };
}

const progress = {
  entries: [
    entry('http', { status: 'done' }),
    entry('rest', { status: 'learning' }),
    entry('caching', { status: 'todo', verifiedAt: '2026-01-02T00:00:00.000Z', updatedAt: null }),
    entry('sql', { status: 'done', verifiedAt: '2026-01-02T00:00:00.000Z' }),
    entry('soap', { status: 'done', isArchived: true }),
    entry('go', { status: 'skipped' }),
  ],
} as MyProgress;

describe('statusesFromProgress', () => {
  it('shows verified apart from done, whatever the learner set', () => {
    expect(statusesFromProgress(progress)).toEqual({
      http: 'done',
      rest: 'learning',
      caching: 'verified',
      sql: 'verified',
      go: 'skipped',
    });
  });

  it('leaves everything not started when signed out', () => {
    expect(statusesFromProgress(undefined)).toEqual({});
  });
});

describe('ownStatusOf', () => {
  it("is the learner's own status, even on a verified topic", () => {
    expect(ownStatusOf(progress, 'sql')).toBe('done');
    expect(ownStatusOf(progress, 'caching')).toBe('todo');
    expect(ownStatusOf(progress, 'unknown')).toBe('todo');
  });
});

describe('withTopicStatus', () => {
  const now = '2026-02-01T10:00:00.000Z';

  it('changes an existing entry and keeps its verification', () => {
    const next = withTopicStatus(progress, { id: 'caching', title: 'Caching' }, 'done', now);
    expect(next.entries.find((e) => e.topicId === 'caching')).toMatchObject({
      status: 'done',
      updatedAt: now,
      verifiedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(next.entries).toHaveLength(progress.entries.length);
  });

  it('adds an entry for a topic the learner had not touched', () => {
    const next = withTopicStatus(progress, { id: 'dns', title: 'DNS' }, 'learning', now);
    expect(statusesFromProgress(next).dns).toBe('learning');
    expect(progress.entries.some((e) => e.topicId === 'dns')).toBe(false);
  });
});
