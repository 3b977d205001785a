import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { openTestDatabase, type TestDatabase } from '../test/test-database';
import { type Database, openDatabase } from './database';

let test: TestDatabase;
before(async () => {
  test = await openTestDatabase();
});
after(() => test.close());

describe('a PostgreSQL connection that drops while idle in the pool', () => {
  let database: Database | undefined;
  after(() => database?.close());

  it('is logged at warn, does not crash the process, and the next query reconnects', async () => {
    const lines: { level: number; msg: string; err: { message: string; code: string } }[] = [];
    let onLine = () => {};
    const logged = new Promise<void>((resolve) => {
      onLine = resolve;
    });
    const logger = pino(
      {},
      {
        write(line: string) {
          lines.push(JSON.parse(line));
          onLine();
        },
      },
    );
    assert.ok(test.url, 'the services suite runs on PostgreSQL');
    database = await openDatabase({ url: test.url, poolSize: 1, logger });
    const [row] = (await database.executeSql('select pg_backend_pid() as pid')).rows;
    // the connection now sits idle in the pool; an operator restart or a proxy would cut it like this
    await test.executeSql('select pg_terminate_backend($1)', [row?.pid]);
    await logged;
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.level, 40, 'at warn level');
    assert.match(lines[0]?.msg ?? '', /idle database connection was lost/);
    assert.match(lines[0]?.err.message ?? '', /terminat/);
    assert.equal(lines[0]?.err.code, '57P01', 'SQLSTATE admin_shutdown');
    await database.ping();
  });
});
