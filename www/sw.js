/*
 * Portico's Service Worker (its Portico version and relay protocol are
 * PORTICO_VERSION and PORTICO_PROTOCOL below).
 *
 * Copy it into the directory your site serves from with
 * `npx portico init <publicDir>` and update it the same way (do not edit it):
 * a page whose Portico speaks another protocol is refused, with that advice.
 *
 * Only pages that ran `await setupWorker(...).start()` are served, and only
 * their requests for the gateway's hosts: this worker calls `respondWith` for
 * nothing else, so every other request goes to the network untouched. A
 * gateway request is relayed to the page that made it (method, URL, headers,
 * body) over a MessageChannel, and the page's answer is the response.
 *
 * The same file is the core of a bundled worker: www/sw-gateway.mjs imports
 * it and answers in the worker instead of relaying (see installGateway).
 */

const PORTICO_PROTOCOL = 2;
/** package.json's version, stamped by scripts/stamp-version.mjs. */
const PORTICO_VERSION = '0.1.0';

// The relay protocol's messages: MESSAGES of www/browser/protocol.mjs, which
// says what each field means. A classic worker cannot import it, and
// pkg-tests/sw.test.mjs checks that the two agree.

/** What the worker keeps of a page: START, PING and USE carry it. */
const PORTICO_PAGE_CONFIG = {
  protocol: 'number',
  hosts: 'CompiledHost[]',
  unhandled: "'notify' | 'error'",
  paused: 'boolean',
  overrides: '{ lambdas: string[] } | null',
};
const PORTICO_ONLY_PROTOCOL = { protocol: 'number' };
const PORTICO_OK_OR_REFUSED = ['PORTICO_OK', 'PORTICO_REFUSED'];

const PORTICO_MESSAGES = {
  toWorker: {
    PORTICO_HELLO: { send: 'ask', payload: { protocol: 'number', version: 'string' }, replies: ['PORTICO_HELLO'] },
    PORTICO_CLAIM: { send: 'ask', payload: PORTICO_ONLY_PROTOCOL, replies: ['PORTICO_CLAIMED', 'PORTICO_REFUSED'] },
    PORTICO_START: { send: 'ask', payload: PORTICO_PAGE_CONFIG, replies: PORTICO_OK_OR_REFUSED },
    PORTICO_PING: { send: 'post', payload: PORTICO_PAGE_CONFIG },
    PORTICO_USE: { send: 'ask', payload: PORTICO_PAGE_CONFIG, replies: PORTICO_OK_OR_REFUSED },
    PORTICO_PAUSE: { send: 'ask', payload: PORTICO_ONLY_PROTOCOL, replies: PORTICO_OK_OR_REFUSED },
    PORTICO_RESUME: { send: 'ask', payload: PORTICO_ONLY_PROTOCOL, replies: PORTICO_OK_OR_REFUSED },
    PORTICO_STOP: { send: 'ask', payload: PORTICO_ONLY_PROTOCOL, replies: PORTICO_OK_OR_REFUSED },
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

/** The pages that started Portico: client id -> { hosts, paused, unhandled, overrides }. */
const porticoClients = new Map();
/** Set by sw-gateway.mjs: { hosts, answer(request, context) } answers in the worker. */
let porticoAnswerer = null;

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || typeof data.type !== 'string' || !data.type.startsWith('PORTICO_')) return;
  const clientId = event.source && /** @type {Client} */ (event.source).id;
  const port = event.ports && event.ports[0];
  const reply = (message) => port && port.postMessage(message);

  if (data.type === 'PORTICO_HELLO') {
    const ok = data.protocol === PORTICO_PROTOCOL;
    const message = ok ? '' : porticoMismatch(data);
    if (!ok) console.error(message);
    reply({ type: 'PORTICO_HELLO', ok, protocol: PORTICO_PROTOCOL, version: PORTICO_VERSION, mode: porticoAnswerer ? 'bundled' : 'relay', message });
    return;
  }
  if (data.protocol !== PORTICO_PROTOCOL) {
    // A page of another protocol that skipped the handshake: answer nothing for it.
    reply({ type: 'PORTICO_REFUSED', message: porticoMismatch(data) });
    return;
  }
  switch (data.type) {
    case 'PORTICO_CLAIM':
      event.waitUntil(self.clients.claim().then(() => reply({ type: 'PORTICO_CLAIMED' })));
      return;
    case 'PORTICO_START':
    case 'PORTICO_PING': {
      // A ping carries the page's configuration, so a worker that the browser
      // stopped and restarted (its memory gone) learns it again.
      const known = porticoClients.get(clientId);
      if (data.type === 'PORTICO_START' || !known) {
        porticoClients.set(clientId, {
          hosts: data.hosts,
          paused: Boolean(data.paused),
          unhandled: data.unhandled,
          overrides: data.overrides || null,
        });
      }
      if (data.type === 'PORTICO_START') event.waitUntil(porticoForgetGone());
      reply({ type: 'PORTICO_OK' });
      return;
    }
    case 'PORTICO_PAUSE':
    case 'PORTICO_RESUME': {
      const state = porticoClients.get(clientId);
      if (state) state.paused = data.type === 'PORTICO_PAUSE';
      reply({ type: 'PORTICO_OK' });
      return;
    }
    case 'PORTICO_USE': {
      const state = porticoClients.get(clientId);
      if (state) state.overrides = data.overrides || null;
      reply({ type: 'PORTICO_OK' });
      return;
    }
    case 'PORTICO_STOP':
      porticoClients.delete(clientId);
      reply({ type: 'PORTICO_OK' });
      return;
    default:
      reply({ type: 'PORTICO_REFUSED', message: `Portico: this worker does not know the message ${data.type}` });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.mode === 'navigate') return;
  const state = porticoClients.get(event.clientId);
  if (!state || state.paused) return;
  let url;
  try {
    url = new URL(request.url);
  } catch (error) {
    return;
  }
  const entry = porticoMatchUrl(porticoAnswerer ? state.hosts.concat(porticoAnswerer.hosts) : state.hosts, url);
  if (!entry) {
    // Not the gateway's: no respondWith, so the request goes to the network
    // as it is. The page hears of it (response:bypass, onUnhandledRequest)
    // when it is a fetch() or XMLHttpRequest (not an image, script ...).
    if (request.destination === '') {
      porticoNotify(event.clientId, {
        type: 'PORTICO_BYPASS',
        request: { method: request.method, url: request.url, headers: porticoPairs(request.headers) },
      });
      if (state.unhandled === 'error') event.respondWith(Response.error());
    }
    return;
  }
  event.respondWith(porticoRespond(event, state, entry));
});

/** The answer to a gateway request: from the bundled gateway, else from the page. */
async function porticoRespond(event, state, entry) {
  const request = event.request;
  if (porticoAnswerer) {
    try {
      return await porticoAnswerer.answer(request, { clientId: event.clientId, entry, state });
    } catch (error) {
      console.error('Portico: the gateway in this Service Worker failed:', error);
      return porticoError(
        500,
        `Portico: the gateway in the Service Worker failed: ${error && error.message ? error.message : error}. Its console (DevTools > Application > Service Workers) has the details.`,
      );
    }
  }
  const client = await self.clients.get(event.clientId);
  if (!client) return porticoGone(request);
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  const reply = await porticoAsk(event.clientId, client, {
    type: 'PORTICO_REQUEST',
    entry,
    request: {
      method: request.method,
      url: request.url,
      headers: porticoPairs(request.headers),
      body,
      credentials: request.credentials,
      mode: request.mode,
      referrer: request.referrer,
    },
  });
  switch (reply && reply.type) {
    case 'PORTICO_RESPONSE': {
      const r = reply.response;
      const empty = request.method === 'HEAD' || [101, 204, 205, 304].includes(r.status);
      return new Response(empty ? null : r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
    }
    case 'PORTICO_NETWORK_ERROR':
      return Response.error();
    case 'PORTICO_PASSTHROUGH':
      // The page was paused while the request was on its way.
      return fetch(new Request(request, { body }));
    case 'PORTICO_GONE':
      return porticoGone(request);
    default:
      return porticoError(500, (reply && reply.message) || 'Portico: the page sent no answer');
  }
}

/**
 * Sends a message to a page and resolves to its answer (on a MessageChannel);
 * resolves to { type: 'PORTICO_GONE' } when the page closes before answering.
 */
function porticoAsk(clientId, client, message, transfer) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const watch = setInterval(async () => {
      if (!(await self.clients.get(clientId))) done({ type: 'PORTICO_GONE' });
    }, 2000);
    function done(answer) {
      clearInterval(watch);
      channel.port1.close();
      resolve(answer);
    }
    channel.port1.onmessage = (event) => done(event.data);
    client.postMessage(message, [channel.port2].concat(transfer || []));
  });
}

/** Posts a message to a page, if it is still there. */
function porticoNotify(clientId, message) {
  self.clients.get(clientId).then(
    (client) => client && client.postMessage(message),
    () => {},
  );
}

/** Drops the pages that closed or navigated away. */
async function porticoForgetGone() {
  const open = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id));
  for (const id of porticoClients.keys()) if (!open.has(id)) porticoClients.delete(id);
}

function porticoGone(request) {
  return porticoError(
    503,
    `Portico: the page that sent ${request.method} ${request.url} is gone (closed, reloaded or navigated away), so no handler can answer it. Reload the page: it is answered again once \`await worker.start()\` has run.`,
  );
}

function porticoError(status, message) {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { 'Content-Type': 'application/json', 'x-portico-error': 'true' },
  });
}

function porticoPairs(headers) {
  const pairs = [];
  headers.forEach((value, name) => pairs.push([name, value]));
  return pairs;
}

function porticoMismatch(data) {
  const page = `the page's Portico ${data.version || '(unknown version)'} speaks protocol ${data.protocol}`;
  const worker = `this Service Worker (${self.location.pathname}, Portico ${PORTICO_VERSION}) speaks protocol ${PORTICO_PROTOCOL}`;
  const fix = porticoAnswerer
    ? `Rebuild ${self.location.pathname} against the same Portico version as the page (its import of sw-gateway.mjs and the page's of browser.mjs must come from one package), then reload the page.`
    : `Run \`npx portico init <publicDir>\` (e.g. \`npx portico init public/\`, the directory your server serves ${self.location.pathname} from) to copy the matching worker over ${self.location.pathname}, then reload the page.`;
  return `Portico: ${worker}, but ${page}, so the worker answers nothing for that page. ${fix}`;
}

// The host rule of www/browser/hosts.mjs (`matches`, `matchUrl`); a classic
// worker cannot import it, and pkg-tests/sw.test.mjs checks the two agree.
const porticoPatterns = new Map();

function porticoMatches(entry, url) {
  if (entry.type === 'host') {
    let re = porticoPatterns.get(entry.pattern);
    if (!re) {
      const source = entry.pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
        .join('[^.:/]+');
      re = new RegExp(`^${source}$`, 'i');
      porticoPatterns.set(entry.pattern, re);
    }
    return re.test(entry.pattern.includes(':') ? url.host : url.hostname);
  }
  if (url.origin !== entry.origin) return false;
  return entry.basePath === '' || url.pathname === entry.basePath || url.pathname.startsWith(entry.basePath + '/');
}

function porticoMatchUrl(entries, url) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let best = null;
  for (const entry of entries) {
    if (!porticoMatches(entry, url)) continue;
    if (entry.type === 'base' && (!best || best.type !== 'base' || entry.basePath.length > best.basePath.length)) best = entry;
    else if (!best) best = entry;
  }
  return best;
}

// What sw-gateway.mjs builds on (it imports this file as a module).
self.__porticoWorker = {
  protocol: PORTICO_PROTOCOL,
  version: PORTICO_VERSION,
  messages: PORTICO_MESSAGES,
  clients: porticoClients,
  install(answerer) {
    porticoAnswerer = answerer;
  },
  ask(clientId, message, transfer) {
    return self.clients.get(clientId).then((client) => (client ? porticoAsk(clientId, client, message, transfer) : { type: 'PORTICO_GONE' }));
  },
  notify: porticoNotify,
  matchUrl: porticoMatchUrl,
};
