import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Bytes a site downloads for one widget, summed over its files: as stored, gzip -9 and brotli q11
 * (what a CDN serves at its best settings), each file compressed on its own as a server would.
 * @param {string} root
 * @param {string[]} assets repo-relative paths
 * @returns {{ raw: number, gzip: number, brotli: number }}
 */
export function measureSize(root, assets) {
  const size = { raw: 0, gzip: 0, brotli: 0 };
  for (const asset of assets) {
    const bytes = readFileSync(join(root, asset));
    size.raw += bytes.length;
    size.gzip += gzipSync(bytes, { level: 9 }).length;
    size.brotli += brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length;
  }
  return size;
}
