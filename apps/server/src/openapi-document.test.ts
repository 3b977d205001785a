import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readCommittedOpenApiDocument, renderOpenApiDocument } from './openapi-document';

it('the committed openapi.json matches the routes (run `npm run generate` after changing a route)', async () => {
  assert.equal(readCommittedOpenApiDocument(), await renderOpenApiDocument());
});
