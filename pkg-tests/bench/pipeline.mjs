// A full REST request per second, through gateway.fetch: routing, parameter
// and body validation, request template, a Lambda handler, response
// template and header mapping (a custom integration); and routing plus a
// Lambda proxy handler. Beside it, in the same run: the same work as plain
// JS handlers behind msw@2's getResponse (what frontend mocks use today),
// and Portico's native Rust pipeline on the same API and requests (no JS,
// no wasm; `cargo bench --bench pipeline`).
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse, getResponse } from 'msw';
import { createGateway } from '../../www/portico.mjs';
import { measureAsync, report } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const definition = await readFile(new URL('./fixtures/orders-api.json', import.meta.url), 'utf8');
const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const orderBody = JSON.stringify({
  customer: { email: 'ann@example.com', name: 'Ann' },
  items: [
    { sku: 'ABC-1234', quantity: 2 },
    { sku: 'XYZ-0001', quantity: 1 },
  ],
  note: 'leave at the door',
});

// The integration's Lambda functions, the same for Portico and msw.
const orders = async (event) => ({ id: 'o-1', total: 42.5, count: event.lines.length, location: `/shops/${event.shop}/orders/o-1` });
const order = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ id: event.pathParameters.orderId, shop: event.pathParameters.shopId }),
});

const gateway = await createGateway(definition, { lambdas: { orders, order } });
const post = () =>
  new Request(`${origin}/dev/shops/s1/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Version': '2' }, body: orderBody });
const get = () => new Request(`${origin}/dev/shops/s1/orders/o-1`);

// msw: plain handlers doing the same checks and shaping by hand.
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const SKU = /^[A-Z]{3}-[0-9]{4}$/;
const handlers = [
  http.post(`${origin}/dev/shops/:shopId/orders`, async ({ request, params }) => {
    if (!request.headers.get('x-api-version')) return HttpResponse.json({ message: 'Missing required request parameters: [X-Api-Version]' }, { status: 400 });
    const body = await request.json();
    const valid =
      body &&
      typeof body === 'object' &&
      body.customer &&
      EMAIL.test(body.customer.email) &&
      Array.isArray(body.items) &&
      body.items.length > 0 &&
      body.items.every((i) => SKU.test(i.sku) && Number.isInteger(i.quantity) && i.quantity >= 1);
    if (!valid) return HttpResponse.json({ message: 'Invalid request body' }, { status: 400 });
    const result = await orders({ shop: params.shopId, email: body.customer.email, lines: body.items });
    return HttpResponse.json({ id: result.id, total: result.total, items: result.count }, { status: 201, headers: { Location: result.location } });
  }),
  http.get(`${origin}/dev/shops/:shopId/orders/:orderId`, async ({ params }) => {
    const result = await order({ pathParameters: params });
    return new HttpResponse(result.body, { status: result.statusCode, headers: result.headers });
  }),
];

// Same answers before speed counts.
const ours = await gateway.fetch(post());
const theirs = await getResponse(handlers, post());
const [a, b] = [await ours.text(), await theirs.text()];
if (ours.status !== 201 || JSON.parse(a).items !== 2 || a.replace(/\s/g, '') !== b.replace(/\s/g, '')) {
  throw new Error(`the two setups disagree: portico ${ours.status} ${a} / msw ${theirs.status} ${b}`);
}
if (ours.headers.get('location') !== '/shops/s1/orders/o-1') throw new Error('portico lost the Location header');

const native = JSON.parse(execFileSync('cargo', ['bench', '--quiet', '--bench', 'pipeline'], { cwd: root, encoding: 'utf8' }).trim());

for (const [title, make, key] of [
  ['POST with validation, request and response templates, a custom Lambda integration', post, 'custom'],
  ['GET with a Lambda proxy integration', get, 'proxy'],
]) {
  report(`pipeline: ${title}`, [
    ['msw@2 getResponse (plain JS handler)', await measureAsync(async () => (await getResponse(handlers, make())).arrayBuffer())],
    ['portico gateway.fetch (wasm)', await measureAsync(async () => (await gateway.fetch(make())).arrayBuffer())],
    ['portico native Rust pipeline (no JS)', native[key]],
  ]);
}
