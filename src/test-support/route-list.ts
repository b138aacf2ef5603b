/**
 * The routes a built server really serves for one method, read from Fastify's own route tree, so a
 * test that must cover "every form" fails when a new route appears without being covered.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';

export function servedRoutes(app: FastifyInstance, method: HTTPMethods): string[] {
  const tree = app.printRoutes({ commonPrefix: false, method });
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = `${parents[depth - 1] ?? ''}${match[2]}`;
    parents[depth] = path;
    parents.length = depth + 1;
    if (match[3]?.split(', ').includes(method)) routes.push(path);
  }
  return routes.sort();
}
