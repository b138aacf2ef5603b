/**
 * The baseline for GET /: bare Fastify in a process of its own answering with the bytes egec's
 * GET / answered (its headers, cookie included, and body, read from the JSON file given) and
 * computing nothing: no CSRF secret, security headers plugin, template or hooks.
 * `node --import tsx bench/bare-server.ts <response.json>` prints its port.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const recorded = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as { headers: Record<string, string | string[]>; body: string };
const body = Buffer.from(recorded.body, 'base64');
const app = Fastify();
app.get('/', (_request, reply) => reply.headers(recorded.headers).send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : ''}\n`);
