import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for the tests and the bench: Debian's server binaries, a data
 * directory in a temporary folder, a free port, stopped and removed at the end. PostgreSQL refuses
 * to run as root, so as root it runs as `nobody`.
 */

/** @returns {string | null} the folder holding `initdb` and `pg_ctl`, newest version first */
export function findPostgres() {
  if (process.env.POSTGRES_BIN) return existsSync(join(process.env.POSTGRES_BIN, 'initdb')) ? process.env.POSTGRES_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, /** @type {string} */ (versions[0]), 'bin') : null;
}

/** The one command that makes `findPostgres` succeed on this kind of machine. */
export const INSTALL_HINT = 'sudo node scripts/setup.mjs --postgres';

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} bin from `findPostgres`
 * @param {string[]} [settings] extra `-c name=value` server settings
 * @returns {Promise<{ url: string, dir: string, stop: () => void }>} `url` names the `postgres` database of superuser `carat`
 */
export async function startCluster(bin, settings = []) {
  const dir = mkdtempSync(join(tmpdir(), 'carat-pg-'));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65534, gid: 65534 } : {};
  if (asRoot) chownSync(dir, 65534, 65534);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  /** @param {string} tool @param {string[]} args */
  const run = (tool, args) => {
    const result = spawnSync(join(bin, tool), args, { ...user, cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.error}\n${serverLog}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'carat', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // A port taken between freePort and the server's start fails the start: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", ...settings.map((s) => `-c ${s}`)].join(' ');
    try {
      run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
    } catch (error) {
      if (attempt < 3) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      url: `postgres://carat@127.0.0.1:${port}/postgres`,
      dir,
      stop() {
        spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { ...user, cwd: dir });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
