import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findNulCharacters } from './validator';

test('finds every string and key holding NUL, by JSON Pointer', () => {
  const body = { name: 'a\u0000b', entries: [{ note: 'fine' }, { note: 'x\u0000' }], 'k\u0000': 1 };
  assert.deepEqual(findNulCharacters(body).toSorted(), ['/entries/1/note', '/k\u0000', '/name']);
  assert.deepEqual(findNulCharacters('\u0000'), ['']);
  assert.deepEqual(findNulCharacters({ clean: ['a', { b: 'c' }], n: 1, z: null }), []);
});

test('a body nested a hundred thousand deep is walked without overflowing the stack', () => {
  let deep: unknown = 'end\u0000';
  for (let depth = 0; depth < 100_000; depth++) deep = [deep];
  const found = findNulCharacters(deep);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.length, 100_000 * 2);
});
