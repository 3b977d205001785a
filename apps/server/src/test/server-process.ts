// Runs Groundwork from source in a child process, configured by its environment, for tests that need
// another process: a worker to kill -9, or two workers competing for jobs. Prints one JSON line per log.
import { loadConfig } from '../config/config';
import { startServer } from '../server';

const server = await startServer(loadConfig(process.env), { handleSignals: true });
server.logger.info({ url: server.url }, 'test process ready');
