import { describe, expect, it } from 'vitest';
import { checkTargetUrl } from './submit-form';

describe('checkTargetUrl', () => {
  it('accepts http and https addresses', () => {
    expect(checkTargetUrl('https://my-app.example.com')).toBeNull();
    expect(checkTargetUrl('  http://127.0.0.1:8080  ')).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    expect(checkTargetUrl('')).toMatch(/enter the address/i);
    expect(checkTargetUrl('my-app.example.com')).toMatch(/full address/i);
    expect(checkTargetUrl('ftp://example.com')).toMatch(/http/);
  });
});
