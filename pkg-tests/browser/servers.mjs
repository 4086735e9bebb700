// The browser tests' two local servers:
// - the app's origin (http://127.0.0.1:<port>): the test pages (/fixtures/),
//   the repository's /www/, /pkg/ and /examples/, and the workers at the root
//   (/sw.js, /my-sw.mjs, and /old-sw.js: sw.js speaking protocol 0, for the
//   mismatch test);
// - "another host" (http://localhost:<port>): echoes every request it gets
//   (method, path, headers, body as base64), with CORS open, and keeps them.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
const DIRS = {
  '/fixtures/': FIXTURES,
  '/www/': join(ROOT, 'www'),
  '/pkg/': join(ROOT, 'pkg'),
  '/examples/': join(ROOT, 'examples'),
  // where `npx portico init public/ --with-runtime` puts them
  '/portico/www/': join(ROOT, 'www'),
  '/portico/pkg/': join(ROOT, 'pkg'),
};
/** The README snippets' page: bare specifiers as a bundler would resolve them. */
const SNIPPET_PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "portico": "/www/portico.mjs", "portico/browser": "/www/browser.mjs" } }</script>
<script type="module" src="/snippet.mjs"></script>
`;

async function file(res, path, transform = (text) => text) {
  let body;
  try {
    body = await readFile(path);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
    return;
  }
  if (transform) body = Buffer.from(transform(body.toString('latin1')), 'latin1');
  res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
}

function text(res, type, body) {
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
}

function appServer(snippet) {
  return createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // A README snippet as the page's module (and its worker, if it has one),
    // next to ML_Model's definition and handlers as ./openapi.json, ./handlers.mjs.
    if (path === '/snippet.html') return text(res, TYPES['.html'], SNIPPET_PAGE);
    if (path === '/snippet.mjs') return text(res, TYPES['.mjs'], snippet.page ?? '');
    if (path === '/my-sw.mjs' && snippet.worker) return text(res, TYPES['.mjs'], snippet.worker);
    if (path === '/openapi.json') return file(res, join(ROOT, 'examples', 'ml-model', 'openapi.json'));
    if (path === '/handlers.mjs') return file(res, join(ROOT, 'examples', 'ml-model', 'handlers.mjs'));
    if (path === '/sw.js') return file(res, join(ROOT, 'www', 'sw.js'));
    if (path === '/old-sw.js')
      return file(res, join(ROOT, 'www', 'sw.js'), (text) => text.replace(/const PORTICO_PROTOCOL = \d+;/, 'const PORTICO_PROTOCOL = 0;'));
    if (path === '/my-sw.mjs') return file(res, join(FIXTURES, 'my-sw.mjs'));
    for (const [prefix, dir] of Object.entries(DIRS)) {
      if (path.startsWith(prefix)) {
        const target = resolve(dir, '.' + path.slice(prefix.length - 1));
        if (target.startsWith(dir + sep)) return file(res, target, null);
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
}

function echoServer(received) {
  return createServer(async (req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Allow-Methods': '*',
      'Access-Control-Expose-Headers': '*',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const echo = { method: req.method, url: req.url, headers: req.headers, body: body.toString('base64') };
    received.push(echo);
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'x-echo': 'yes' }).end(JSON.stringify(echo));
  });
}

function listen(server, host) {
  return new Promise((done) => server.listen(0, host, () => done(server.address().port)));
}

/**
 * Starts both servers: `{ origin, echoOrigin, received, snippet, close() }`;
 * set `snippet.page` (and `snippet.worker`) to serve a README snippet at
 * /snippet.html.
 */
export async function startServers() {
  const received = [];
  const snippet = {};
  const app = appServer(snippet);
  const echo = echoServer(received);
  const appPort = await listen(app, '127.0.0.1');
  const echoPort = await listen(echo, '127.0.0.1');
  return {
    origin: `http://127.0.0.1:${appPort}`,
    echoOrigin: `http://localhost:${echoPort}`,
    received,
    snippet,
    close: () =>
      Promise.all(
        [app, echo].map(
          (s) =>
            new Promise((done) => {
              s.closeAllConnections?.();
              s.close(done);
            }),
        ),
      ),
  };
}
