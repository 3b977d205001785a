// Reachability checks for the services the `--services` suite and CI need.
import net from 'node:net';

function probe(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (error) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(2000, () => done(new Error('timed out')));
    socket.once('connect', () => done(null));
    socket.once('error', done);
  });
}

export async function checkServices({ databaseUrl, redisUrl }) {
  const problems = [];
  const pg = await probe(databaseUrl, 5432);
  if (pg) problems.push(`PostgreSQL is not reachable at ${new URL(databaseUrl).host}: ${pg.message}`);
  const redis = await probe(redisUrl, 6379);
  if (redis) problems.push(`Redis is not reachable at ${new URL(redisUrl).host}: ${redis.message}`);
  return problems;
}
