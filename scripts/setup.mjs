// Makes `npm start`, `npm test` and `npm run bench` work on a fresh clone of a fresh machine:
// installs the npm packages when node_modules is missing or behind package-lock.json (after a pull
// that added a dependency), and finds (or installs) Chromium and
// PostgreSQL's server binaries.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPostgres, INSTALL_HINT } from '../test/server/postgres-cluster.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const wants = new Set(process.argv.slice(2));

function run(command) {
  console.log(`[setup] ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

/** Whether node_modules holds every package package-lock.json asks for, in its version. */
function installedAsLocked() {
  const installed = `${root}/node_modules/.package-lock.json`;
  if (!existsSync(installed)) return false;
  const wanted = JSON.parse(readFileSync(`${root}/package-lock.json`, 'utf8')).packages;
  const present = JSON.parse(readFileSync(installed, 'utf8')).packages;
  // Optional packages (other platforms' binaries) are legitimately absent.
  return Object.entries(wanted).every(
    ([path, entry]) => !path.startsWith('node_modules/') || entry.optional || present[path]?.version === entry.version,
  );
}

if (wants.has('--deps') && !installedAsLocked()) {
  run('npm ci --no-audit --no-fund');
}

if (wants.has('--browser')) {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    if (process.getuid?.() === 0) {
      run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
    } else {
      console.error(
        `[setup] Chromium not found at ${chrome}: install it (sudo apt-get install -y chromium) or set CHROME_PATH.`,
      );
      process.exit(1);
    }
  }
}

// The collector's tests and bench start a throwaway cluster of their own; without PostgreSQL and
// without root, its test run is skipped with a line saying how to enable it.
if (wants.has('--postgres') && !findPostgres()) {
  if (process.getuid?.() === 0) {
    // Written before the install: Debian's package would otherwise create and start a cluster.
    mkdirSync('/etc/postgresql-common/createcluster.d', { recursive: true });
    writeFileSync('/etc/postgresql-common/createcluster.d/carat-consent.conf', 'create_main_cluster = false\n');
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql');
  } else if (wants.size === 1) {
    console.error(`[setup] PostgreSQL not found: run ${INSTALL_HINT} (as root).`);
    process.exit(1);
  }
}
