// www/sw.js in a stand-in Service Worker scope (node:vm): what it answers,
// what it leaves alone (no respondWith), the page that is gone (503), the
// protocol check, and that its host rule is the one of www/browser/hosts.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { compileHosts, matchUrl } from '../www/browser/hosts.mjs';
import { MESSAGES, PROTOCOL, VERSION } from '../www/browser/protocol.mjs';

const source = await readFile(new URL('../www/sw.js', import.meta.url), 'utf8');

/** Checks a message against the protocol table: a declared type, its fields, no others. */
function assertDeclared(direction, message) {
  const declared = MESSAGES[direction][message?.type];
  assert.ok(declared, `${message?.type} is not a message ${direction} in www/browser/protocol.mjs`);
  const fields = Object.keys(declared.payload);
  const required = fields.filter((field) => !field.endsWith('?'));
  const allowed = fields.map((field) => field.replace(/\?$/, ''));
  const given = Object.keys(message).filter((key) => key !== 'type');
  assert.deepEqual(
    given.filter((key) => !allowed.includes(key)),
    [],
    `${message.type} carries undeclared fields`,
  );
  assert.deepEqual(
    required.filter((field) => !given.includes(field)),
    [],
    `${message.type} lacks declared fields`,
  );
}
const API = 'https://abc123.execute-api.us-east-1.amazonaws.com';

/** Loads sw.js in a fresh scope; `pages` maps client ids to stand-in WindowClients. */
function loadWorker() {
  const listeners = {};
  const pages = new Map();
  const posted = [];
  const scope = {
    addEventListener: (type, listener) => {
      listeners[type] = listener;
    },
    skipWaiting: async () => {},
    location: new URL('http://127.0.0.1:8080/sw.js'),
    clients: {
      get: async (id) => pages.get(id),
      matchAll: async () => [...pages.values()],
      claim: async () => {},
    },
    Response,
    Request,
    Headers,
    URL,
    MessageChannel,
    console,
    setInterval,
    clearInterval,
    fetch: async (request) => new Response(`network: ${request.method} ${request.url}`),
  };
  scope.self = scope;
  vm.runInNewContext(source, scope, { filename: 'sw.js' });

  /** Sends a message from a page; resolves to the worker's reply. */
  function message(clientId, data) {
    return new Promise((resolve) => {
      const pending = [];
      const reply = (answer) => {
        assertDeclared('toPage', answer);
        resolve(answer);
      };
      listeners.message({ data, source: { id: clientId }, ports: [{ postMessage: reply }], waitUntil: (p) => pending.push(p) });
    });
  }
  /** Dispatches a fetch event; resolves to the Response given to respondWith, or null when none was. */
  async function fetchEvent(clientId, request) {
    let answer = null;
    listeners.fetch({
      request,
      clientId,
      respondWith: (p) => {
        answer = p;
      },
      waitUntil: () => {},
    });
    return answer === null ? null : await answer;
  }
  /** A page that answers relayed requests with `respond(message)`. */
  function page(id, respond) {
    const client = {
      id,
      postMessage(data, transfer = []) {
        assertDeclared('toPage', data);
        posted.push(data);
        const [port] = transfer;
        if (port) {
          Promise.resolve(respond(data)).then((reply) => {
            port.postMessage(reply);
            port.close();
          });
        }
      },
    };
    pages.set(id, client);
    return client;
  }
  return { scope, message, fetchEvent, page, pages, posted };
}

const start = (w, id, extra = {}) => w.message(id, { type: 'PORTICO_START', protocol: PROTOCOL, hosts: compileHosts(), unhandled: 'notify', ...extra });

test('the handshake: the same protocol is welcome; another one is refused with the command to run', async () => {
  const w = loadWorker();
  const hello = await w.message('a', { type: 'PORTICO_HELLO', protocol: PROTOCOL, version: VERSION });
  assert.deepEqual({ ...hello }, { type: 'PORTICO_HELLO', ok: true, protocol: PROTOCOL, version: VERSION, mode: 'relay', message: '' });
  const errors = [];
  const original = console.error;
  console.error = (text) => errors.push(text);
  try {
    const old = await w.message('a', { type: 'PORTICO_HELLO', protocol: 3, version: '9.0.0' });
    assert.equal(old.ok, false);
    assert.equal(
      old.message,
      "Portico: this Service Worker (/sw.js, Portico 0.1.0) speaks protocol 2, but the page's Portico 9.0.0 speaks protocol 3, so the worker answers nothing for that page. Run `npx portico init <publicDir>` (e.g. `npx portico init public/`, the directory your server serves /sw.js from) to copy the matching worker over /sw.js, then reload the page.",
    );
    assert.deepEqual(errors, [old.message]);
    const refused = await w.message('a', { type: 'PORTICO_START', protocol: 3, hosts: compileHosts() });
    assert.equal(refused.type, 'PORTICO_REFUSED');
  } finally {
    console.error = original;
  }
  // The refused page was not started.
  assert.equal(await w.fetchEvent('a', new Request(`${API}/dev/`)), null);
});

test("a started page's gateway requests are relayed to it, body included, and its answer is the response", async () => {
  const w = loadWorker();
  w.page('a', (data) => ({
    type: 'PORTICO_RESPONSE',
    response: {
      status: 201,
      statusText: 'Created',
      headers: [
        ['x-amzn-requestid', 'r-1'],
        ['content-type', 'application/json'],
      ],
      body: new TextEncoder().encode(`{"got":${JSON.stringify(new TextDecoder().decode(data.request.body))}}`).buffer,
    },
  }));
  assert.equal(await w.fetchEvent('a', new Request(`${API}/dev/`)), null, 'not before start');
  await start(w, 'a');
  const response = await w.fetchEvent('a', new Request(`${API}/dev/echo`, { method: 'POST', body: 'hello', headers: { 'X-Trace': 't' } }));
  assert.equal(response.status, 201);
  assert.equal(response.headers.get('x-amzn-requestid'), 'r-1');
  assert.equal(await response.text(), '{"got":"hello"}');
  const relayed = w.posted.at(-1);
  assert.equal(relayed.type, 'PORTICO_REQUEST');
  assert.equal(relayed.request.method, 'POST');
  assert.equal(relayed.request.url, `${API}/dev/echo`);
  // (JSON: the worker's arrays come from another realm)
  assert.deepEqual(JSON.parse(JSON.stringify(relayed.request.headers)), [
    ['content-type', 'text/plain;charset=UTF-8'],
    ['x-trace', 't'],
  ]);
  assert.deepEqual(relayed.entry, { type: 'host', pattern: '*.execute-api.*.amazonaws.com' });
  // Another page, not started: untouched.
  w.page('b', () => assert.fail('page b was asked'));
  assert.equal(await w.fetchEvent('b', new Request(`${API}/dev/`)), null);
});

test('other hosts, navigations and a paused page are left alone (no respondWith); the page hears of bypassed fetches', async () => {
  const w = loadWorker();
  w.page('a', () => assert.fail('relayed'));
  await start(w, 'a');
  assert.equal(await w.fetchEvent('a', new Request('http://localhost:9999/x', { method: 'POST', body: 'b' })), null);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(JSON.parse(JSON.stringify(w.posted.at(-1))), {
    type: 'PORTICO_BYPASS',
    request: { method: 'POST', url: 'http://localhost:9999/x', headers: [['content-type', 'text/plain;charset=UTF-8']] },
  });
  const navigation = { url: `${API}/dev/`, mode: 'navigate', method: 'GET', headers: new Headers(), destination: 'document' };
  assert.equal(await w.fetchEvent('a', navigation), null);
  await w.message('a', { type: 'PORTICO_PAUSE', protocol: PROTOCOL });
  assert.equal(await w.fetchEvent('a', new Request(`${API}/dev/`)), null);
  await w.message('a', { type: 'PORTICO_RESUME', protocol: PROTOCOL });
  await w.message('a', { type: 'PORTICO_STOP', protocol: PROTOCOL });
  assert.equal(await w.fetchEvent('a', new Request(`${API}/dev/`)), null, 'stopped');
});

test('onUnhandledRequest error: the worker fails requests for other hosts', async () => {
  const w = loadWorker();
  w.page('a', () => ({}));
  await start(w, 'a', { unhandled: 'error' });
  const response = await w.fetchEvent('a', new Request('http://localhost:9999/x'));
  assert.equal(response.type, 'error');
});

test('a page that is gone gets a 503 that says so; a network error from the page is Response.error()', async () => {
  const w = loadWorker();
  w.page('a', () => ({ type: 'PORTICO_NETWORK_ERROR', message: 'Failed to fetch' }));
  await start(w, 'a');
  assert.equal((await w.fetchEvent('a', new Request(`${API}/dev/`))).type, 'error');
  w.pages.delete('a');
  const gone = await w.fetchEvent('a', new Request(`${API}/dev/pets`));
  assert.equal(gone.status, 503);
  assert.equal(gone.headers.get('x-portico-error'), 'true');
  assert.deepEqual(await gone.json(), {
    message: `Portico: the page that sent GET ${API}/dev/pets is gone (closed, reloaded or navigated away), so no handler can answer it. Reload the page: it is answered again once \`await worker.start()\` has run.`,
  });
});

test('a ping restores a page the worker forgot (the browser stopped and restarted it)', async () => {
  const w = loadWorker();
  w.page('a', () => ({ type: 'PORTICO_RESPONSE', response: { status: 200, headers: [], body: new ArrayBuffer(0) } }));
  await w.message('a', { type: 'PORTICO_PING', protocol: PROTOCOL, hosts: compileHosts(), unhandled: 'notify' });
  assert.equal((await w.fetchEvent('a', new Request(`${API}/dev/`))).status, 200);
});

test("sw.js and the page's modules agree on hosts, base paths, protocol and version", async () => {
  const w = loadWorker();
  const hosts = compileHosts([
    'api.internal.test',
    'localhost:4000',
    '*.example.org',
    'https://api.example.com/v1',
    { url: 'https://api.example.com/v1/admin', stage: 'prod' },
    'https://root.example.net',
  ]);
  const urls = [
    `${API}/dev/`,
    'https://ABC.execute-api.eu-west-1.amazonaws.com/x',
    'https://a.b.execute-api.us-east-1.amazonaws.com/x',
    'https://execute-api.us-east-1.amazonaws.com/x',
    'http://api.internal.test:81/dev',
    'http://localhost:4000/x',
    'http://localhost:4001/x',
    'https://x.example.org/',
    'https://example.org/',
    'https://api.example.com/v1',
    'https://api.example.com/v1/pets',
    'https://api.example.com/v10',
    'https://api.example.com/v1/admin/users',
    'http://api.example.com/v1/pets',
    'https://root.example.net/anything',
    'ftp://api.internal.test/',
  ];
  for (const url of urls) {
    const ours = matchUrl(hosts, url);
    const workers = w.scope.__porticoWorker.matchUrl(hosts, new URL(url));
    assert.deepEqual(workers && { ...workers }, ours, url);
  }
  assert.equal(matchUrl(hosts, 'https://api.example.com/v1/admin/users').stage, 'prod');
  assert.equal(matchUrl(hosts, 'https://api.example.com/v10'), null);
  assert.equal(w.scope.__porticoWorker.protocol, PROTOCOL);
  const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(w.scope.__porticoWorker.version, version);
  assert.equal(VERSION, version);
});

test('sw.js carries the protocol table of www/browser/protocol.mjs, and every message type named in the code is in it', async () => {
  const w = loadWorker();
  // (JSON: the worker's objects come from another realm)
  assert.deepEqual(JSON.parse(JSON.stringify(w.scope.__porticoWorker.messages)), MESSAGES);
  const declared = new Set([...Object.keys(MESSAGES.toWorker), ...Object.keys(MESSAGES.toPage)]);
  const files = ['sw.js', 'sw-gateway.mjs', ...(await readdir(new URL('../www/browser/', import.meta.url))).map((name) => `browser/${name}`)];
  const named = new Set();
  for (const file of files) {
    // The tables themselves aside: what counts is the code that sends and reads messages.
    const text = (await readFile(new URL(`../www/${file}`, import.meta.url), 'utf8')).replace(
      /const (PORTICO_)?PAGE_CONFIG = \{[\s\S]*?\n(export )?const (PORTICO_)?MESSAGES = \{[\s\S]*?\n\};\n/,
      '',
    );
    for (const [, type] of text.matchAll(/'(PORTICO_[A-Z_]+)'/g)) {
      assert.ok(declared.has(type), `${file} names ${type}, which the table does not declare`);
      named.add(type);
    }
  }
  assert.deepEqual(
    [...declared].filter((type) => !named.has(type)),
    [],
    'declared but never named',
  );
  for (const { replies = [] } of [...Object.values(MESSAGES.toWorker), ...Object.values(MESSAGES.toPage)]) {
    for (const reply of replies) assert.ok(declared.has(reply), reply);
  }
});
