import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serves the repository's files for the bench pages, and answers `POST /api/consent` with 201
 * itself so every widget sees the same network whether or not our collector runs.
 * Everything is sent `no-store` and uncompressed: each run starts from a cold cache, and the
 * transfer sizes are reported separately, so compression here would only add CPU noise.
 * @param {string} root absolute path of the directory to serve
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root) {
  const server = createServer(async (request, response) => {
    const headers = { 'cache-control': 'no-store' };
    const { pathname } = new URL(request.url ?? '/', 'http://bench');
    if (pathname === '/api/consent' || pathname === '/api/wording') {
      request.resume();
      request.on('end', () => {
        response.writeHead(201, { ...headers, 'content-type': 'application/json' });
        response.end('{}');
      });
      return;
    }
    // Browsers ask every page for one; a 404 would show up as a console error of the widget's.
    if (pathname === '/favicon.ico') {
      response.writeHead(204, headers).end();
      return;
    }
    const path = normalize(join(root, decodeURIComponent(pathname)));
    if (!path.startsWith(root + sep) || request.method !== 'GET') {
      response.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
