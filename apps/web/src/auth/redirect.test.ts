import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, loginPathFor, safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it('returns to the page the user wanted', () => {
    expect(safeNextPath('/account?tab=tokens')).toBe('/account?tab=tokens');
  });

  it('never sends the user off the site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'account', null, '']) {
      expect(safeNextPath(next)).toBe(DEFAULT_AFTER_LOGIN);
    }
  });

  it('does not loop back to the sign-in pages', () => {
    expect(safeNextPath('/login?next=/admin')).toBe(DEFAULT_AFTER_LOGIN);
  });
});

describe('loginPathFor', () => {
  it('carries the wanted page in `next`', () => {
    expect(loginPathFor('/admin')).toBe('/login?next=%2Fadmin');
  });
});
