import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, ENV_VARIABLES, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses safe defaults: loopback, port 3000, embedded database under ./data', () => {
    const config = loadConfig({}, {}, { cwd: '/srv/groundwork' });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3000);
    assert.equal(config.database.url, undefined);
    assert.equal(config.database.dataDir, '/srv/groundwork/data');
    assert.deepEqual(config.http.corsOrigins, []);
    assert.equal(config.auth.secureCookies, false);
  });

  it('reports every invalid variable at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof ConfigError);
    const fields = error.problems.map((problem) => problem.split(':')[0]);
    assert.deepEqual(fields.sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'TRUST_PROXY']);
  });

  it('lets command-line overrides win over the environment', () => {
    const config = loadConfig({ PORT: '4000', HOST: '0.0.0.0' }, { PORT: '5000' });
    assert.equal(config.port, 5000);
    assert.equal(config.host, '0.0.0.0');
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).port, 3000);
  });

  it('turns on Secure cookies and HSTS only behind an https public URL', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://groundwork.example.org' }).auth.secureCookies, true);
    assert.equal(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).auth.secureCookies, false);
  });

  it('parses comma-separated CORS origins and freezes the result', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' });
    assert.deepEqual(config.http.corsOrigins, ['https://a.example', 'https://b.example']);
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
  });

  it('has every variable it reads documented in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]));
    assert.ok(ENV_VARIABLES.length >= 20);
    assert.deepEqual(
      ENV_VARIABLES.filter((name) => !documented.has(name)),
      [],
      'variables missing from the README configuration table',
    );
  });
});
