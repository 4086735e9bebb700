#!/usr/bin/env node
// A local endpoint for an API, like `sam local start-api`: requests under
// /{stage}/ go through the gateway, `/` shows the playground page.
//
//   node www/server.mjs --api examples/ml-model/openapi.json \
//     --handlers examples/ml-model/handlers.mjs [--port 3000] [--stage dev]

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, extname, join, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGateway } from './portico.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const STATIC = { '/www/': join(ROOT, 'www'), '/pkg/': join(ROOT, 'pkg') };
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** Reads a handler module: named exports, or a default export object, keyed by function name. */
export async function loadHandlers(path) {
  if (!path) return {};
  const module = await import(pathToFileURL(resolve(path)).href);
  const lambdas = {};
  for (const [name, value] of Object.entries(module)) {
    if (name === 'default' && value && typeof value === 'object') Object.assign(lambdas, value);
    else if (typeof value === 'function') lambdas[name] = value;
  }
  return lambdas;
}

/** Starts the server; resolves to `{ server, port, gateway }`. */
export async function serve({ api, handlers, port = 3000, stage = 'dev', host = '127.0.0.1' }) {
  const definition = await readFile(resolve(api), 'utf8').catch((e) => {
    throw new Error(`cannot read the API definition ${api}: ${e.message}`);
  });
  const gateway = await createGateway(definition, { stage, lambdas: await loadHandlers(handlers) });
  for (const w of gateway.warnings) console.warn(`warning at ${w.pointer || '/'}: ${w.message}`);

  const server = createServer(async (req, res) => {
    try {
      const [path, query = ''] = req.url.split(/\?(.*)/s, 2);
      if (req.method === 'GET' && path === '/') return await sendFile(res, join(ROOT, 'www', 'index.html'));
      for (const [prefix, dir] of Object.entries(STATIC)) {
        if (req.method === 'GET' && path.startsWith(prefix)) {
          const file = resolve(dir, '.' + decodeURIComponent(path.slice(prefix.length - 1)));
          if (file.startsWith(dir + sep)) return await sendFile(res, file);
        }
      }
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const response = await gateway.handle({
        method: req.method,
        path,
        query: query.split('#')[0],
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      });
      const rawHeaders = response.headers.flat();
      res.writeHead(response.status, rawHeaders);
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(response.body));
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`portico: ${error.message}\n`);
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  return { server, port: server.address().port, gateway };
}

async function sendFile(res, file) {
  let data;
  try {
    data = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('not found\n');
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(data);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      api: { type: 'string', default: join(ROOT, 'examples/ml-model/openapi.json') },
      handlers: { type: 'string', default: join(ROOT, 'examples/ml-model/handlers.mjs') },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      stage: { type: 'string', default: 'dev' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  try {
    const { port } = await serve({ ...values, port: Number(values.port) });
    console.log(`Portico serving ${values.api}`);
    console.log(`  API:        http://${values.host}:${port}/${values.stage}/`);
    console.log(`  Playground: http://${values.host}:${port}/`);
  } catch (error) {
    console.error(`portico: ${error.message}`);
    process.exit(1);
  }
}
