// Page mode, XMLHttpRequest: a request opened for a gateway host is answered
// by the gateway with the events, states and properties of a real one; any
// other request is the browser's own.

import { gatewayRequest, matchUrl } from './hosts.mjs';
import { describeRequest, resolveUrl } from './page-requests.mjs';
import { bypassEvents, reportUnhandled } from './unhandled.mjs';

const XHR_METHODS = ['open', 'send', 'setRequestHeader', 'abort', 'getResponseHeader', 'getAllResponseHeaders'];
const XHR_GETTERS = ['readyState', 'status', 'statusText', 'response', 'responseText', 'responseURL', 'responseXML'];

/**
 * Patches XMLHttpRequest's `open` and `send`: a request opened for a gateway
 * host gets its own `send`, `abort`, header methods and response properties,
 * and is answered by the gateway with the events, states and properties of a
 * real one (they stay readable after restore()); any other request is the
 * browser's own, untouched.
 */
export function patchXhr(context) {
  const XHR = globalThis.XMLHttpRequest;
  if (typeof XHR !== 'function') return () => {};
  const proto = XHR.prototype;
  /** The prototype's own descriptors, as they were: every name is XMLHttpRequest's. */
  const saved = new Map(
    [...XHR_METHODS, ...XHR_GETTERS].map((name) => [name, /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(proto, name))]),
  );
  const native = (name) => /** @type {PropertyDescriptor} */ (saved.get(name)).value;
  /** The requests that go to the network: what their events need to say. */
  const outgoing = new WeakMap();

  /** @this {XMLHttpRequest} */
  const patchedOpen = function open(method, url) {
    unmock(this);
    outgoing.delete(this);
    native('open').apply(this, arguments);
    if (context.paused) return;
    const absolute = resolveUrl(url);
    if (!absolute) return;
    const entry = matchUrl(context.hosts, absolute);
    const upper = String(method).toUpperCase();
    const normalized = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : String(method);
    const state = {
      kind: entry ? 'gateway' : 'network',
      entry,
      method: normalized,
      url: absolute,
      headers: new Headers(),
      readyState: 1,
      sent: false,
      done: false,
    };
    if (!entry) {
      outgoing.set(this, state);
      return;
    }
    if (arguments.length >= 3 && !arguments[2]) {
      throw new DOMException('Portico answers XMLHttpRequests to gateway hosts asynchronously; open() them with async = true.', 'InvalidAccessError');
    }
    mock(this, state);
  };

  /** @this {XMLHttpRequest} */
  const patchedSend = function send(body) {
    const state = outgoing.get(this);
    if (!state) return native('send').call(this, body);
    const request = describeRequest(state.method, state.url, state.headers);
    const end = bypassEvents(context.events, request);
    if (reportUnhandled(context.unhandled, request, { mode: 'page' })) {
      end(undefined, true);
      outgoing.delete(this);
      mock(this, { ...state, kind: 'refused' });
      return this.send(body);
    }
    this.addEventListener('loadend', () => end(undefined), { once: true });
    return native('send').call(this, body);
  };

  /** @this {XMLHttpRequest} */
  const patchedSetRequestHeader = function setRequestHeader(name, value) {
    native('setRequestHeader').call(this, name, value);
    outgoing.get(this)?.headers.append(name, value);
  };

  /** Gives one XMLHttpRequest Portico's behaviour (own properties, shadowing the prototype's). */
  function mock(xhr, state) {
    const own = (name, value) => Object.defineProperty(xhr, name, { value, configurable: true, writable: true });
    const getter = (name, get) => Object.defineProperty(xhr, name, { get, configurable: true });

    own(
      'open',
      /** @this {XMLHttpRequest} */ function open() {
        unmock(this);
        return proto.open.apply(this, /** @type {any} */ (arguments));
      },
    );
    own(
      'setRequestHeader',
      /** @this {XMLHttpRequest} */ function setRequestHeader(name, value) {
        native('setRequestHeader').call(this, name, value);
        try {
          state.headers.append(name, value);
        } catch {
          // a name the Headers class refuses is not sent by the browser either
        }
      },
    );
    own(
      'send',
      /** @this {XMLHttpRequest} */ function send(body) {
        if (state.readyState !== 1 || state.sent) {
          throw new DOMException("Failed to execute 'send' on 'XMLHttpRequest': The object's state must be OPENED.", 'InvalidStateError');
        }
        state.sent = true;
        const hasBody = body !== undefined && body !== null && state.method !== 'GET' && state.method !== 'HEAD';
        state.uploading = hasBody;
        fire(this, 'loadstart', 0, 0);
        if (hasBody) fire(this.upload, 'loadstart', 0, 0);
        if (state.kind === 'refused') {
          queueMicrotask(() => finish(this, state, 'error'));
          return;
        }
        const timeout = this.timeout;
        if (timeout > 0) state.timer = setTimeout(() => finish(this, state, 'timeout'), timeout);
        run(this, state, toRequestBody(body, state.headers), hasBody);
      },
    );
    own(
      'abort',
      /** @this {XMLHttpRequest} */ function abort() {
        if (state.sent && !state.done && state.readyState !== 4) finish(this, state, 'abort');
        if (state.readyState === 4) state.readyState = 0;
      },
    );
    own(
      'getResponseHeader',
      /** @this {XMLHttpRequest} */ function getResponseHeader(name) {
        if (state.readyState < 2 || !state.responseHeaders || /^set-cookie2?$/i.test(name)) return null;
        return state.responseHeaders.get(name);
      },
    );
    own(
      'getAllResponseHeaders',
      /** @this {XMLHttpRequest} */ function getAllResponseHeaders() {
        if (state.readyState < 2 || !state.responseHeaders) return '';
        let text = '';
        state.responseHeaders.forEach((value, name) => {
          if (!/^set-cookie2?$/.test(name)) text += `${name}: ${value}\r\n`;
        });
        return text;
      },
    );

    /** Chromium's error for reading `property` when `responseType` is neither '' nor `kind`. */
    const onlyFor = (xhr, property, kind) => {
      if (xhr.responseType === '' || xhr.responseType === kind) return;
      throw new DOMException(
        `Failed to read the '${property}' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or '${kind}' (was '${xhr.responseType}').`,
        'InvalidStateError',
      );
    };
    getter('readyState', () => state.readyState);
    getter('status', () => state.status ?? 0);
    getter('statusText', () => state.statusText ?? '');
    getter('responseURL', () => (state.readyState >= 2 && state.status ? state.url : ''));
    getter(
      'responseText',
      /** @this {XMLHttpRequest} */ function () {
        onlyFor(this, 'responseText', 'text');
        return state.readyState >= 3 && state.bytes ? decodeText(state) : '';
      },
    );
    getter(
      'response',
      /** @this {XMLHttpRequest} */ function () {
        const type = this.responseType;
        if (type === '' || type === 'text') return state.readyState >= 3 && state.bytes ? decodeText(state) : '';
        if (state.readyState !== 4 || !state.bytes || !state.status) return null;
        switch (type) {
          case 'json':
            try {
              return JSON.parse(decodeText(state));
            } catch {
              return null;
            }
          case 'arraybuffer':
            return state.bytes.slice().buffer;
          case 'blob':
            return new Blob([state.bytes], { type: state.responseHeaders.get('content-type') ?? '' });
          case 'document':
            return parseDocument(state);
          default:
            return null;
        }
      },
    );
    getter(
      'responseXML',
      /** @this {XMLHttpRequest} */ function () {
        onlyFor(this, 'responseXML', 'document');
        return state.readyState === 4 && state.bytes ? parseDocument(state) : null;
      },
    );
    mocked.set(xhr, state);
  }

  /** Takes Portico's behaviour off a request that is opened again (an answer still on its way is dropped). */
  function unmock(xhr) {
    const state = mocked.get(xhr);
    if (!state) return;
    state.done = true;
    clearTimeout(state.timer);
    mocked.delete(xhr);
    for (const name of [...XHR_METHODS, ...XHR_GETTERS]) delete xhr[name];
  }
  const mocked = new WeakMap();

  async function run(xhr, state, body, hasBody) {
    let response;
    let bytes;
    try {
      const request = new Request(state.url, {
        method: state.method,
        headers: state.headers,
        body: hasBody ? body : undefined,
        credentials: xhr.withCredentials ? 'include' : 'same-origin',
      });
      const gateway = await context.gateway();
      response = await gateway.fetch(await gatewayRequest(request, state.entry, gateway.stage));
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (!(error instanceof TypeError)) console.error('Portico: the gateway failed to answer an XMLHttpRequest:', error);
      if (!state.done) finish(xhr, state, 'error');
      return;
    }
    if (state.done) return;
    clearTimeout(state.timer);
    if (state.uploading) {
      state.uploading = false;
      fire(xhr.upload, 'progress', 0, 0);
      fire(xhr.upload, 'load', 0, 0);
      fire(xhr.upload, 'loadend', 0, 0);
    }
    state.status = response.status;
    state.statusText = response.statusText;
    state.responseHeaders = response.headers;
    state.readyState = 2;
    xhr.dispatchEvent(new Event('readystatechange'));
    if (state.done) return;
    state.bytes = bytes;
    state.readyState = 3;
    xhr.dispatchEvent(new Event('readystatechange'));
    fire(xhr, 'progress', bytes.length, bytes.length);
    if (state.done) return;
    state.done = true;
    state.readyState = 4;
    xhr.dispatchEvent(new Event('readystatechange'));
    fire(xhr, 'load', bytes.length, bytes.length);
    fire(xhr, 'loadend', bytes.length, bytes.length);
  }

  /** Ends a request with an error, a timeout or an abort, as the XHR standard's "request error steps" do. */
  function finish(xhr, state, type) {
    clearTimeout(state.timer);
    state.done = true;
    state.readyState = 4;
    state.status = 0;
    state.statusText = '';
    state.responseHeaders = undefined;
    state.bytes = undefined;
    xhr.dispatchEvent(new Event('readystatechange'));
    if (state.uploading) {
      state.uploading = false;
      fire(xhr.upload, type, 0, 0);
      fire(xhr.upload, 'loadend', 0, 0);
    }
    fire(xhr, type, 0, 0);
    fire(xhr, 'loadend', 0, 0);
  }

  Object.defineProperty(proto, 'open', { ...saved.get('open'), value: patchedOpen });
  Object.defineProperty(proto, 'send', { ...saved.get('send'), value: patchedSend });
  Object.defineProperty(proto, 'setRequestHeader', { ...saved.get('setRequestHeader'), value: patchedSetRequestHeader });
  return () => {
    for (const name of ['open', 'send', 'setRequestHeader']) {
      if (proto[name] === { open: patchedOpen, send: patchedSend, setRequestHeader: patchedSetRequestHeader }[name]) {
        Object.defineProperty(proto, name, /** @type {PropertyDescriptor} */ (saved.get(name)));
      }
    }
  };
}

function fire(target, type, loaded, total) {
  target.dispatchEvent(new ProgressEvent(type, { lengthComputable: total > 0, loaded, total }));
}

function toRequestBody(body, headers) {
  if (typeof Document === 'function' && body instanceof Document) {
    if (!headers.has('content-type'))
      headers.set('content-type', body.contentType === 'text/html' ? 'text/html;charset=UTF-8' : 'application/xml;charset=UTF-8');
    return new XMLSerializer().serializeToString(body);
  }
  return body;
}

function decodeText(state) {
  const charset = /charset=([^;]+)/i
    .exec(state.responseHeaders?.get('content-type') ?? '')?.[1]
    ?.trim()
    .replace(/^"|"$/g, '');
  try {
    return new TextDecoder(charset || 'utf-8').decode(state.bytes);
  } catch {
    return new TextDecoder().decode(state.bytes);
  }
}

function parseDocument(state) {
  const type = (state.responseHeaders?.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (typeof DOMParser !== 'function') return null;
  const kind = type === 'text/html' ? 'text/html' : /[+/]xml$/.test(type) ? 'application/xml' : null;
  if (!kind) return null;
  return new DOMParser().parseFromString(decodeText(state), kind);
}
