// Test-only preload (`node --import`): once the file named by FAIL_WAL_SYNC_WHEN exists, every
// fdatasync fails with EIO, as on a disk that has gone bad. The collector syncs its WAL with
// fdatasync and nothing else, so this fails exactly that sync, on the writer thread too (workers run
// the same preloads), without a hook in the collector. A real failing device (dm-error, dm-flakey)
// would need root and device-mapper, which tests cannot count on.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const marker = /** @type {string} */ (process.env.FAIL_WAL_SYNC_WHEN);
const { fdatasyncSync } = fs;
fs.fdatasyncSync = (fd) => {
  if (fs.existsSync(marker)) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', errno: -5 });
  fdatasyncSync(fd);
};
// Named imports of node:fs (`import { fdatasyncSync } from 'node:fs'`) see the replacement only after this.
syncBuiltinESMExports();
