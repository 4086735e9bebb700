// Request-body validation per second, from body text to verdict: Portico's
// validator through wasm (the model compiled once, the text parsed and
// checked in wasm) beside JSON.parse + ajv (ajv-draft-04, with ajv-formats
// for the formats API Gateway checks, allErrors as API Gateway reports every
// error), compiled once. Both must agree that each body is valid before
// speed counts.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { compileSchema } from '../../www/portico.mjs';
import { compare, report } from './harness.mjs';

// A realistic order model: nested objects, a $ref'd line item, patterns,
// enums, numeric bounds, formats, required lists, closed objects.
export const orderModel = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'Order',
  type: 'object',
  required: ['orderId', 'customer', 'items', 'status', 'createdAt'],
  additionalProperties: false,
  properties: {
    orderId: { type: 'string', pattern: '^ord_[0-9a-f]{12}$' },
    status: { type: 'string', enum: ['pending', 'paid', 'shipped', 'cancelled'] },
    createdAt: { type: 'string', format: 'date-time' },
    customer: {
      type: 'object',
      required: ['id', 'email', 'name'],
      properties: {
        id: { type: 'integer', minimum: 1 },
        email: { type: 'string', format: 'email', maxLength: 254 },
        name: { type: 'string', minLength: 1, maxLength: 100 },
        phone: { type: 'string', pattern: '^\\+?[0-9 ]{7,20}$' },
      },
    },
    shipping: { $ref: '#/definitions/address' },
    items: { type: 'array', minItems: 1, maxItems: 5000, items: { $ref: '#/definitions/lineItem' } },
    tags: { type: 'array', uniqueItems: true, items: { type: 'string', maxLength: 30 } },
    total: { type: 'number', minimum: 0 },
  },
  definitions: {
    address: {
      type: 'object',
      required: ['line1', 'city', 'country'],
      properties: {
        line1: { type: 'string', minLength: 1 },
        line2: { type: 'string' },
        city: { type: 'string', minLength: 1 },
        postcode: { type: 'string', maxLength: 12 },
        country: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    },
    lineItem: {
      type: 'object',
      required: ['sku', 'quantity', 'unitPrice'],
      additionalProperties: false,
      properties: {
        sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' },
        quantity: { type: 'integer', minimum: 1, maximum: 1000 },
        unitPrice: { type: 'number', minimum: 0, exclusiveMinimum: true },
        note: { type: 'string', maxLength: 200 },
        gift: { type: 'boolean' },
      },
    },
  },
};

export function orderBody(itemCount) {
  return JSON.stringify({
    orderId: 'ord_0123456789ab',
    status: 'paid',
    createdAt: '2026-11-25T10:15:30Z',
    customer: { id: 42, email: 'ann.lee@example.com', name: 'Ann Lee', phone: '+44 20 7946 0000' },
    shipping: { line1: '1 Main Street', city: 'Springfield', postcode: 'AB1 2CD', country: 'GB' },
    items: Array.from({ length: itemCount }, (_, i) => ({
      sku: `ABC-${String(1000 + (i % 9000)).padStart(4, '0')}`,
      quantity: 1 + (i % 5),
      unitPrice: 9.99 + i,
      ...(i % 3 === 0 ? { note: 'leave at the door' } : {}),
      gift: i % 2 === 0,
    })),
    tags: ['web', 'priority'],
    total: 1234.5,
  });
}

const ajv = new Ajv({ allErrors: true });
const portico = await compileSchema(orderModel);
addFormats(ajv);
const ajvValidate = ajv.compile(orderModel);
// ajv's fastest configuration (stops at the first error) as a second peer.
const ajvFirst = new Ajv();
addFormats(ajvFirst);
const ajvFirstValidate = ajvFirst.compile(orderModel);

for (const [title, count] of [
  ['a 2 KB order (20 line items)', 20],
  ['a 200 KB order (2,800 line items)', 2800],
]) {
  const body = orderBody(count);
  const kb = (body.length / 1024).toFixed(1);
  const ours = portico.validateText(body);
  if (ours.length) throw new Error(`Portico rejects the benchmark body: ${JSON.stringify(ours)}`);
  if (!ajvValidate(JSON.parse(body))) throw new Error(`ajv rejects the benchmark body: ${JSON.stringify(ajvValidate.errors)}`);
  const opts = count > 100 ? { batch: 4, warmup: 20 } : {};
  report(
    `validation: ${title}, ${kb} KB of text to a verdict`,
    compare(
      [
        ['JSON.parse + ajv (draft-04, allErrors)', () => ajvValidate(JSON.parse(body))],
        ['JSON.parse + ajv (draft-04, first error)', () => ajvFirstValidate(JSON.parse(body))],
        ['portico compileSchema().validateText (wasm)', () => portico.validateText(body)],
      ],
      opts,
    ),
  );
}
