// The machine's ceiling for the collector bench: a bare node:http server that reads each POST body
// and answers 201, with no parsing, validation or storage. Run as its own process, like the
// collector, so both share the two cores with the load generator in the same way.
import { createServer } from 'node:http';

const port = Number(process.env.PORT);
createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end('{}');
  });
}).listen(port, process.env.HOST ?? '127.0.0.1');
