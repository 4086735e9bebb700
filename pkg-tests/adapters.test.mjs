// Real Lambda adapters as clients of the proxy event: an Express app wrapped
// by serverless-http and a Hono app behind hono/aws-lambda, unchanged, each
// served through gateway.fetch. Status, headers, cookies, query, path
// parameters and binary bodies must arrive intact both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import express from 'express';
import serverless from 'serverless-http';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createGateway } from '../www/portico.mjs';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x80]);
const api = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

/** The {proxy+} example with binary media types, the way such apps deploy. */
async function proxyApi() {
  const yaml = await readFile(new URL('../examples/proxy/openapi.yaml', import.meta.url), 'utf8');
  return `${yaml}\nx-amazon-apigateway-binary-media-types:\n  - image/png\n  - application/octet-stream\n`;
}

function expressApp() {
  const app = express();
  app.use(express.json());
  app.use(express.raw({ type: 'application/octet-stream' }));
  app.get('/users/:id', (req, res) => {
    res.set('X-User', req.params.id);
    res.cookie('session', 'abc', { httpOnly: true });
    res.cookie('theme', 'dark');
    res.json({ id: req.params.id, tags: req.query.tag, accept: req.get('accept') });
  });
  app.post('/echo', (req, res) => res.status(201).json({ received: req.body }));
  app.put('/bytes', (req, res) => res.json({ length: req.body.length, first: req.body[0], last: req.body[req.body.length - 1] }));
  app.get('/logo.png', (req, res) => res.type('png').send(Buffer.from(PNG)));
  app.get('/missing', (req, res) => res.status(404).send('nope'));
  return serverless(app, { binary: ['image/png', 'application/octet-stream'] });
}

function honoApp() {
  const app = new Hono();
  app.get('/users/:id', (c) => {
    c.header('X-User', c.req.param('id'));
    c.header('Set-Cookie', 'session=abc; HttpOnly', { append: true });
    c.header('Set-Cookie', 'theme=dark', { append: true });
    return c.json({ id: c.req.param('id'), tags: c.req.queries('tag'), accept: c.req.header('accept') });
  });
  app.post('/echo', async (c) => c.json({ received: await c.req.json() }, 201));
  app.put('/bytes', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json({ length: body.length, first: body[0], last: body[body.length - 1] });
  });
  app.get('/logo.png', (c) => c.body(PNG, 200, { 'Content-Type': 'image/png' }));
  app.get('/missing', (c) => c.text('nope', 404));
  return handle(app);
}

for (const [name, makeHandler] of [
  ['Express + serverless-http', expressApp],
  ['Hono + hono/aws-lambda', honoApp],
]) {
  test(`${name} through gateway.fetch`, async () => {
    const gateway = await createGateway(await proxyApi(), { lambdas: { app: makeHandler() } });

    const user = await gateway.fetch(new Request(`${api}/dev/users/42?tag=a&tag=b`, { headers: { Accept: 'application/json' } }));
    assert.equal(user.status, 200);
    assert.deepEqual(await user.json(), { id: '42', tags: ['a', 'b'], accept: 'application/json' });
    assert.equal(user.headers.get('x-user'), '42');
    assert.match(user.headers.get('content-type'), /^application\/json/);
    const cookies = user.headers.getSetCookie().map((c) => c.split(';')[0]);
    assert.deepEqual(cookies, ['session=abc', 'theme=dark']);

    const echo = await gateway.fetch(
      new Request(`${api}/dev/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":[1,2],"s":"é"}' }),
    );
    assert.equal(echo.status, 201);
    assert.deepEqual(await echo.json(), { received: { n: [1, 2], s: 'é' } });

    const bytes = await gateway.fetch(new Request(`${api}/dev/bytes`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: PNG }));
    assert.deepEqual(await bytes.json(), { length: PNG.length, first: 0x89, last: 0x80 });

    const logo = await gateway.fetch(new Request(`${api}/dev/logo.png`, { headers: { Accept: 'image/png' } }));
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await logo.arrayBuffer()), PNG);

    const missing = await gateway.fetch(new Request(`${api}/dev/missing`));
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), 'nope');
  });
}
