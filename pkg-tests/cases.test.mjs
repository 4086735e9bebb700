// The gateway-behaviour corpora (tests/validation-inputs, and every other
// case-file corpus) replayed through the wasm build: the same requests and
// scripted integration results must give byte-for-byte the transcript the
// native run recorded in its snapshot (tests/common/cases.rs writes both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { initSync, WasmGateway } from '../pkg/portico.js';
import { beginStep, beginTestStep, resumeStep } from '../www/internal/testing.mjs';

initSync({ module: await readFile(new URL('../pkg/portico_bg.wasm', import.meta.url)) });

const root = new URL('../', import.meta.url);
const EPOCH_MS = 1_700_000_000_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function showBody(bytes) {
  try {
    return `${decoder.decode(bytes)}\n`;
  } catch {
    return `(binary, ${bytes.length} bytes)\n`;
  }
}

function answer(reply) {
  if (reply.timeout) return { kind: 'timeout' };
  if (typeof reply.failed === 'string') return { kind: 'failed', message: reply.failed };
  if (typeof reply.status === 'number') {
    const body = reply.body === undefined || reply.body === null ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return { kind: 'http', status: reply.status, headers: reply.headers ?? [], body: encoder.encode(body), latencyMs: 12 };
  }
  const payload = typeof reply.payload === 'string' ? reply.payload : JSON.stringify(reply.payload);
  return { kind: 'lambda', payload: encoder.encode(payload), functionError: reply.error === true, latencyMs: 12 };
}

/** A call as tests/common/cases.rs writes it into the transcript. */
function describeCall(call) {
  const text = (bytes) => new TextDecoder().decode(bytes);
  if (call.kind === 'lambda') return `-> lambda ${call.functionName}: ${text(call.payload)}\n`;
  let out = call.kind === 'http' ? `-> http ${call.method} ${call.url}\n` : `-> aws ${call.service} ${call.method} ${call.url}\n`;
  if (call.kind === 'http' && call.connectionId) out += `-> (vpc link ${call.connectionId})\n`;
  for (const [k, v] of call.headers) out += `-> ${k}: ${v}\n`;
  if (call.body.length) out += `-> ${text(call.body)}\n`;
  return out;
}

/** The transcript tests/common/cases.rs writes, produced through wasm. */
async function run(file) {
  const definition = file.definitionFile
    ? await readFile(new URL(file.definitionFile, root), 'utf8')
    : typeof file.definition === 'string'
      ? file.definition
      : JSON.stringify(file.definition);
  const core = new WasmGateway(
    definition,
    JSON.stringify({ stage: file.options?.stage, stageVariables: file.options?.stageVariables, stages: file.options?.stages }),
  );
  let out = '';
  for (const [index, c] of file.cases.entries()) {
    const r = c.request;
    const body = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const request = {
      method: (r.method ?? 'GET').toUpperCase(),
      path: r.path,
      query: r.query ?? '',
      headers: r.headers ?? [],
      body: encoder.encode(body),
      timeEpochMs: EPOCH_MS,
      seed: index + 1,
    };
    out += `=== ${c.name ?? '(unnamed)'}\n> ${request.method} ${request.path}${request.query ? '?' : ''}${request.query}\n`;
    for (const [k, v] of request.headers) out += `> ${k}: ${v}\n`;
    if (request.body.length) out += `> ${showBody(request.body)}`;
    let step = c.test ? beginTestStep(core, { request, stageVariables: c.stageVariables }) : beginStep(core, request);
    let calls = 0;
    while (step.type === 'call') {
      out += describeCall(step.call);
      const reply = c.calls?.[calls++];
      assert.ok(reply, `${c.name}: call ${calls} has no answer`);
      step = resumeStep(core, step.call.id, answer(reply));
    }
    const response = step.response;
    out += `< ${response.status}\n`;
    for (const [k, v] of response.headers) out += `< ${k}: ${v}\n`;
    out += `< ${showBody(response.body)}`;
    if (response.log) out += `--- log\n${response.log}\n`;
  }
  core.free();
  return out;
}

for (const [corpus, runner] of [
  ['validation-inputs', 'validation'],
  ['pipeline-inputs', 'pipeline'],
]) {
  const dir = new URL(`../tests/${corpus}/`, import.meta.url);
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    test(`${corpus}/${name} through wasm matches the native transcript`, async () => {
      const file = JSON.parse(await readFile(new URL(name, dir), 'utf8'));
      const snapshot = await readFile(new URL(`../tests/snapshots/${runner}__${corpus.replace('-', '_')}@${name}.snap`, import.meta.url), 'utf8');
      const expected = snapshot.split('\n---\n').slice(1).join('\n---\n');
      assert.equal((await run(file)).trimEnd(), expected.trimEnd());
    });
  }
}
