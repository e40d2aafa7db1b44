// The test shops, each on an origin of its own (127.0.0.1, port 0), and a "third party" on another
// host name (localhost) and port, so the scanner meets first- and third-party hosts as on the web.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.xml': 'application/xml', '.md': 'text/markdown', '.json': 'application/json' };
const pixel = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

function listen(handler, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

/** Serves files from `mounts` (URL prefix → folder), filling in the origins the pages name. */
function staticFiles(mounts, fill, extra = () => false, headers = {}) {
  return async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (await extra(request, response, path)) return;
    const [prefix, folder] = Object.entries(mounts).find(([p]) => path.startsWith(p)) ?? [];
    const file = folder && normalize(join(folder, path.slice(prefix.length) || 'index.html'));
    try {
      if (!file || !file.startsWith(folder)) throw new Error('outside');
      const target = file.endsWith('/') ? join(file, 'index.html') : file;
      const type = types[extname(target)] ?? 'application/octet-stream';
      let body = await readFile(target);
      if (/html|xml/.test(type)) body = fill(body.toString());
      response.writeHead(200, { 'content-type': type, ...(type.startsWith('text/html') ? headers : {}) });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
}

/** Starts every test shop; `close()` stops them. */
export async function startShops() {
  const servers = [];
  const origin = (server, host = '127.0.0.1') => `http://${host}:${server.address().port}`;

  const thirdParty = await listen((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/analytics.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end("document.cookie = '_ga=GA1.1.42.1700000000; path=/; max-age=63072000';");
    } else if (path === '/pixel.gif') {
      response.writeHead(200, { 'content-type': 'image/gif' }).end(pixel);
    } else {
      response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    }
  });
  servers.push(thirdParty);
  const third = origin(thirdParty, 'localhost');

  const shop = async (mounts, extra, headers) => {
    let self = '';
    const server = await listen(staticFiles(mounts, (text) => text.replaceAll('THIRD_PARTY', third).replaceAll('SHOP', self), extra, headers));
    servers.push(server);
    self = origin(server);
    return self;
  };

  const dist = join(root, 'dist');
  // A shop whose server takes the request and never answers.
  const hanging = await listen(() => undefined);
  servers.push(hanging);
  // Its own session cookie on every page: unknown to the registry, so undeclared but no violation.
  const leaky = await shop({ '/dist/': dist, '/': join(here, 'shops', 'leaky') }, undefined, { 'set-cookie': 'shop_session=s1; Path=/; HttpOnly' });
  const cookieconsent = await shop({
    '/vendor/': join(root, 'node_modules', 'vanilla-cookieconsent', 'dist'),
    '/': join(here, 'shops', 'cookieconsent'),
  });
  // The demo shop as `npm start` serves it, with a collector that stores nothing.
  const demo = await shop({ '/dist/': dist, '/': join(root, 'demo') }, async (request, response, path) => {
    if (!path.startsWith('/api/')) return false;
    request.resume();
    response.writeHead(request.method === 'POST' ? 201 : 404, { 'content-type': 'application/json' }).end('{}');
    return true;
  });

  return {
    leaky,
    cookieconsent,
    demo,
    thirdParty: third,
    hanging: origin(hanging),
    /** An origin where nothing listens: a server started, then stopped. */
    async unreachable() {
      const server = await listen(() => undefined);
      const url = origin(server);
      await new Promise((resolve) => server.close(resolve));
      return url;
    },
    close: () => Promise.all(servers.map((server) => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))))),
  };
}
