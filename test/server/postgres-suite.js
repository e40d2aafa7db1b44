import { spawn } from 'node:child_process';
import { findPostgres, INSTALL_HINT, startCluster } from './postgres-cluster.js';

/**
 * `node test/server/postgres-suite.js FILE…`: runs the collector's test files again, each collector
 * on a database of a throwaway PostgreSQL cluster started here and stopped at the end. Without
 * PostgreSQL on the machine, says so in one line and passes: the SQLite run has covered the rest.
 */
const bin = findPostgres();
if (!bin) {
  console.log(`PostgreSQL suite skipped: no PostgreSQL server found; ${INSTALL_HINT} installs it.`);
  process.exit(0);
}
const cluster = await startCluster(bin);
console.log(`PostgreSQL suite: a throwaway cluster from ${bin} at ${cluster.url}`);
const stop = () => cluster.stop();
process.once('SIGINT', () => { stop(); process.exit(130); });
process.once('SIGTERM', () => { stop(); process.exit(143); });
const child = spawn(process.execPath, ['--test', ...process.argv.slice(2)], {
  env: { ...process.env, CARAT_TEST_POSTGRES: cluster.url },
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
stop();
process.exit(code);
