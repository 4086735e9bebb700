// How the harness drives the core: a request begins, the core answers with a
// step (a call for the host to make, or the response), and each call's result
// resumes it. Steps cross as JSON text, with the bytes they carry (a body, a
// Lambda payload) passed beside it so that they are never encoded as JSON.

const NO_BYTES = new Uint8Array(0);

/**
 * A step from the core: its JSON text, with the bytes it carries (the
 * response's body, the call's payload or body) put back in place.
 */
function readStep(core, text) {
  const step = JSON.parse(text);
  const bytes = core.takeBytes();
  if (step.type === 'respond') step.response.body = bytes;
  else if (step.call.kind === 'lambda') step.call.payload = bytes;
  else step.call.body = bytes;
  return step;
}

/** Starts `{ method, path, query, headers, body, sourceIp, timeEpochMs, seed }` in the core. */
export function beginStep(core, { body, ...request }) {
  return readStep(core, core.begin(JSON.stringify(request), body ?? NO_BYTES));
}

/** Starts a request as beginStep does, the core keeping its execution log (the response's `log`). */
export function beginLoggedStep(core, { body, ...request }) {
  return readStep(core, core.beginLogged(JSON.stringify(request), body ?? NO_BYTES));
}

/** Starts a console test, `{ request, stageVariables }`, in the core. */
export function beginTestStep(core, { request: { body, ...request }, stageVariables }) {
  return readStep(core, core.beginTest(JSON.stringify({ request, stageVariables }), body ?? NO_BYTES));
}

/** Resumes a call with what the host observed (a payload or body beside the rest). */
export function resumeStep(core, id, { payload, body, ...result }) {
  return readStep(core, core.resume(id, JSON.stringify(result), payload ?? body ?? NO_BYTES));
}
