import { describe, expect, it } from 'vitest';
import { describeImport, readProgressFile } from './progress-data';

function file(text: string) {
  return { size: text.length, text: async () => text };
}

describe('readProgressFile', () => {
  it('reads an export document', async () => {
    const document = { schemaVersion: 1, entries: [] };
    await expect(readProgressFile(file(JSON.stringify(document)))).resolves.toEqual(document);
  });

  it('explains a file that is not an export', async () => {
    await expect(readProgressFile(file('not json'))).resolves.toMatch(/not valid JSON/);
    await expect(readProgressFile(file('{"a":1}'))).resolves.toMatch(/no "entries"/);
    await expect(readProgressFile({ size: 5_000_000, text: async () => '' })).resolves.toMatch(/too large/);
  });
});

describe('describeImport', () => {
  it('says what changed and what was left out', () => {
    expect(
      describeImport({ created: 2, updated: 1, unchanged: 4, unknownTopicIds: ['gone'], movedTopicIds: [] }),
    ).toBe('3 topics updated. 4 were already up to date. 1 topics this roadmap does not have were left out.');
    expect(
      describeImport({ created: 0, updated: 0, unchanged: 3, unknownTopicIds: [], movedTopicIds: [] }),
    ).toMatch(/Nothing changed/);
  });
});
