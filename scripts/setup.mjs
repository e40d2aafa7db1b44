// Makes `npm start`, `npm test` and `npm run bench` work on a fresh clone of a fresh machine:
// installs the npm packages when node_modules is missing and finds (or installs) Chromium.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wants = new Set(process.argv.slice(2));

function run(command) {
  console.log(`[setup] ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

if (wants.has('--deps') && !existsSync(`${root}/node_modules/.package-lock.json`)) {
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
