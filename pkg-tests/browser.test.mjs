// Portico in a real browser: headless Chromium (Debian's, driven by
// playwright-core) loads a page whose app calls
// https://abc123.execute-api.us-east-1.amazonaws.com/dev/... and gets the
// gateway's answers through the Service Worker (relay and bundled modes),
// from the very first request after `await worker.start()`; requests for
// other hosts reach a local echo server untouched; page mode answers fetch
// and XMLHttpRequest where Service Workers are missing; a worker of another
// protocol is refused with what to do. The fixtures are in pkg-tests/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { createGateway } from '../www/portico.mjs';
import { startServers } from './browser/servers.mjs';
import { withTestRoutes } from './browser/api.mjs';
import { lambdas } from './browser/handlers.mjs';

const CHROMIUM = '/usr/bin/chromium';
const API = 'https://abc123.execute-api.us-east-1.amazonaws.com';
const ANSWER_HEADERS = ['content-length', 'content-type', 'date', 'x-amz-apigw-id', 'x-amzn-requestid', 'x-amzn-trace-id'];

let browser;
let servers;
let definition;

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (make test does), or apt-get install -y chromium`);
  }
  definition = withTestRoutes(JSON.parse(await readFile(new URL('../examples/ml-model/openapi.json', import.meta.url), 'utf8')));
  servers = await startServers();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await servers?.close();
});

/** The gateway's answer, computed in Node from the same definition and handlers. */
async function expected(path, init) {
  const gateway = await createGateway(definition, { lambdas, quiet: true });
  const response = await gateway.fetch(new Request(`${API}${path}`, init));
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

/** The failure report Node's gateway gives for the same request. */
async function nodeFailure(path, init) {
  const failures = [];
  const gateway = await createGateway(definition, { lambdas, onError: (failure) => failures.push(failure) });
  await gateway.fetch(new Request(`${API}${path}`, init));
  assert.equal(failures.length, 1);
  return failures[0];
}

/**
 * Opens the test app (pkg-tests/browser/app.html) in a fresh browser context
 * and waits for its start() and first request. Returns the page and what it
 * saw: console messages, and the network responses (fromServiceWorker tells
 * which ones the worker's respondWith gave, as DevTools shows it).
 */
async function openApp(t, query, { initScript } = {}) {
  const context = await browser.newContext();
  t.after(() => context.close());
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const messages = [];
  const responses = [];
  const requests = [];
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => messages.push({ type: 'pageerror', text: String(error) }));
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => responses.push(response));
  await page.goto(`${servers.origin}/fixtures/app.html?${query}`);
  await page.waitForFunction(() => window.app?.ready, null, { timeout: 20000 });
  const app = await page.evaluate(() => ({ first: window.app.first, error: window.app.error, mode: window.app.mode, controlled: window.app.controlled }));
  const call = (url, init) => page.evaluate(([u, i]) => window.app.fetch(u, i), [url, init]);
  const xhr = (method, url, body, headers) => page.evaluate(([m, u, b, h]) => window.app.xhr(m, u, b, h), [method, url, body, headers]);
  const events = () => page.evaluate(() => window.app.events);
  const responseFor = (url) => responses.find((r) => r.url() === url);
  return { page, app, messages, responses, requests, call, xhr, events, responseFor };
}

/** Waits (up to 5 s) until `condition()` holds; `shown` goes into the failure message. */
async function until(condition, shown) {
  const end = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out waiting; saw ${JSON.stringify(shown)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Checks an answer against the gateway's own: status, body, Content-Type, API Gateway's headers. */
async function assertGatewayAnswer(answer, path, init) {
  const want = await expected(path, init);
  assert.equal(answer.status, want.status);
  assert.equal(answer.body, want.body);
  const headers = new Map(answer.headers);
  assert.equal(headers.get('content-type'), want.contentType);
  for (const name of ANSWER_HEADERS) assert.ok(headers.has(name), `the answer has ${name}: ${JSON.stringify(answer.headers)}`);
  assert.match(headers.get('x-amzn-requestid'), /^[0-9a-f-]{36}$/);
}

test("relay mode: the first request after start() is answered through the Service Worker by the page's handlers", async (t) => {
  const s = await openApp(t, 'worker=/sw.js');
  assert.equal(s.app.error, null);
  assert.equal(s.app.mode, 'relay');
  assert.equal(s.app.controlled, true);

  // The very first request, made right after `await worker.start()`.
  await assertGatewayAnswer(s.app.first, '/dev/');
  const first = s.responseFor(`${API}/dev/`);
  assert.ok(first, 'the browser saw the request');
  assert.equal(first.fromServiceWorker(), true, "answered by the worker's respondWith");
  assert.match((await first.allHeaders())['x-amzn-requestid'], /^[0-9a-f-]{36}$/);
  const timing = await s.page.evaluate((url) => performance.getEntriesByName(url)[0]?.workerStart ?? 0, `${API}/dev/`);
  assert.ok(timing > 0, `resource timing shows a worker start (${timing})`);
  assert.ok(!s.requests.some((url) => url.startsWith(`${API}/`) && !s.responseFor(url)?.fromServiceWorker()), 'no gateway request reached the network');

  // A POST body reaches the Lambda handler, which runs in the page.
  const body = JSON.stringify({ name: 'Ada', n: [1, 2, 3] });
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
  const posted = await s.call(`${API}/dev/echo`, init);
  assert.equal(posted.status, 201);
  assert.deepEqual(JSON.parse(posted.body), { method: 'POST', path: '/echo', contentType: 'application/json', body, ranIn: 'page' });
  assert.equal(s.responseFor(`${API}/dev/echo`).fromServiceWorker(), true);

  // XMLHttpRequest goes through the worker too.
  const viaXhr = await s.xhr('GET', `${API}/dev/where`);
  assert.equal(viaXhr.status, 200);
  assert.deepEqual(JSON.parse(viaXhr.body), { ranIn: 'page' });
  assert.match(viaXhr.requestId, /^[0-9a-f-]{36}$/);

  // The gateway's lifecycle events, in the page.
  const seen = (await s.events()).filter((e) => e.url === `${API}/dev/`).map((e) => e.type);
  assert.deepEqual(seen, ['request:start', 'request:match', 'response:mocked', 'request:end']);
  // The handlers live in the page: use() replaces one, resetHandlers() brings it back.
  await s.page.evaluate(() => window.app.worker.use({ lambdas: { API_test: async () => ({ statusCode: 200, body: '"replaced"' }) } }));
  assert.equal(JSON.parse((await s.call(`${API}/dev/`)).body).body, '"replaced"');
  await s.page.evaluate(() => window.app.worker.resetHandlers());
  assert.equal((await s.call(`${API}/dev/`)).body, s.app.first.body);
});

test("log: true prints a line per request; a handler's exception reaches the page's console with its stack and the execution log", async (t) => {
  const s = await openApp(t, 'worker=/sw.js&log=1');
  assert.equal(s.app.error, null);
  await until(() => s.messages.some((m) => m.text.startsWith('GET /dev/ → ')), s.messages);
  assert.match(s.messages.find((m) => m.text.startsWith('GET /dev/ → ')).text, /^GET \/dev\/ → 200 API_test \d+ ms$/);
  await s.page.evaluate(() =>
    window.app.worker.use({
      lambdas: {
        echo: function failing() {
          throw new RangeError('no such model');
        },
      },
    }),
  );
  const failed = await s.call(`${API}/dev/echo`, { method: 'POST', body: '{}' });
  assert.equal(failed.status, 502);
  assert.equal(failed.body, '{"message": "Internal server error"}');
  const isReport = (m) => m.type === 'error' && m.text.startsWith('portico: ');
  await until(() => s.messages.some(isReport), s.messages);
  const [report] = s.messages.filter(isReport);
  const lines = report.text.split('\n');
  assert.equal(lines[0], 'portico: POST /dev/echo → 502: handler echo threw');
  assert.equal(lines[1], '  Execution log:');
  assert.match(report.text, / : Lambda execution failed with status 200 due to customer function error: no such model\. Lambda request id: /);
  assert.match(report.text, /RangeError: no such model\n\s+at failing /);
  await until(() => s.messages.some((m) => m.text.startsWith('POST /dev/echo → 502')), s.messages);
  assert.match(s.messages.find((m) => m.text.startsWith('POST /dev/echo → 502')).text, /^POST \/dev\/echo → 502 echo \d+ ms$/);
});

test('relay mode: a request for another host reaches it untouched, body included', async (t) => {
  const s = await openApp(t, 'worker=/sw.js');
  assert.equal(s.app.mode, 'relay');
  const url = `${servers.echoOrigin}/other/path?q=1`;
  const before = servers.received.length;
  const text = await s.call(url, { method: 'POST', body: 'plain text, untouched: é ✓' });
  assert.equal(text.status, 200);
  const echo = JSON.parse(text.body);
  assert.equal(echo.method, 'POST');
  assert.equal(echo.url, '/other/path?q=1');
  assert.equal(Buffer.from(echo.body, 'base64').toString(), 'plain text, untouched: é ✓');
  assert.equal(echo.headers['content-type'], 'text/plain;charset=UTF-8');
  assert.equal(s.responseFor(url).fromServiceWorker(), false, 'not answered by the worker');

  // Binary bytes, all 256 values, arrive as sent.
  const binary = await s.page.evaluate(async (u) => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const response = await fetch(u, { method: 'PUT', body: bytes });
    return (await response.json()).body;
  }, `${servers.echoOrigin}/binary`);
  assert.deepEqual(
    [...Buffer.from(binary, 'base64')],
    Array.from({ length: 256 }, (_, i) => i),
  );
  assert.equal(servers.received.length, before + 2);

  // The page hears that these went to the network.
  const bypassed = (await s.events()).filter((e) => e.url === url).map((e) => e.type);
  assert.deepEqual(bypassed, ['request:start', 'request:unhandled', 'response:bypass', 'request:end']);
});

test('relay mode: a custom domain base path maps to the stage; pause() lets requests through, start() resumes', async (t) => {
  const s = await openApp(t, `worker=/sw.js&hosts=${encodeURIComponent(`${servers.echoOrigin}/api`)}`);
  assert.equal(s.app.error, null);
  const url = `${servers.echoOrigin}/api/where`;
  const mapped = await s.call(url);
  assert.equal(mapped.status, 200);
  assert.deepEqual(JSON.parse(mapped.body), { ranIn: 'page' });
  // The same host outside the base path is not the gateway's.
  const outside = await s.call(`${servers.echoOrigin}/elsewhere`);
  assert.equal(JSON.parse(outside.body).url, '/elsewhere');

  await s.page.evaluate(() => window.app.worker.pause());
  const paused = await s.call(url);
  assert.equal(JSON.parse(paused.body).url, '/api/where', 'the echo server answered');
  await s.page.evaluate(() => window.app.worker.start());
  assert.deepEqual(JSON.parse((await s.call(url)).body), { ranIn: 'page' });

  await s.page.evaluate(() => window.app.worker.stop());
  assert.equal(JSON.parse((await s.call(url)).body).url, '/api/where', 'stopped: the echo server answers');
});

test('onUnhandledRequest: error fails a request for another host, warn lets it through with a warning', async (t) => {
  const s = await openApp(t, 'worker=/sw.js&unhandled=error');
  assert.equal(s.app.error, null);
  const before = servers.received.length;
  const failed = await s.call(`${servers.echoOrigin}/refused`, { method: 'POST', body: 'x' });
  assert.match(failed.error, /^TypeError/);
  assert.equal(servers.received.length, before, 'the request never left the browser');
  await until(
    () =>
      s.messages.some((m) => m.type === 'error' && m.text.includes(`POST ${servers.echoOrigin}/refused`) && m.text.includes("onUnhandledRequest is 'error'")),
    s.messages,
  );
  // The gateway's hosts are still answered.
  assert.equal((await s.call(`${API}/dev/`)).status, 200);

  const w = await openApp(t, 'worker=/sw.js&unhandled=warn');
  const passed = await w.call(`${servers.echoOrigin}/warned`);
  assert.equal(JSON.parse(passed.body).url, '/warned');
  await until(
    () =>
      w.messages.some(
        (m) =>
          m.type === 'warning' &&
          m.text.includes(`GET ${servers.echoOrigin}/warned went past the Service Worker`) &&
          m.text.includes("hosts: ['http://localhost:"),
      ),
    w.messages,
  );
});

test("bundled mode: a module worker of the user's answers with the handlers bundled in it", async (t) => {
  const s = await openApp(t, 'worker=/my-sw.mjs');
  assert.equal(s.app.error, null);
  assert.equal(s.app.mode, 'bundled');
  await assertGatewayAnswer(s.app.first, '/dev/');
  assert.equal(s.responseFor(`${API}/dev/`).fromServiceWorker(), true);

  const where = await s.call(`${API}/dev/where`);
  assert.deepEqual(JSON.parse(where.body), { ranIn: 'service-worker' });
  const body = 'name=Ada&x=1';
  const posted = await s.call(`${API}/dev/echo`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  assert.equal(posted.status, 201);
  assert.deepEqual(JSON.parse(posted.body), { method: 'POST', path: '/echo', contentType: 'application/x-www-form-urlencoded', body, ranIn: 'service-worker' });

  // The worker's gateway events arrive in the page.
  await s.page.waitForFunction((url) => window.app.events.some((e) => e.type === 'request:end' && e.url === url), `${API}/dev/where`);
  const seen = (await s.events()).filter((e) => e.url === `${API}/dev/where`).map((e) => e.type);
  assert.deepEqual(seen, ['request:start', 'request:match', 'response:mocked', 'request:end']);

  // use() from the page: the function runs in the page; resetHandlers() gives it back to the worker.
  await s.page.evaluate(() =>
    window.app.worker.use({ lambdas: { where: async () => ({ statusCode: 200, body: JSON.stringify({ ranIn: 'page override' }) }) } }),
  );
  assert.deepEqual(JSON.parse((await s.call(`${API}/dev/where`)).body), { ranIn: 'page override' });
  await s.page.evaluate(() => window.app.worker.resetHandlers());
  assert.deepEqual(JSON.parse((await s.call(`${API}/dev/where`)).body), { ranIn: 'service-worker' });

  // Other hosts: untouched.
  const other = await s.call(`${servers.echoOrigin}/from-bundled`, { method: 'POST', body: 'kept' });
  assert.equal(Buffer.from(JSON.parse(other.body).body, 'base64').toString(), 'kept');
  assert.equal(s.responseFor(`${servers.echoOrigin}/from-bundled`).fromServiceWorker(), false);
});

test("bundled mode: a handler's exception in the worker is printed once in the page's console, with its stack and the execution log", async (t) => {
  const s = await openApp(t, 'worker=/my-sw.mjs');
  assert.equal(s.app.mode, 'bundled');
  const failed = await s.call(`${API}/dev/fail`);
  await assertGatewayAnswer(failed, '/dev/fail');
  assert.equal(failed.body, '{"message": "Internal server error"}');

  const isReport = (m) => m.text.startsWith('portico: ');
  await until(() => s.messages.some(isReport), s.messages);
  // A later request's events come after any second copy the worker might have sent.
  await s.call(`${API}/dev/where`);
  await s.page.waitForFunction((url) => window.app.events.some((e) => e.type === 'request:end' && e.url === url), `${API}/dev/where`);
  const reports = s.messages.filter(isReport);
  assert.equal(reports.length, 1, JSON.stringify(s.messages));
  assert.equal(reports[0].type, 'error');

  // The headline, the execution log the core wrote (its lines as Node's gateway writes them for
  // the same request, the browser's headers aside), then the handler's Error with its stack.
  const lines = reports[0].text.split('\n');
  const source = await readFile(new URL('./browser/handlers.mjs', import.meta.url), 'utf8');
  const throwLine = source.split('\n').findIndex((line) => line.includes('throw new RangeError')) + 1;
  assert.deepEqual(lines.slice(0, 2), ['portico: GET /dev/fail → 502: handler fail threw', '  Execution log:']);
  assert.deepEqual(lines.slice(-2), [' RangeError: no model here (service-worker)', `    at failing (${servers.origin}/fixtures/handlers.mjs:${throwLine}:9)`]);
  const printed = lines.slice(2, -2);
  assert.ok(
    printed.every((line) => line.startsWith('    ')),
    JSON.stringify(printed),
  );
  const log = printed.map((line) => line.slice(4));
  const nodeLog = (await nodeFailure('/dev/fail')).log;
  const STAMP = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} : /;
  assert.ok(
    log.every((line) => STAMP.test(line)),
    JSON.stringify(log),
  );
  const label = (line) => line.replace(STAMP, '').split(/: |\. /)[0];
  assert.deepEqual(log.map(label), nodeLog.map(label));
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const tail = (line) => line.replace(STAMP, '').replace(UUID, 'UUID');
  assert.deepEqual(log.slice(-2).map(tail), [
    'Lambda execution failed with status 200 due to customer function error: no model here (service-worker). Lambda request id: UUID',
    'Method completed with status: 502',
  ]);
  assert.equal(tail(log[0]), 'Starting execution for request: UUID');
  assert.equal(tail(log[1]), 'HTTP Method: GET, Resource Path: /fail');
});

test("bundled mode: setupWorker's onError receives the worker's report, with the request, instead of the console", async (t) => {
  const s = await openApp(t, 'worker=/my-sw.mjs&onError=1');
  assert.equal(s.app.mode, 'bundled');
  const failed = await s.call(`${API}/dev/fail?x=1`);
  await assertGatewayAnswer(failed, '/dev/fail?x=1');
  await s.page.waitForFunction(() => window.app.failures.length > 0);
  const [failure] = await s.page.evaluate(() => window.app.failures);
  assert.deepEqual(
    { ...failure, stack: failure.stack.split('\n')[0], log: failure.log > 0 },
    {
      headline: 'GET /dev/fail → 502: handler fail threw',
      error: 'RangeError: no model here (service-worker)',
      stack: 'RangeError: no model here (service-worker)',
      log: true,
      url: `${API}/dev/fail?x=1`,
    },
  );
  assert.ok(!s.messages.some((m) => m.text.startsWith('portico: ')), JSON.stringify(s.messages));
});

test('page mode: without Service Workers, fetch and XMLHttpRequest are answered in the page', async (t) => {
  // Portico's start() finds no navigator.serviceWorker, as in an insecure
  // context or a browser without them.
  const s = await openApp(t, `worker=/sw.js&hosts=${encodeURIComponent(`${servers.echoOrigin}/api`)}`, {
    initScript: () => {
      delete Navigator.prototype.serviceWorker;
    },
  });
  assert.equal(s.app.error, null);
  assert.equal(s.app.mode, 'page');
  await assertGatewayAnswer(s.app.first, '/dev/');
  const notices = s.messages.filter((m) => m.text.includes('page mode'));
  assert.equal(notices.filter((m) => m.type === 'warning').length, 1, JSON.stringify(s.messages));
  assert.match(notices[0].text, /Service Workers are not available here/);
  assert.ok(!s.requests.some((url) => url.startsWith(API)), 'nothing went to the network for the gateway');

  const body = JSON.stringify({ via: 'fetch' });
  const posted = await s.call(`${API}/dev/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(posted.status, 201);
  assert.equal(JSON.parse(posted.body).body, body);

  const got = await s.xhr('GET', `${API}/dev/`);
  assert.equal(got.status, 200);
  assert.equal(got.body, s.app.first.body);
  assert.match(got.requestId, /^[0-9a-f-]{36}$/);
  assert.match(got.allHeaders, /^content-length: 74\r\ncontent-type: application\/json\r\n/);
  assert.equal(got.responseURL, `${API}/dev/`);
  assert.deepEqual(got.states, [1, 2, 3, 4]);
  const xhrPost = await s.xhr('POST', `${API}/dev/echo`, '{"via":"xhr"}', { 'Content-Type': 'application/json' });
  assert.equal(xhrPost.status, 201);
  assert.deepEqual(JSON.parse(xhrPost.body), { method: 'POST', path: '/echo', contentType: 'application/json', body: '{"via":"xhr"}', ranIn: 'page' });

  // Reading a property the responseType does not allow fails as the browser's own XMLHttpRequest does.
  const misread = (url) =>
    s.page.evaluate(async (u) => {
      const read = async (responseType, property) => {
        const x = new XMLHttpRequest();
        x.open('GET', u);
        x.responseType = responseType;
        await new Promise((done) => {
          x.onloadend = done;
          x.send();
        });
        try {
          return x[property];
        } catch (error) {
          return `${error.name}: ${error.message}`;
        }
      };
      return [await read('arraybuffer', 'responseText'), await read('json', 'responseXML')];
    }, url);
  const [gatewayErrors, browserErrors] = [await misread(`${API}/dev/`), await misread(`${servers.echoOrigin}/page-mode-misread`)];
  assert.deepEqual(gatewayErrors, browserErrors);
  assert.deepEqual(gatewayErrors, [
    "InvalidStateError: Failed to read the 'responseText' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'text' (was 'arraybuffer').",
    "InvalidStateError: Failed to read the 'responseXML' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'document' (was 'json').",
  ]);

  // Other hosts go to the network, by fetch and by XMLHttpRequest.
  const before = servers.received.length;
  const other = await s.call(`${servers.echoOrigin}/page-mode`, { method: 'POST', body: 'untouched' });
  assert.equal(Buffer.from(JSON.parse(other.body).body, 'base64').toString(), 'untouched');
  const otherXhr = await s.xhr('POST', `${servers.echoOrigin}/page-mode-xhr`, 'also untouched');
  assert.equal(Buffer.from(JSON.parse(otherXhr.body).body, 'base64').toString(), 'also untouched');
  assert.equal(servers.received.length, before + 2);
  const bypassed = (await s.events()).filter((e) => e.url === `${servers.echoOrigin}/page-mode`).map((e) => e.type);
  assert.deepEqual(bypassed, ['request:start', 'request:unhandled', 'response:bypass', 'request:end']);

  // A custom domain's base path, by fetch and XMLHttpRequest; stop() puts both back.
  assert.deepEqual(JSON.parse((await s.call(`${servers.echoOrigin}/api/where`)).body), { ranIn: 'page' });
  assert.deepEqual(JSON.parse((await s.xhr('GET', `${servers.echoOrigin}/api/where`)).body), { ranIn: 'page' });
  await s.page.evaluate(() => window.app.worker.stop());
  assert.equal(JSON.parse((await s.call(`${servers.echoOrigin}/api/where`)).body).url, '/api/where');
  assert.equal(JSON.parse((await s.xhr('GET', `${servers.echoOrigin}/api/where`)).body).url, '/api/where');
});

test('page mode with onUnhandledRequest error: fetch rejects and XMLHttpRequest fails for other hosts, nothing is sent', async (t) => {
  const s = await openApp(t, 'worker=/sw.js&unhandled=error', {
    initScript: () => {
      delete Navigator.prototype.serviceWorker;
    },
  });
  assert.equal(s.app.mode, 'page');
  const before = servers.received.length;
  assert.match((await s.call(`${servers.echoOrigin}/no`, { method: 'POST', body: 'x' })).error, /^TypeError: Failed to fetch/);
  const failed = await s.xhr('POST', `${servers.echoOrigin}/no-xhr`, 'x');
  assert.deepEqual(failed, { error: true, status: 0, states: [1, 4] });
  assert.equal(servers.received.length, before);
  const errors = s.messages.filter((m) => m.type === 'error' && m.text.includes('was stopped by the page'));
  assert.equal(errors.length, 2, JSON.stringify(s.messages));
  const refused = (await s.events()).filter((e) => e.url === `${servers.echoOrigin}/no-xhr`).map((e) => e.type);
  assert.deepEqual(refused, ['request:start', 'request:unhandled', 'request:end'], 'no response:bypass: nothing went out');
  assert.equal((await s.xhr('GET', `${API}/dev/`)).status, 200);
});

test('a worker of another protocol is refused, with the command that updates it', async (t) => {
  const s = await openApp(t, 'worker=/old-sw.js');
  assert.match(s.app.error, /the Service Worker \/old-sw\.js speaks protocol 0 \(Portico 0\.1\.0\), this page's Portico 0\.1\.0 speaks protocol 2/);
  assert.match(s.app.error, /run `npx portico init <publicDir>` \(e\.g\. `npx portico init public\/`/);
  // What the worker prints on its side comes along.
  assert.match(
    s.app.error,
    /The worker's own console says: Portico: this Service Worker \(\/old-sw\.js, Portico 0\.1\.0\) speaks protocol 0, but the page's Portico 0\.1\.0 speaks protocol 2/,
  );
  assert.ok(s.messages.some((m) => m.type === 'error' && m.text.includes('npx portico init')));
  assert.equal(s.app.first, null);
});

// The README's browser snippets (pkg-tests/browser/snippets/, and any
// ```js browser block of README.md, with the ```js worker block before it as
// its /my-sw.mjs) run in a page whose import map resolves 'portico' and
// 'portico/browser' as a bundler would, next to ML_Model's openapi.json and
// handlers.mjs; each must log what its last comment says.
const snippetDir = new URL('./browser/snippets/', import.meta.url);
const snippets = [];
for (const [page, worker] of [['relay.mjs'], ['bundled-page.mjs', 'bundled-sw.mjs'], ['hosts.mjs'], ['page-mode.mjs'], ['events.mjs']]) {
  snippets.push({
    label: `snippets/${page}`,
    page: await readFile(new URL(page, snippetDir), 'utf8'),
    worker: worker && (await readFile(new URL(worker, snippetDir), 'utf8')),
  });
}
{
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  let worker;
  let n = 0;
  for (const [, kind, code] of readme.matchAll(/```js (browser|worker)\n([\s\S]*?)```/g)) {
    if (kind === 'worker') {
      worker = code;
      continue;
    }
    n += 1;
    if (!snippets.some((s) => s.page === code && s.worker === worker)) snippets.push({ label: `README.md browser example ${n}`, page: code, worker });
    worker = undefined;
  }
}

for (const snippet of snippets) {
  const expectedLine = [...snippet.page.matchAll(/\/\/ (.*)$/gm)].at(-1)[1];
  test(`${snippet.label} logs ${expectedLine}`, async (t) => {
    servers.snippet.page = snippet.page;
    servers.snippet.worker = snippet.worker;
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const logs = [];
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`pageerror: ${error}`));
    await page.goto(`${servers.origin}/snippet.html`);
    await until(() => logs.includes(`log: ${expectedLine}`) || logs.some((l) => l.startsWith('pageerror')), logs);
    assert.ok(logs.includes(`log: ${expectedLine}`), JSON.stringify(logs));
  });
}
