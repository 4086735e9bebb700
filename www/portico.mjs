// Portico's JS harness: loads the core (wasm), moves requests in and
// responses out, and runs Lambda handlers as plain JS functions.
// The contract is docs/js-api.md; everything API Gateway decides happens in
// the core.

import { Emitter } from './core/events.mjs';
import { NETWORK_ERROR, isNetworkError, runHandler } from './core/lambda.mjs';
import { isTrap, runtime } from './core/runtime.mjs';
import { beginLoggedStep, beginStep, beginTestStep, resumeStep } from './core/steps.mjs';
import { describeFailure, printFailure } from './core/report.mjs';
import { mapHttpUrl } from './core/http-hosts.mjs';
import { corsProblem, preflightFor } from './core/cors-check.mjs';
import { checkHandlers, handlerKeys } from './core/handler-check.mjs';

export { networkError } from './core/lambda.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Imports an API definition (OpenAPI 3 / Swagger 2 with x-amazon-apigateway-*
 * extensions, as an object or JSON/YAML text) and deploys it to a stage.
 */
export async function createGateway(definition, options = {}) {
  await runtime.load(options.wasm);
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const gateway = new Gateway(text, options);
  // Without `lambdas` the gateway runs no function here (it is read, exported
  // or given its handlers later), so there is nothing to check.
  if (options.lambdas) checkHandlers(gateway.functions, options.lambdas, options);
  return gateway;
}

/** The core's options, from `createGateway`'s. */
function coreOptions(options) {
  return {
    stage: options.stage,
    stageVariables: options.stageVariables,
    stages: options.stages,
    apiId: options.apiId,
    region: options.region,
    accountId: options.accountId,
    failOnWarnings: options.failOnWarnings,
    apiType: options.apiType,
    api: options.api,
    parameters: options.parameters,
    files: options.files,
  };
}

/** Method indexes of the routing fast path (wire::METHODS in the core). */
const METHOD_CODES = { DELETE: 0, GET: 1, HEAD: 2, OPTIONS: 3, PATCH: 4, POST: 5, PUT: 6 };

// Parsed templates and compiled schemas live in the wasm instance: a new one drops them.
const templates = new Map();
const schemas = new Map();
runtime.onReinstantiate(() => {
  templates.clear();
  schemas.clear();
});

/**
 * The files a SAM template's `DefinitionUri`s name, relative to the
 * template, for `createGateway`'s `files` option; `null` when the
 * definition is not a template (an OpenAPI document). `portico serve` reads
 * them beside the template.
 */
export async function templateFiles(definition, options = {}) {
  await runtime.load(options.wasm);
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  return JSON.parse(runtime.glue.templateFiles(text));
}

/**
 * Renders an API Gateway mapping template (the playground's live preview):
 * `renderTemplate(template, { body, headers, query, path, context, stageVariables })`
 * resolves to `{ output }` or `{ error: { message, line, column } }`.
 * Parsed templates are kept, so rendering one again is cheap.
 */
export async function renderTemplate(template, input = {}, options = {}) {
  await runtime.load(options.wasm);
  let compiled = templates.get(template);
  if (!compiled) {
    try {
      compiled = new runtime.glue.WasmTemplate(template);
    } catch (error) {
      // A template that does not parse throws its `{ message, line, column }` as JSON text.
      if (typeof error === 'string') return { error: JSON.parse(error) };
      throw error;
    }
    if (templates.size >= 64) {
      const [oldest, evicted] = templates.entries().next().value;
      templates.delete(oldest);
      evicted.free();
    }
    templates.set(template, compiled);
  }
  return JSON.parse(compiled.render(JSON.stringify(input ?? {})));
}

/**
 * Compiles a JSON Schema draft-04 model once: `{ validate(instance),
 * validateText(json) }`, each returning the errors as
 * `[{ instancePointer, schemaPointer, keyword, message }]` (empty when
 * valid), in the words of the validator API Gateway uses. `options.documents`
 * maps URIs to schemas that `$ref`s may name. A schema that does not compile
 * rejects with an Error naming the place.
 */
export async function compileSchema(schema, options = {}) {
  await runtime.load(options.wasm);
  const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
  const compiled = new runtime.glue.WasmSchema(text, JSON.stringify(options.documents ?? {}), options.baseUri ?? '');
  const read = (errors) => (errors === '' ? [] : JSON.parse(errors));
  return {
    validate: (instance) => read(compiled.validateText(JSON.stringify(instance) ?? 'null')),
    validateText: (json) => read(compiled.validateText(json)),
    free: () => compiled.free(),
  };
}

/**
 * Validates a value against a JSON Schema draft-04 schema, as API Gateway
 * validates request bodies against models: resolves to the list of errors,
 * `[{ instancePointer, schemaPointer, keyword, message }]`, empty when the
 * value is valid. Compiled schemas are kept, so validating again is cheap.
 */
export async function validate(schema, instance, options = {}) {
  const key = typeof schema === 'string' ? schema : JSON.stringify(schema);
  if (options.documents) {
    const once = await compileSchema(key, options);
    try {
      return once.validate(instance);
    } finally {
      once.free();
    }
  }
  let compiled = schemas.get(key);
  if (!compiled) {
    compiled = await compileSchema(key, options);
    if (schemas.size >= 64) {
      const [oldest, evicted] = schemas.entries().next().value;
      schemas.delete(oldest);
      evicted.free();
    }
    schemas.set(key, compiled);
  }
  return compiled.validate(instance);
}

/** Random words, drawn from the platform a batch at a time (one call per request is slow). */
const randomPool = new Uint32Array(1024);
let randomNext = randomPool.length;
function randomWord() {
  if (randomNext === randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomNext = 0;
  }
  return randomPool[randomNext++];
}

/** 53 random bits for the core to derive request ids from. */
function seed() {
  return (randomWord() & 0x1fffff) * 0x100000000 + randomWord();
}

/** Thrown inside the harness to carry a `networkError()` out of a call. */
class NetworkFailure extends Error {}

/**
 * Waits, like a real network or a cold start would: `await delay(300)` in a
 * handler. Without an argument: a realistic 100 to 400 ms in browsers, none
 * under Node.
 */
export function delay(ms) {
  const wait = ms ?? (typeof process !== 'undefined' && process.versions?.node ? 0 : 100 + Math.floor(Math.random() * 300));
  return new Promise((resolve) => setTimeout(resolve, wait));
}

/** The 500 a request gets when the core panics (the module is re-instantiated). */
function panicResponse() {
  const body = encoder.encode('{"message": "Internal server error"}');
  return {
    status: 500,
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.length)],
      ['x-amzn-ErrorType', 'InternalServerErrorException'],
    ],
    body,
  };
}

let nextRequestId = 1;

class Gateway {
  #coreInstance;
  #generation;
  #definition;
  #options;
  #resources;
  /** Where a failed request is reported (`onError`, else the console); null when `quiet`. */
  #report;
  /** Lifecycle events: `request:start`, `request:match`, `request:unhandled`,
   * `integration:request`, `response:mocked`, `request:end`. */
  events = new Emitter();

  constructor(definition, options) {
    this.#definition = definition;
    this.#options = options;
    this.#report = options.quiet ? null : (options.onError ?? printFailure);
    this.#coreInstance = new runtime.glue.WasmGateway(definition, JSON.stringify(coreOptions(options)));
    this.#generation = runtime.generation;
  }

  /** The core of the live wasm instance (rebuilt after a panic). */
  get #core() {
    if (this.#generation !== runtime.generation) {
      this.#coreInstance = new runtime.glue.WasmGateway(this.#definition, JSON.stringify(coreOptions(this.#options)));
      this.#generation = runtime.generation;
      this.#resources = undefined;
      this.#pathCapacity = 0;
      this.#pathView = new Uint8Array(0);
      this.#routeOut = -1;
      for (const [path, options] of this.#cors) this.#coreInstance.enableCors(path, corsOptionsText(options));
    }
    return this.#coreInstance;
  }

  /** A template's functions by name: `lambdas` may key them by logical id or `FunctionName`, as `sam local` does. */
  #aliasMap;
  #aliases() {
    this.#aliasMap ??= new Map(this.functions.map((f) => [f.name, [f.logicalId, f.functionName].filter(Boolean)]));
    return this.#aliasMap;
  }

  /** `enableCors` calls, replayed on a rebuilt core. */
  #cors = [];

  /** The stage requests are served under (the first path segment). */
  get stage() {
    return this.#core.stage;
  }

  /**
   * Where API Gateway would route a request: `{ resourceId, resourcePath, method,
   * pathParameters }`, or `null` when it answers 403. `path` starts with the stage.
   */
  route(method, path) {
    const verb = method.toUpperCase();
    const code = METHOD_CODES[verb];
    const found = code === undefined ? this.#core.routeSpans(verb, path) : this.#routeFast(code, path);
    if (!found) return null;
    this.#resources ??= JSON.parse(this.#core.resources());
    const resource = this.#resources[found[0]];
    const pathParameters = {};
    resource.parameters.forEach((name, i) => {
      pathParameters[name] = path.slice(found[2 + 2 * i], found[3 + 2 * i]);
    });
    return { resourceId: resource.id, resourcePath: resource.path, method: found[1] ? 'ANY' : verb, pathParameters };
  }

  // The routing fast path: the path goes straight into a reusable area of
  // wasm memory and the answer is read back in place, so a lookup allocates
  // nothing on either side.
  #pathArea = 0;
  #pathCapacity = 0;
  #pathView = new Uint8Array(0);
  #routeOut = -1;

  #routeFast(code, path) {
    const core = this.#core;
    const capacity = path.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
    if (capacity > this.#pathCapacity) {
      this.#pathArea = core.pathScratch(capacity);
      this.#pathCapacity = capacity;
      this.#pathView = new Uint8Array(0);
    }
    // The scratch area as a view, kept until the memory grows (which empties it).
    if (this.#pathView.length === 0) {
      this.#pathView = runtime.memoryBytes().subarray(this.#pathArea, this.#pathArea + this.#pathCapacity);
    }
    const len = encoder.encodeInto(path, this.#pathView).written;
    const n = core.routeScratch(code, len);
    if (n < 0) return undefined;
    if (this.#routeOut < 0) this.#routeOut = core.routeScratchOut() >>> 2;
    return runtime.memoryWords().subarray(this.#routeOut, this.#routeOut + n);
  }

  /**
   * The console's "Enable CORS" on a resource: an OPTIONS method with a MOCK
   * integration answering preflights, and `Access-Control-Allow-Origin` on the
   * resource's non-proxy methods. Options: `allowOrigin` ('*'),
   * `allowHeaders`, `allowMethods` (default: the resource's methods and
   * OPTIONS), `gatewayResponses` (also on DEFAULT_4XX / DEFAULT_5XX).
   */
  enableCors(resourcePath, options = {}) {
    this.#core.enableCors(resourcePath, corsOptionsText(options));
    this.#cors.push([resourcePath, options]);
    this.#resources = undefined;
  }

  /** The API as an OpenAPI 3.0 (`'oas30'`, the default) or Swagger 2.0 (`'swagger'`) document. */
  export(format = 'oas30') {
    return JSON.parse(this.#core.export(format));
  }

  /**
   * The Lambda functions the API invokes (integrations and authorizers):
   * `[{ name, arn, pointer, logicalId?, functionName?, handler?, codeUri?,
   * runtime?, environment?, timeout?, memorySize?, assetPath? }]`.
   */
  get functions() {
    return JSON.parse(this.#core.functions());
  }

  /** The import's warnings: `[{ pointer, message }]`. */
  get warnings() {
    return JSON.parse(this.#core.warnings()).map(([pointer, message]) => ({ pointer, message }));
  }

  /**
   * Handles a Fetch API Request the way API Gateway would; resolves to a
   * Response (rejects with a TypeError when a handler returned `networkError()`).
   * `sourceIp` is the client's address (`$context.identity.sourceIp`).
   */
  async fetch(request, { sourceIp } = {}) {
    const url = new URL(request.url);
    // The Host a client sent is the URL's; workerd also lists it among the headers.
    const headers = [['Host', url.host]];
    request.headers.forEach((value, name) => {
      if (name !== 'host') headers.push([name, value]);
    });
    const body = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
    const response = await this.#handle(
      {
        method: request.method,
        path: url.pathname,
        query: url.search.slice(1),
        headers,
        body,
        sourceIp,
      },
      request,
    );
    return toFetchResponse(response, request.method);
  }

  /**
   * Handles a raw request `{ method, path, query, headers: [[name, value]], body, sourceIp }`
   * (raw path and header casing kept, as the Node server sees them).
   * Resolves to `{ status, headers: [[name, value]], body: Uint8Array }`.
   */
  async handle(raw) {
    return this.#handle(raw, raw);
  }

  async #handle(raw, request) {
    const requestId = `portico-${nextRequestId++}`;
    const events = this.events;
    events.emit('request:start', { request, requestId });
    // Routing again for the events costs a call into the core: only when someone listens.
    if (events.listenerCount('request:match') || events.listenerCount('request:unhandled')) {
      const route = this.route(raw.method, raw.path);
      if (route) events.emit('request:match', { request, requestId, route });
      else events.emit('request:unhandled', { request, requestId });
    }
    let response;
    // What went wrong with a call, for the report (the core only hears "failed"),
    // and the call results, to replay the request for its execution log.
    const trouble = { value: null, results: this.#report ? [] : null };
    const coreRequest = {
      method: raw.method,
      path: raw.path,
      query: raw.query ?? '',
      headers: raw.headers ?? [],
      body: raw.body ?? new Uint8Array(0),
      sourceIp: raw.sourceIp ?? '127.0.0.1',
      timeEpochMs: raw.timeEpochMs ?? Date.now(),
      seed: raw.seed ?? seed(),
    };
    try {
      response = await this.#run(() => beginStep(this.#core, coreRequest), request, requestId, trouble);
    } catch (error) {
      events.emit('request:end', { request, requestId });
      // The TypeError fetch() rejects with on a network failure: the carrier it came in stays inside.
      // eslint-disable-next-line preserve-caught-error
      if (error instanceof NetworkFailure) throw new TypeError(error.message);
      throw error;
    }
    if (this.#report && response.status >= 500) this.#reportFailure(coreRequest, response, trouble, request);
    if (this.#options.cors === 'warn') {
      const problem = corsProblem(coreRequest, response) ?? this.#preflightProblem(coreRequest);
      if (problem) console.warn(`portico: ${coreRequest.method} ${coreRequest.path}: ${problem}`);
    }
    events.emit('response:mocked', { request, requestId, response });
    events.emit('request:end', { request, requestId });
    return response;
  }

  /**
   * What the real API's answer to the preflight a browser would send before
   * `coreRequest` would make the browser do, for `cors: 'warn'`. The
   * preflight runs through the gateway when the gateway answers it itself
   * (a mock, CORS settings, a gateway response); one that would reach a
   * backend is not sent there (no handler runs for a warning), and then
   * nothing is said.
   */
  #preflightProblem(coreRequest) {
    const preflight = preflightFor(coreRequest);
    if (!preflight) return null;
    const request = { ...coreRequest, ...preflight, body: new Uint8Array(0) };
    try {
      let step = beginStep(this.#core, request);
      if (step.type === 'respond') return corsProblem(request, step.response);
      // Let the core finish the exchange it opened, without calling anything.
      for (let calls = 0; step.type === 'call' && calls < 8; calls++) {
        step = resumeStep(this.#core, step.call.id, { kind: 'failed', message: 'not sent: a preflight check of cors: warn' });
      }
      return null;
    } catch {
      return null;
    }
  }

  /** Tells `onError` (or the console) about a request that failed behind the gateway. */
  #reportFailure(coreRequest, response, trouble, request) {
    const log = this.#replayLog(coreRequest, trouble.results);
    const failure = describeFailure({ method: coreRequest.method, path: coreRequest.path }, response.status, trouble.value, log);
    if (!failure) return;
    try {
      this.#report?.(failure, { request });
    } catch (error) {
      console.error('portico: the onError option threw:', error);
    }
  }

  /**
   * The execution log of a request that has run: the core is deterministic
   * for a request's time and seed and its calls' results, so running it
   * again with the log kept, on the recorded results (no handler runs
   * twice), writes the log it would have written. Keeping the log on every
   * request instead would cost most of a request's time.
   */
  #replayLog(coreRequest, results) {
    try {
      let step = beginLoggedStep(this.#core, coreRequest);
      for (const result of results) {
        if (step.type !== 'call') break;
        step = resumeStep(this.#core, step.call.id, result);
      }
      // A replay that asks for more calls than were made has diverged: end it, so the core keeps no exchange open.
      for (let calls = 0; step.type === 'call' && calls < 8; calls++) {
        step = resumeStep(this.#core, step.call.id, { kind: 'failed', message: 'not made: a replay for the execution log' });
      }
      return step.type === 'respond' ? (step.response.log ?? '') : '';
    } catch {
      // The report goes out without the log; the request was answered already.
      return '';
    }
  }

  /** The console's Test button (TestInvokeMethod). */
  async testInvoke(input) {
    const started = performance.now();
    const headers = Object.entries(input.headers ?? {});
    const requestId = `portico-${nextRequestId++}`;
    const response = await this.#run(
      () =>
        beginTestStep(this.#core, {
          request: {
            method: input.method ?? 'GET',
            path: input.path ?? '/',
            query: input.query ?? '',
            headers,
            body: encoder.encode(input.body ?? ''),
            timeEpochMs: input.timeEpochMs ?? Date.now(),
            seed: input.seed ?? seed(),
          },
          stageVariables: input.stageVariables,
        }),
      input,
      requestId,
      { value: null },
    );
    const single = {};
    const multi = {};
    for (const [name, value] of response.headers) {
      single[name] = value;
      (multi[name] ??= []).push(value);
    }
    return {
      status: response.status,
      headers: single,
      multiValueHeaders: multi,
      body: decoder.decode(response.body),
      log: response.log ?? '',
      latencyMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Drives the core from `begin` to the response, performing its calls. A
   * panic in the core answers this request with a 500 and re-instantiates
   * the module for the ones after it.
   */
  async #run(begin, request, requestId, trouble) {
    let step;
    try {
      step = runtime.call(begin);
      while (step.type === 'call') {
        const call = step.call;
        if (this.events.listenerCount('integration:request')) {
          this.events.emit('integration:request', { request, requestId, call: describeCall(call) });
        }
        const result = await this.#perform(call, trouble);
        trouble.results?.push(result);
        step = runtime.call(() => resumeStep(this.#core, call.id, result));
      }
    } catch (error) {
      if (!isTrap(error)) throw error;
      console.error('portico: the core panicked; this request gets a 500 and the module is re-instantiated.', error);
      await runtime.reinstantiate().catch((failure) => {
        // A Service Worker cannot import() at run time: there, recovery means reloading.
        console.error('portico: the core cannot be re-instantiated here; reload to recover.', failure);
      });
      return panicResponse();
    }
    return step.response;
  }

  async #perform(call, trouble) {
    const note = (value) => {
      trouble.value = value;
    };
    let result;
    switch (call.kind) {
      case 'lambda':
        result = await invokeLambda(this.#options.lambdas ?? {}, call, this.#aliases(), note);
        break;
      case 'http':
        result = await sendHttp(this.#options, call, note);
        break;
      case 'aws':
        result = await callService(this.#options.services ?? {}, call);
        if (result.kind === 'failed') note({ kind: 'service-failed', message: result.message });
        if (result.kind === 'timeout') note({ kind: 'timeout', target: `the ${call.service} service integration`, timeoutMs: call.timeoutMs });
        break;
      default:
        result = { kind: 'failed', message: `unknown call kind ${call.kind}` };
    }
    if (result.kind === 'network-error') throw new NetworkFailure(result.message);
    return result;
  }
}

/** `enableCors` options as the core takes them (empty for the console's defaults). */
function corsOptionsText(options) {
  return options === undefined || options === null ? '' : JSON.stringify(options);
}

/** What `integration:request` listeners see of a call: its target and the payload as text. */
function describeCall(call) {
  const text = (bytes) => (bytes ? decoder.decode(bytes) : '');
  if (call.kind === 'lambda') {
    return { kind: 'lambda', functionName: call.functionName, functionArn: call.functionArn, requestId: call.requestId, payload: text(call.payload) };
  }
  return { kind: call.kind, service: call.service, action: call.action, method: call.method, url: call.url, headers: call.headers, body: text(call.body) };
}

/** Runs `work(signal)` with the call's timeout; resolves to `{ kind: 'timeout' }` when it runs out. */
async function withTimeout(timeoutMs, work) {
  const controller = new AbortController();
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ kind: 'timeout' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An HTTP / HTTP_PROXY integration request through `options.fetch`. A VPC
 * link's requests go to `options.vpcLinks[connectionId]` (a base URL that
 * replaces the endpoint's origin).
 */
async function sendHttp(options, call, note) {
  let url = mapHttpUrl(options.httpHosts, call.url);
  if (call.connectionId) {
    const target = options.vpcLinks?.[call.connectionId];
    if (!target) {
      return {
        kind: 'failed',
        message: `VPC link ${call.connectionId} has no target (add it to the \`vpcLinks\` option: { "${call.connectionId}": "http://localhost:8080" })`,
      };
    }
    const endpoint = new URL(url);
    url = new URL(endpoint.pathname + endpoint.search, target).toString();
  }
  const send = options.fetch ?? ((request) => globalThis.fetch(request));
  const started = performance.now();
  const result = await withTimeout(call.timeoutMs, async (signal) => {
    try {
      const hasBody = call.body.length > 0 && call.method !== 'GET' && call.method !== 'HEAD';
      const response = await send(
        new Request(url, {
          method: call.method,
          headers: call.headers.filter(([name]) => !FORBIDDEN_REQUEST_HEADERS.has(name.toLowerCase())),
          body: hasBody ? call.body : undefined,
          signal,
          redirect: 'manual',
        }),
      );
      if (isNetworkError(response)) return { kind: 'network-error', message: response[NETWORK_ERROR] };
      const headers = [];
      response.headers.forEach((value, name) => headers.push([name, value]));
      const body = new Uint8Array(await response.arrayBuffer());
      return { kind: 'http', status: response.status, headers, body, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (signal.aborted) return { kind: 'timeout' };
      const cause = error?.cause?.code ?? error?.cause?.message;
      note({ kind: 'http-failed', url, original: call.url, message: `${error?.message ?? error}${cause ? ` (${cause})` : ''}` });
      return { kind: 'failed', message: String(error?.cause?.code ?? error?.message ?? error) };
    }
  });
  if (result.kind === 'timeout') note({ kind: 'timeout', target: `the HTTP integration request to ${url}`, timeoutMs: call.timeoutMs });
  return result;
}

/** Headers a Fetch API `Request` may not carry. */
const FORBIDDEN_REQUEST_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer']);

/**
 * An AWS service integration: `options.services['dynamodb:PutItem']` (or
 * `['dynamodb']`) receives `{ service, action, path, method, url, headers,
 * body, region }` and returns `{ status, headers, body }`, or any other value
 * to answer 200 with its JSON.
 */
async function callService(services, call) {
  const key = call.action ? `${call.service}:${call.action}` : `${call.service}:${call.path ?? ''}`;
  const handler = services[key] ?? services[call.service];
  if (typeof handler !== 'function') {
    return { kind: 'failed', message: `no handler for ${key} (add it to the \`services\` option as "${key}" or "${call.service}")` };
  }
  const started = performance.now();
  return withTimeout(call.timeoutMs, async () => {
    try {
      const answer = await handler({
        service: call.service,
        action: call.action ?? null,
        path: call.path ?? null,
        method: call.method,
        url: call.url,
        headers: Object.fromEntries(call.headers),
        body: decoder.decode(call.body),
        region: call.region,
      });
      const latencyMs = Math.round(performance.now() - started);
      if (isNetworkError(answer)) return { kind: 'network-error', message: answer[NETWORK_ERROR] };
      if (answer && typeof answer.status === 'number') {
        const body =
          typeof answer.body === 'string'
            ? encoder.encode(answer.body)
            : answer.body instanceof Uint8Array
              ? answer.body
              : encoder.encode(answer.body === undefined ? '' : JSON.stringify(answer.body));
        const headers = Object.entries(answer.headers ?? { 'Content-Type': 'application/x-amz-json-1.0' });
        return { kind: 'http', status: answer.status, headers, body, latencyMs };
      }
      return {
        kind: 'http',
        status: 200,
        headers: [['Content-Type', 'application/x-amz-json-1.0']],
        body: encoder.encode(JSON.stringify(answer ?? {})),
        latencyMs,
      };
    } catch (error) {
      return { kind: 'failed', message: String(error?.message ?? error) };
    }
  });
}

/** The handler for a function, under the first of its keys `lambdas` has (handlerKeys). */
function findHandler(lambdas, keys) {
  for (const key of keys) if (lambdas[key] !== undefined && lambdas[key] !== null) return lambdas[key];
  return undefined;
}

async function invokeLambda(lambdas, call, aliases, note) {
  const keys = handlerKeys(call.functionArn, call.functionName, aliases.get(call.functionName));
  const handler = findHandler(lambdas, keys);
  if (typeof handler !== 'function') {
    const known = Object.keys(lambdas).filter((name) => typeof lambdas[name] === 'function');
    note({ kind: 'missing', functionName: call.functionName, keys, known });
    return {
      kind: 'failed',
      message: `Function not found: ${call.functionArn} (add it to the \`lambdas\` option as "${call.functionName}")`,
    };
  }
  const started = performance.now();
  // Lambda hands an empty payload to the function as {}, and refuses one
  // that is not JSON before the function runs (InvalidRequestContentException).
  let event = {};
  if (call.payload.length) {
    try {
      event = JSON.parse(decoder.decode(call.payload));
    } catch (error) {
      return { kind: 'failed', message: `Could not parse request body into json: ${error.message}` };
    }
  }
  const settled = runHandler(handler, event, lambdaContext(call));
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), call.timeoutMs);
  });
  const outcome = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  if (outcome.timedOut) {
    note({ kind: 'timeout', target: `function ${call.functionName}`, timeoutMs: call.timeoutMs });
    return { kind: 'timeout' };
  }
  const latencyMs = Math.round(performance.now() - started);
  if ('error' in outcome) {
    note({ kind: 'threw', functionName: call.functionName, error: outcome.error });
    return { kind: 'lambda', payload: encoder.encode(JSON.stringify(errorDocument(outcome.error))), functionError: true, latencyMs };
  }
  if (isNetworkError(outcome.value)) return { kind: 'network-error', message: outcome.value[NETWORK_ERROR] };
  note({ kind: 'lambda', functionName: call.functionName });
  // Lambda's Node runtime serialises the result with JSON.stringify; undefined becomes null.
  const json = JSON.stringify(outcome.value) ?? 'null';
  return { kind: 'lambda', payload: encoder.encode(json), functionError: false, latencyMs };
}

/** The error document Lambda's Node.js runtime returns for a thrown value. */
function errorDocument(error) {
  if (error instanceof Error || (error && typeof error.message === 'string' && typeof error.stack === 'string')) {
    return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') };
  }
  if (typeof error === 'string') return { errorType: 'string', errorMessage: error, trace: [] };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/**
 * A function version's log stream, `YYYY/MM/DD/[version]<32 hex digits>`: like a
 * warm execution environment on AWS, one stream serves every invocation.
 */
const logStreams = new Map();
function logStream(functionArn, version) {
  const key = `${functionArn}:${version}`;
  let stream = logStreams.get(key);
  if (!stream) {
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    const hex = Array.from({ length: 4 }, () => randomWord().toString(16).padStart(8, '0')).join('');
    stream = `${day}/[${version}]${hex}`;
    logStreams.set(key, stream);
  }
  return stream;
}

/**
 * The context object of AWS's Node.js runtime, less what runHandler adds: the
 * invocation's request id (the one the execution log names), the function's
 * name, version and ARN, log names and the deadline.
 */
function lambdaContext(call) {
  const deadline = Date.now() + call.timeoutMs;
  const version = /^\d+$/.test(call.qualifier ?? '') ? call.qualifier : '$LATEST';
  return {
    functionName: call.functionName,
    functionVersion: version,
    invokedFunctionArn: call.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: call.requestId ?? crypto.randomUUID(),
    logGroupName: `/aws/lambda/${call.functionName}`,
    logStreamName: logStream(call.functionArn, version),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toFetchResponse(response, method) {
  const body = NULL_BODY_STATUSES.has(response.status) || method === 'HEAD' ? null : response.body;
  return new Response(body, { status: response.status, headers: response.headers });
}
