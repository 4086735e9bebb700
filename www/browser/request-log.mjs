// setupWorker's `log: true`: one console line per answered request, as
// Mock Service Worker prints, `GET /dev/pets/7 → 200 getPet 6 ms`. It reads
// the lifecycle events, so it works in every mode (relay, bundled, page).

/**
 * Prints a line per request the gateway answered, from `events` (the
 * setupWorker's emitter) to `print` (console.log by default).
 * @param {import('../core/events.mjs').Emitter} events
 * @param {(line: string) => void} [print]
 */
export function logRequests(events, print = (line) => console.log(line)) {
  /** @type {Map<string, { started: number, functionName?: string }>} */
  const open = new Map();
  events.on('request:start', ({ requestId }) => open.set(requestId, { started: performance.now() }));
  events.on('integration:request', ({ requestId, call }) => {
    const entry = open.get(requestId);
    if (entry && call?.kind === 'lambda') entry.functionName = call.functionName;
  });
  events.on('request:end', ({ requestId }) => open.delete(requestId));
  events.on('response:mocked', ({ request, requestId, response }) => {
    const entry = open.get(requestId);
    const ms = entry ? Math.round(performance.now() - entry.started) : 0;
    const path = request?.url ? new URL(request.url).pathname : (request?.path ?? '');
    print(requestLine({ method: request?.method ?? 'GET', path, status: response?.status, functionName: entry?.functionName, ms }));
  });
}

/**
 * A request as Portico prints it, in the browser and in `portico serve`:
 * `GET /dev/pets/7 → 200 getPet 6 ms`.
 * @param {{ method: string, path: string, status: number, ms: number, functionName?: string }} request
 */
export function requestLine({ method, path, status, ms, functionName }) {
  return `${method} ${path} → ${status}${functionName ? ` ${functionName}` : ''} ${ms} ms`;
}
