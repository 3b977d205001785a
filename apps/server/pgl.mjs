import { PGlite } from '@electric-sql/pglite';

let t = performance.now();
const db = await PGlite.create();
console.log(
  'create memory',
  Math.round(performance.now() - t),
  'ms',
  Math.round(process.memoryUsage().rss / 1e6),
  'MB',
);
await db.exec('create table t(a int); insert into t values (1)');
t = performance.now();
const dump = await db.dumpDataDir('none');
console.log('dump', Math.round(performance.now() - t), 'ms', dump.size);
t = performance.now();
const db2 = await PGlite.create({ loadDataDir: dump });
console.log(
  'load from dump',
  Math.round(performance.now() - t),
  'ms',
  (await db2.query('select * from t')).rows,
  Math.round(process.memoryUsage().rss / 1e6),
  'MB',
);
console.log((await db2.query('select version()')).rows[0]);
