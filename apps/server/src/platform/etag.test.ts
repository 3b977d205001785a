import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isNotModified } from './etag';

it('matches If-None-Match with the weak comparison: exact, W/ prefixed, in a list, or *', () => {
  const etag = '"abc"';
  assert.equal(isNotModified('"abc"', etag), true);
  assert.equal(isNotModified('W/"abc"', etag), true);
  assert.equal(isNotModified('"old", "abc"', etag), true);
  assert.equal(isNotModified('*', etag), true);
  assert.equal(isNotModified('"abcd"', etag), false);
  assert.equal(isNotModified('abc', etag), false);
  assert.equal(isNotModified('', etag), false);
  assert.equal(isNotModified(undefined, etag), false);
});
