import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgressStatus } from '@groundwork/contracts';
import { baselineSpec, modelFromSpec } from '../../test/content-fixture';
import { findNextTopics } from './progress-next';
import { type ProgressByTopic, summariseProgress, type TopicState } from './progress-summary';

// beginner: basics 40, http 40, language = python 30 | go 20, git (optional) 5
// intermediate: apis 60 (needs http, choice:language), sql 40; advanced: caching 50, redis 50 | memcached 40
const model = modelFromSpec(baselineSpec());

function progressOf(states: Record<string, ProgressStatus | 'verified'>): ProgressByTopic {
  return new Map(
    Object.entries(states).map(([id, state]): [string, TopicState] => [
      id,
      state === 'verified' ? { status: 'todo', isVerified: true } : { status: state, isVerified: false },
    ]),
  );
}

const stage = (states: Record<string, ProgressStatus | 'verified'>, stageId: string) =>
  summariseProgress(model, progressOf(states)).stages.find((s) => s.stageId === stageId);

describe('progress summary', () => {
  it('counts core topics and each choice once, at its longest alternative, leaving optional topics out', () => {
    const summary = summariseProgress(model, new Map());
    assert.deepEqual(
      summary.stages.map((s) => [s.stageId, s.requiredTopics, s.hours.total, s.hours.remaining, s.percent]),
      [
        ['beginner', 3, 110, 110, 0],
        ['intermediate', 2, 100, 100, 0],
        ['advanced', 2, 100, 100, 0],
      ],
    );
    assert.deepEqual(summary.overall, {
      requiredTopics: 7,
      done: 0,
      skipped: 0,
      percent: 0,
      hours: { total: 310, remaining: 310 },
    });
    assert.equal(summary.verifiedCount, 0);
  });

  it('prices a choice at the alternative the learner started, not the longest', () => {
    const beginner = stage({ basics: 'done', go: 'learning' }, 'beginner');
    assert.deepEqual(beginner?.hours, { total: 100, remaining: 60 });
    assert.equal(beginner?.done, 1);
    assert.equal(beginner?.percent, 33);
  });

  it('finishes a choice with any one alternative, and skips it only when every alternative is skipped', () => {
    assert.deepEqual(stage({ python: 'done' }, 'beginner')?.hours, { total: 110, remaining: 80 });
    assert.equal(stage({ python: 'done' }, 'beginner')?.done, 1);
    const oneSkipped = stage({ python: 'skipped' }, 'beginner');
    assert.equal(oneSkipped?.skipped, 0);
    assert.equal(oneSkipped?.hours.remaining, 100, 'the open alternative (go, 20 h) is what is left');
    const allSkipped = stage({ python: 'skipped', go: 'skipped' }, 'beginner');
    assert.equal(allSkipped?.skipped, 1);
    assert.equal(allSkipped?.hours.remaining, 80);
  });

  it('counts skipped topics as settled in the percentage, and rounds down so 100 means finished', () => {
    const beginner = stage({ basics: 'done', http: 'skipped' }, 'beginner');
    assert.deepEqual([beginner?.done, beginner?.skipped, beginner?.percent], [1, 1, 66]);
    assert.equal(stage({ basics: 'done', http: 'done', go: 'done' }, 'beginner')?.percent, 100);
  });

  it('counts a verified topic as done even when the learner never marked it, and counts verifications', () => {
    const summary = summariseProgress(model, progressOf({ http: 'verified', git: 'verified' }));
    assert.equal(summary.stages[0]?.done, 1, 'git is optional: verified, but not a required topic');
    assert.equal(summary.verifiedCount, 2);
  });

  it('adds the stages up into the overall figures', () => {
    const summary = summariseProgress(model, progressOf({ basics: 'done', apis: 'done', redis: 'learning' }));
    assert.deepEqual(summary.overall, {
      requiredTopics: 7,
      done: 2,
      skipped: 0,
      percent: 28,
      hours: { total: 310, remaining: 210 },
    });
  });
});

describe('next topics', () => {
  const next = (states: Record<string, ProgressStatus | 'verified'>, limit?: number) =>
    findNextTopics(model, progressOf(states), limit).map((topic) => topic.id);

  it('starts with the topics that need nothing', () => {
    assert.deepEqual(next({}), ['basics']);
  });

  it('opens what a done topic unlocks, offering every alternative of an untouched choice, in reading order', () => {
    assert.deepEqual(next({ basics: 'done' }), ['http', 'python', 'go', 'sql']);
  });

  it('stops offering the other alternatives once the learner takes one', () => {
    assert.deepEqual(next({ basics: 'done', go: 'learning' }), ['http', 'go', 'sql']);
    assert.deepEqual(next({ basics: 'done', go: 'done' }), ['http', 'sql']);
  });

  it('lets any done alternative satisfy a choice prerequisite', () => {
    assert.deepEqual(next({ basics: 'done', http: 'done', python: 'done' }), ['apis', 'sql']);
    assert.deepEqual(next({ basics: 'done', http: 'done', python: 'learning' }), ['python', 'sql']);
  });

  it('treats skipped and verified prerequisites as met', () => {
    assert.deepEqual(next({ basics: 'skipped' }), ['http', 'python', 'go', 'sql']);
    assert.deepEqual(next({ basics: 'verified' }), ['http', 'python', 'go', 'sql']);
  });

  it('keeps a topic being learned in the list even when its prerequisites are not done', () => {
    assert.deepEqual(next({ caching: 'learning' }), ['basics', 'caching']);
  });

  it('counts a choice as one suggestion when limiting', () => {
    assert.deepEqual(next({ basics: 'done' }, 2), ['http', 'python', 'go']);
  });

  it('suggests nothing once every required topic is settled', () => {
    const everything = Object.fromEntries(
      ['basics', 'http', 'go', 'apis', 'sql', 'caching', 'redis'].map((id) => [id, 'done' as const]),
    );
    assert.deepEqual(next(everything), []);
  });
});
