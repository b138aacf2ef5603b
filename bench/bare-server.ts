/**
 * The baseline for GET /: bare Fastify in a process of its own sending the same bytes (read
 * from the file given) with the same content type, and nothing else: no cookies, CSRF, headers
 * plugin or template. `node --import tsx bench/bare-server.ts <body-file>` prints its port.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const body = fs.readFileSync(process.argv[2]!);
const app = Fastify();
app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : ''}\n`);
