// The machine's ceiling for the collector bench: a bare node:http server that reads each POST body
// and answers 201, with no parsing, validation or storage. Run as its own process, like the
// collector, so both share the two cores with the load generator in the same way.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end('{}');
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`ceiling server listening on http://${address}:${port}`);
});
