#!/usr/bin/env node
// A local endpoint for an API, like `sam local start-api`: requests under
// /{stage}/ go through the gateway, `/` shows the playground page, /www/ and
// /pkg/ serve the harness files. With `watch: true` it reloads the definition
// and the handlers when their files change. The command line is
// bin/portico.mjs (`portico serve api.yaml --handlers handlers.mjs`); this
// file is the library behind it, and still runs on its own:
//
//   node www/server.mjs --api examples/ml-model/openapi.json \
//     --handlers examples/ml-model/handlers.mjs [--port 3000] [--stage dev]

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { watch as watchDirectory } from 'node:fs';
import { execFile } from 'node:child_process';
import * as nodeModule from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { resolve, relative, isAbsolute, dirname, basename, extname, join, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { handlersOf } from './core/lambda.mjs';
import { RELOAD_PARAM } from './node/reload-hook.mjs';
import { describeDocument } from './node/log.mjs';
import { requestLine } from './browser/request-log.mjs';
import { openProject } from './node/project.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const STATIC = { '/www/': join(ROOT, 'www'), '/pkg/': join(ROOT, 'pkg') };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

// ---------------------------------------------------------------------------
// Handler modules, and importing them afresh (see node/reload-hook.mjs).

let generation = 0;
let hookPort = null; // the main side of the channel to the resolve hook, once registered
const dependencyListeners = new Set();

function registerResolveHook() {
  if (hookPort || typeof nodeModule.register !== 'function') return;
  const { port1, port2 } = new MessageChannel();
  nodeModule.register(new URL('./node/reload-hook.mjs', import.meta.url), {
    data: { port: port2 },
    transferList: [port2],
  });
  port1.on('message', ({ generation: gen, file }) => {
    for (const listener of dependencyListeners) listener(gen, fileURLToPath(file));
  });
  port1.unref();
  hookPort = port1;
}

/**
 * Reads a handler module: named exports, or a default export object, keyed by
 * function name. With `{ fresh: true }` the module, and the modules it imports
 * from its own directory tree, are evaluated again instead of coming from
 * Node's module cache.
 */
export async function loadHandlers(path, { fresh = false } = {}) {
  return importHandlers(path, fresh ? ++generation : 0);
}

/**
 * Imports a handler module; a `gen` above 0 imports it afresh under that
 * generation. `candidates` are the files to look in for a SyntaxError's place
 * (beside the module itself).
 */
async function importHandlers(path, gen, candidates = []) {
  if (!path) return {};
  const url = pathToFileURL(resolve(path));
  const tree = dirname(resolve(path)) + sep;
  if (gen > 0) {
    registerResolveHook();
    url.searchParams.set(RELOAD_PARAM, String(gen));
    // CommonJS modules (a .cjs handler, or what it requires) are cached by file name.
    for (const file of commonJsTree(tree)) delete requireCache[file];
  }
  try {
    return handlersOf(await import(url.href));
  } catch (error) {
    throw await describeImportError(error, path, candidates);
  } finally {
    if (gen > 0) {
      for (const file of commonJsTree(tree)) for (const listener of dependencyListeners) listener(gen, file);
    }
  }
}

const requireCache = nodeModule.createRequire(import.meta.url).cache;

/** The CommonJS modules loaded from a directory tree (node_modules excluded). */
function commonJsTree(tree) {
  return Object.keys(requireCache).filter((file) => file.startsWith(tree) && !file.includes(`${sep}node_modules${sep}`));
}

/**
 * An import error that says where: Node's SyntaxError for an ES module names
 * neither the file nor the line, so `node --check` finds them.
 */
async function describeImportError(error, path, candidates) {
  const plain = new Error(`cannot import the handlers ${path}: ${error?.name === 'SyntaxError' ? 'SyntaxError: ' : ''}${error?.message ?? error}`, {
    cause: error,
  });
  if (!(error instanceof SyntaxError) || /\.json$/.test(path)) return plain;
  for (const file of new Set([...candidates, resolve(path)])) {
    const where = await new Promise((done) => {
      execFile(process.execPath, ['--check', file], { timeout: 5000 }, (failed, _stdout, stderr) => {
        if (!failed) return done(null);
        const line = /^(.*):(\d+)$/m.exec(stderr);
        done(line ? `${displayPath(line[1])}:${line[2]}` : displayPath(file));
      });
    });
    if (where) return new Error(`cannot import the handlers: ${where}: SyntaxError: ${error.message}`, { cause: error });
  }
  return plain;
}

// ---------------------------------------------------------------------------
// The server.

/**
 * @typedef {object} ServeOptions
 * @property {string} api
 * @property {string} [handlers]
 * @property {number} [port]
 * @property {string} [stage]
 * @property {string} [host]
 * @property {import('./portico.mjs').GatewayOptions['stageVariables']} [stageVariables]
 * @property {import('./portico.mjs').GatewayOptions['stages']} [stages]
 * @property {boolean} [watch]
 * @property {number} [debounceMs]
 * @property {Pick<Console, 'info' | 'warn' | 'error'>} [log]
 * @property {boolean} [quiet]
 * @property {import('./portico.mjs').GatewayOptions['httpHosts']} [httpHosts]
 * @property {string} [templateApi]
 * @property {{ [name: string]: string }} [parameters]
 * @property {string} [envVars]
 */

/**
 * Starts the server; resolves to `{ server, port, gateway, reload(), close() }`.
 *
 * - `api`: the definition file (OpenAPI 3 / Swagger 2, JSON or YAML);
 *   `handlers`: the handler module (optional).
 * - `stage` (default: the definition's `servers` base path, else `dev`),
 *   `stageVariables`, `stages`: as createGateway takes them.
 * - `watch`: reload when the definition, the handler module or a module it
 *   imports from its directory tree changes (`debounceMs` groups bursts of
 *   file events, 100 by default).
 * - `log`: where messages go (default `console`; `info`, `warn`, `error`):
 *   a line per request (`GET /dev/pets/7 → 200 getPet 6 ms`) unless `quiet`,
 *   and the report of each request that failed behind the gateway.
 * - `httpHosts`: where HTTP integrations go instead, as createGateway takes it.
 * - A SAM / CloudFormation template as `api` runs as `sam local start-api`
 *   would (node/project.mjs): `templateApi` picks its API by logical id,
 *   `parameters` override its parameters, `envVars` is an env.json file.
 *
 * `gateway` is the gateway serving now. `reload(changedFiles?)` reads the
 * definition again, imports the handlers afresh (only when one of
 * `changedFiles` is theirs, if given) and swaps the gateway in; it rejects,
 * and the previous gateway keeps serving, when either fails. Requests already
 * in flight finish on the gateway they started on. `close()` stops watching
 * and resolves when the server has closed.
 *
 * @param {ServeOptions} options
 */
export async function serve({
  api,
  handlers,
  port = 3000,
  stage,
  host = '127.0.0.1',
  stageVariables,
  stages,
  watch = false,
  debounceMs = 100,
  log = console,
  quiet = false,
  httpHosts,
  templateApi,
  parameters,
  envVars,
}) {
  const apiPath = resolve(api);
  const handlersPath = handlers ? resolve(handlers) : null;
  /** The function that served a request, for its line. @type {WeakMap<object, string>} */
  const servedBy = new WeakMap();
  // A stack names the handler files as imported afresh; the terminal shows them as on disk.
  const reloadMark = new RegExp(`\\?${RELOAD_PARAM}=\\d+`, 'g');
  const onError = (failure) => log.error(failure.text.replace(reloadMark, ''));
  const gatewayOptions = { stage, stageVariables, stages, httpHosts, onError };

  async function readDefinition() {
    return readFile(apiPath, 'utf8').catch((e) => {
      throw new Error(`cannot read the API definition ${api}: ${e.message}`);
    });
  }
  async function build(lambdas) {
    const definition = await readDefinition();
    let gateway;
    try {
      gateway = await project.createGateway(definition, { ...gatewayOptions, lambdas });
    } catch (error) {
      const message = String(error?.message ?? error);
      const hint = /document root|syntax error/.test(message) ? ` (${describeDocument(definition)})` : '';
      throw new Error(`${displayPath(apiPath)}: ${message}${hint}`, { cause: error });
    }
    if (!quiet) {
      gateway.events.on('integration:request', ({ request, call }) => {
        if (call.kind === 'lambda') servedBy.set(request, call.functionName);
      });
    }
    return gateway;
  }
  function printWarnings(gateway) {
    for (const w of gateway.warnings) log.warn(`warning at ${w.pointer || '/'}: ${w.message}`);
  }

  // Files of the handler tree (the module and what it imports), for watching
  // and for telling which reloads need a fresh import.
  const handlerFiles = new Set(handlersPath ? [handlersPath] : []);
  const ourGenerations = new Set();
  let watcher = null;
  const onDependency = (gen, file) => {
    if (!ourGenerations.has(gen) || handlerFiles.has(file)) return;
    handlerFiles.add(file);
    watcher?.add(file);
  };
  dependencyListeners.add(onDependency);

  // A fresh import of the handler tree; a SyntaxError is looked for in `changed` first.
  function freshHandlers(changed = []) {
    const gen = ++generation;
    ourGenerations.add(gen);
    const candidates = [...changed.filter((f) => handlerFiles.has(f)), ...handlerFiles];
    return importHandlers(handlersPath, gen, candidates);
  }

  // A template's functions, each imported afresh from its own folder and watched.
  const watchFile = (file) => {
    if (handlerFiles.has(file)) return;
    handlerFiles.add(file);
    watcher?.add(file);
  };
  const importFresh = (file) => {
    const gen = ++generation;
    ourGenerations.add(gen);
    watchFile(file);
    return importHandlers(file, gen, [file]);
  };
  const project = openProject({ apiPath, api: templateApi, parameters, envVars, importFresh, watch: watchFile, log });

  let lambdas;
  let gateway;
  try {
    lambdas = await freshHandlers();
    gateway = await build(lambdas);
  } catch (error) {
    dependencyListeners.delete(onDependency);
    throw error;
  }
  printWarnings(gateway);

  let handlersStale = false;
  /** Reloads, one after another. @type {Promise<unknown>} */
  let queue = Promise.resolve();
  function reload(changedFiles) {
    const changed = changedFiles ? [...changedFiles].map((f) => resolve(f)) : null;
    const run = async () => {
      if (handlersPath && (!changed || handlersStale || changed.some((f) => handlerFiles.has(f)))) {
        handlersStale = true;
        lambdas = await freshHandlers(changed ?? []);
        handlersStale = false;
      }
      const next = await build(lambdas);
      gateway = next;
      printWarnings(next);
      return next;
    };
    const result = queue.then(run);
    queue = result.catch(() => {});
    return result;
  }

  const server = createServer(async (req, res) => {
    const current = gateway; // a reload mid-request does not change the gateway it runs on
    try {
      const [path, query = ''] = /** @type {string} */ (req.url).split(/\?(.*)/s, 2);
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
      const started = performance.now();
      const raw = {
        method: req.method,
        path,
        query: query.split('#')[0],
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      };
      const response = await current.handle(raw);
      const rawHeaders = response.headers.flat();
      res.writeHead(response.status, rawHeaders);
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(response.body));
      if (!quiet) {
        const ms = Math.round(performance.now() - started);
        log.info(requestLine({ method: req.method ?? 'GET', path, status: response.status, ms, functionName: servedBy.get(raw) }));
      }
    } catch (error) {
      log.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`portico: ${error.message}\n`);
    }
  });
  try {
    await new Promise((ok, fail) => server.once('error', fail).listen(port, host, () => ok(undefined)));
  } catch (error) {
    dependencyListeners.delete(onDependency);
    if (error.code === 'EADDRINUSE') {
      throw new Error(`port ${port} on ${host} is in use: stop what holds it, or pick another port (0 picks a free one)`, { cause: error });
    }
    throw error;
  }

  if (watch) {
    watcher = watchFiles({
      files: [apiPath, ...handlerFiles],
      debounceMs,
      log,
      onChange: (changed) => {
        const started = performance.now();
        const previousStage = gateway.stage;
        const names = [...changed].map(displayPath).join(', ');
        reload(changed).then(
          (next) => {
            const ms = Math.round(performance.now() - started);
            const moved = next.stage === previousStage ? '' : `; the API is now under /${next.stage}/`;
            log.info(`${clock()} reloaded ${names} in ${ms} ms${moved}`);
          },
          (error) => log.error(`${clock()} reload failed, still serving the previous version: ${error.message}`),
        );
      },
    });
  }

  let closing = null;
  function close() {
    closing ??= new Promise((done) => {
      dependencyListeners.delete(onDependency);
      watcher?.close();
      server.close(() => done(undefined));
      server.closeIdleConnections?.();
    });
    return closing;
  }

  return {
    server,
    port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
    get gateway() {
      return gateway;
    },
    /** The files a change to which reloads the server (when watching). */
    get watchedFiles() {
      return [apiPath, ...handlerFiles];
    },
    reload,
    close,
  };
}

/** A path as messages show it: relative to the working directory when under it, else absolute. */
export function displayPath(file) {
  const shown = relative(process.cwd(), file);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : resolve(file);
}

function clock() {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Watches files through their directories (so an editor's save by rename is
 * seen, and a file deleted and created again still is), and calls
 * `onChange(files)` once a burst of events has been quiet for `debounceMs`.
 */
function watchFiles({ files, debounceMs, onChange, log }) {
  const wanted = new Set();
  const watchers = new Map();
  const pending = new Set();
  let timer = null;
  let closed = false;

  function fire() {
    timer = null;
    const changed = new Set(pending);
    pending.clear();
    if (changed.size) onChange(changed);
  }
  function add(file) {
    wanted.add(file);
    const dir = dirname(file);
    if (watchers.has(dir) || closed) return;
    try {
      const w = watchDirectory(dir, (_event, name) => {
        const names = name ? [join(dir, name.toString())] : [...wanted].filter((f) => dirname(f) === dir);
        for (const f of names) {
          if (!wanted.has(f)) continue;
          pending.add(f);
          clearTimeout(timer);
          timer = setTimeout(fire, debounceMs);
        }
      });
      w.on('error', (error) => log.warn(`portico: stopped watching ${dir}: ${error.message}`));
      watchers.set(dir, w);
    } catch (error) {
      log.warn(`portico: cannot watch ${dir} (${basename(file)} will not reload): ${error.message}`);
    }
  }
  for (const f of files) add(f);
  return {
    add,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
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
      stage: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  try {
    const { port, gateway } = await serve({ ...values, port: Number(values.port), watch: true });
    console.log(`Portico serving ${values.api}`);
    console.log(`  API:        http://${values.host}:${port}/${gateway.stage}/`);
    console.log(`  Playground: http://${values.host}:${port}/`);
  } catch (error) {
    console.error(`portico: ${error.message}`);
    process.exit(1);
  }
}
