import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDataFactory } from './data-factory';

describe('data factory', () => {
  it('makes the same data from the same seed text, and different data from another', () => {
    const sample = (seed: string) => {
      const data = createDataFactory(seed);
      return [
        data.email(),
        data.password(),
        data.slug(),
        data.url(),
        data.name(),
        data.int(1, 1000),
        data.uuid(),
      ];
    };
    assert.deepEqual(sample('42:stage:check'), sample('42:stage:check'));
    assert.notDeepEqual(sample('42:stage:check'), sample('43:stage:check'));
    assert.notDeepEqual(sample('42:stage:check'), sample('42:stage:other-check'));
  });

  it('makes unique emails and slugs', () => {
    const data = createDataFactory('unique');
    const emails = new Set(Array.from({ length: 2_000 }, () => data.email()));
    const slugs = new Set(Array.from({ length: 2_000 }, () => data.slug()));
    assert.equal(emails.size, 2_000);
    assert.equal(slugs.size, 2_000);
  });

  it('makes values that pass the usual validation', () => {
    const data = createDataFactory('formats');
    for (let i = 0; i < 100; i++) {
      assert.match(data.email(), /^[a-z]+\.[a-z]+\.[a-z0-9]{6}@example\.com$/);
      const password = data.password();
      assert.ok(
        password.length >= 16 &&
          /[A-Z]/.test(password) &&
          /[a-z]/.test(password) &&
          /\d/.test(password) &&
          /[^A-Za-z0-9]/.test(password),
      );
      assert.equal(new URL(data.url()).protocol, 'https:');
      assert.match(data.slug(), /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.match(data.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = data.int(-3, 3);
      assert.ok(Number.isInteger(n) && n >= -3 && n <= 3);
    }
  });
});
