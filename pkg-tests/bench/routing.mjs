// Route lookups per second on a 300-resource API: Portico's router through
// wasm (gateway.route) beside find-my-way, the router Fastify uses.
import FindMyWay from 'find-my-way';
import { createGateway } from '../../www/portico.mjs';
import { definition, paths, requests } from '../fixtures/api300.mjs';
import { compare, report } from './harness.mjs';

const gateway = await createGateway(definition);
const router = FindMyWay();
const methods = { 'x-amazon-apigateway-any-method': ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] };
for (const [path, item] of Object.entries(paths)) {
  const fmw = `/dev${path.replace(/\{([^}+]+)\+\}/g, '*').replace(/\{([^}]+)\}/g, ':$1')}`;
  for (const key of Object.keys(item)) {
    for (const method of methods[key] ?? [key.toUpperCase()]) router.on(method, fmw, () => path);
  }
}

// Portico must land every request where API Gateway does before its speed
// means anything. find-my-way keeps one tree per method, so where API Gateway
// answers 403 (a literal without the method) it may match a sibling instead.
let differ = 0;
for (const [method, path, resource] of requests) {
  const ours = gateway.route(method, path)?.resourcePath ?? null;
  if (ours !== resource) throw new Error(`${method} ${path}: expected ${resource}, portico ${ours}`);
  if ((router.find(method, path)?.handler() ?? null) !== resource) differ += 1;
}

const n = requests.length;
report(
  `Route lookups on a ${Object.keys(paths).length}-path, 300-resource API (${n} requests, hits and misses)`,
  compare([
    [
      'find-my-way 9 (router.find)',
      (i) => {
        const [m, p] = requests[i % n];
        router.find(m, p);
      },
    ],
    [
      'portico wasm (gateway.route)',
      (i) => {
        const [m, p] = requests[i % n];
        gateway.route(m, p);
      },
    ],
  ]),
);
console.log(`  (find-my-way routes ${differ} of ${n} requests differently from API Gateway)`);
