// The messages between a page and a Portico Service Worker, declared once:
// the protocol's version, the package's, every message with its direction and
// payload, and the plain-data forms of requests and failure reports that
// cross a MessageChannel. The page (browser/) and the bundled worker
// (sw-gateway.mjs) import it.
//
// www/sw.js is a classic script and cannot import this module: it carries its
// own copy of PROTOCOL, VERSION and MESSAGES (pkg-tests/sw.test.mjs checks
// that they agree, and that every message type the code names is declared).

import { stackOf } from '../core/report.mjs';

/**
 * The version of the messages between a page and a Portico Service Worker.
 * Bump it (here and in sw.js) whenever a message changes shape; a page and a
 * worker of different protocols refuse each other and say how to update.
 */
export const PROTOCOL = 2;

/** This Portico's version: package.json's, stamped here and in sw.js by scripts/stamp-version.mjs. */
export const VERSION = '0.1.0';

/** What the worker keeps of a page: START, PING and USE carry it. */
const PAGE_CONFIG = {
  protocol: 'number',
  hosts: 'CompiledHost[]',
  unhandled: "'notify' | 'error'",
  paused: 'boolean',
  overrides: '{ lambdas: string[] } | null',
};
const ONLY_PROTOCOL = { protocol: 'number' };
const OK_OR_REFUSED = ['PORTICO_OK', 'PORTICO_REFUSED'];

/**
 * Every message between a page and a Portico Service Worker, by direction
 * and type: how it is sent, and what it carries besides `type` (each field's
 * type; `?` marks one that may be absent).
 *
 * - `ask`: posted with a MessagePort, on which one of `replies` comes back;
 * - `reply`: such an answer;
 * - `post`: posted, no answer;
 * - `stand-in`: never posted; what the worker's ask resolves to when the page
 *   closed before answering.
 *
 * Any change here is a change of PROTOCOL.
 */
export const MESSAGES = {
  toWorker: {
    PORTICO_HELLO: { send: 'ask', payload: { protocol: 'number', version: 'string' }, replies: ['PORTICO_HELLO'] },
    PORTICO_CLAIM: { send: 'ask', payload: ONLY_PROTOCOL, replies: ['PORTICO_CLAIMED', 'PORTICO_REFUSED'] },
    PORTICO_START: { send: 'ask', payload: PAGE_CONFIG, replies: OK_OR_REFUSED },
    PORTICO_PING: { send: 'post', payload: PAGE_CONFIG },
    PORTICO_USE: { send: 'ask', payload: PAGE_CONFIG, replies: OK_OR_REFUSED },
    PORTICO_PAUSE: { send: 'ask', payload: ONLY_PROTOCOL, replies: OK_OR_REFUSED },
    PORTICO_RESUME: { send: 'ask', payload: ONLY_PROTOCOL, replies: OK_OR_REFUSED },
    PORTICO_STOP: { send: 'ask', payload: ONLY_PROTOCOL, replies: OK_OR_REFUSED },
    PORTICO_RESPONSE: { send: 'reply', payload: { response: 'RelayedResponse' } },
    PORTICO_NETWORK_ERROR: { send: 'reply', payload: { message: 'string' } },
    PORTICO_PASSTHROUGH: { send: 'reply', payload: {} },
    PORTICO_ERROR: { send: 'reply', payload: { message: 'string' } },
    PORTICO_RESULT: { send: 'reply', payload: { 'json?': 'string', 'networkError?': 'string', 'error?': 'ErrorData' } },
    PORTICO_GONE: { send: 'stand-in', payload: {} },
  },
  toPage: {
    PORTICO_HELLO: {
      send: 'reply',
      payload: { ok: 'boolean', protocol: 'number', version: 'string', mode: "'relay' | 'bundled'", message: 'string' },
    },
    PORTICO_CLAIMED: { send: 'reply', payload: {} },
    PORTICO_OK: { send: 'reply', payload: {} },
    PORTICO_REFUSED: { send: 'reply', payload: { message: 'string' } },
    PORTICO_REQUEST: {
      send: 'ask',
      payload: { entry: 'CompiledHost', request: 'RelayedRequest' },
      replies: ['PORTICO_RESPONSE', 'PORTICO_NETWORK_ERROR', 'PORTICO_PASSTHROUGH', 'PORTICO_ERROR', 'PORTICO_GONE'],
    },
    PORTICO_LAMBDA: {
      send: 'ask',
      payload: { name: 'string', event: 'unknown', context: 'LambdaContextData' },
      replies: ['PORTICO_RESULT', 'PORTICO_GONE'],
    },
    PORTICO_BYPASS: { send: 'post', payload: { request: 'RequestData' } },
    PORTICO_EVENT: { send: 'post', payload: { event: 'string', payload: 'EventData' } },
    PORTICO_FAILURE: { send: 'post', payload: { failure: 'FailureData', request: 'RequestData' } },
  },
};

/**
 * @typedef {{ method: string, url: string, headers: Array<[string, string]> }} RequestData
 *   A request without its body: what bypass notices and events carry.
 * @typedef {RequestData & { body: ArrayBuffer | null, credentials: RequestCredentials, mode: RequestMode, referrer: string }} RelayedRequest
 *   A gateway request the worker relays to the page.
 * @typedef {{ status: number, statusText: string, headers: Array<[string, string]>, body: ArrayBuffer }} RelayedResponse
 *   The page's answer to a relayed request.
 * @typedef {{ name: string, message: string, stack: string }} ErrorData
 *   What a use() override threw.
 * @typedef {{ functionName: string, functionVersion: string, invokedFunctionArn: string, memoryLimitInMB: string,
 *   awsRequestId: string, logGroupName: string, logStreamName: string, deadline: number }} LambdaContextData
 *   A bundled worker's Lambda context, for an override the page runs (the deadline as epoch ms).
 * @typedef {{ request: RequestData, requestId: string, [field: string]: unknown }} EventData
 *   A bundled gateway's lifecycle event.
 * @typedef {{ method: string, path: string, status: number, message: string, headline: string,
 *   log: string[], text: string, error?: ErrorData | string }} FailureData
 *   A request that failed in a bundled worker's gateway (its report), for the page's console: what
 *   the handler threw as ErrorData, or, when it threw something else than an Error, as text.
 */

/**
 * A failure report as plain data: a handler's Error as name, message and
 * stack (down to the handler's frames), which the page rebuilds.
 * @param {import('../core/report.mjs').Failure} failure
 * @returns {FailureData}
 */
export function failureData(failure) {
  const { error, ...rest } = failure;
  if (error === undefined) return rest;
  const thrown = /** @type {Error} */ (error);
  if (error instanceof Error || (error && typeof error === 'object' && typeof thrown.stack === 'string')) {
    return { ...rest, error: { name: String(thrown.name), message: String(thrown.message), stack: stackOf(thrown) } };
  }
  return { ...rest, error: stackOf(error) };
}

/**
 * The report `failureData` made, with the handler's Error rebuilt (its stack
 * the worker's, so DevTools shows where the handler threw).
 * @param {FailureData} data
 * @returns {import('../core/report.mjs').Failure}
 */
export function failureFromData(data) {
  if (data.error === undefined || typeof data.error === 'string') return data;
  const error = new Error(data.error.message);
  error.name = data.error.name;
  error.stack = data.error.stack;
  return { ...data, error };
}

/** A request as plain data (headers as pairs, no body): what events carry across a MessageChannel. */
export function requestData(request) {
  return { method: request.method, url: request.url, headers: [...request.headers] };
}

/** A Request from `requestData` (and an optional body). */
export function requestFromData(data, body) {
  const hasBody = body && data.method !== 'GET' && data.method !== 'HEAD';
  return new Request(data.url, { method: data.method, headers: data.headers, body: hasBody ? body : undefined });
}
