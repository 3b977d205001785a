import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCheck, defineStage, defineSuite } from './define';
import { pass } from './verdict';

const check = (id: string) => defineCheck({ id, title: id, topic: 'topic', run: () => pass() });

describe('defineSuite / defineStage / defineCheck', () => {
  it('accepts kebab-case ids and freezes the result', () => {
    const stage = defineStage({
      id: 'create-link',
      title: 'Create',
      difficulty: 'beginner',
      topics: ['rest'],
      checks: [check('returns-201')],
    });
    const suite = defineSuite({
      project: { slug: 'url-shortener', title: 'URL shortener' },
      stages: [stage],
    });
    assert.ok(Object.isFrozen(suite) && Object.isFrozen(suite.stages) && Object.isFrozen(stage.checks));
  });

  it('refuses ids that are not stable kebab-case', () => {
    assert.throws(() => check('Returns 201'), /kebab-case/);
    assert.throws(() => defineCheck({ id: 'x', title: 'x', topic: ' ', run: () => pass() }), /needs a topic/);
  });

  it('refuses duplicate ids and empty stages', () => {
    assert.throws(
      () =>
        defineStage({
          id: 's',
          title: 'S',
          difficulty: 'beginner',
          topics: [],
          checks: [check('a'), check('a')],
        }),
      /check id "a" appears twice in stage "s"/,
    );
    assert.throws(
      () => defineStage({ id: 's', title: 'S', difficulty: 'beginner', topics: [], checks: [] }),
      /has no checks/,
    );
    const stage = defineStage({
      id: 's',
      title: 'S',
      difficulty: 'beginner',
      topics: [],
      checks: [check('a')],
    });
    assert.throws(
      () => defineSuite({ project: { slug: 'p', title: 'P' }, stages: [stage, stage] }),
      /stage id "s" appears twice/,
    );
  });
});
