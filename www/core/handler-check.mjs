// The check createGateway makes when it is given `lambdas`: every Lambda
// function the API invokes should have a handler. A missing one would only
// show up as a 500 at the first request that reaches it, so it is named at
// load, with the keys `lambdas` does have and the closest of them.

import { editDistance } from './suggest.mjs';

/** Names already warned about: a rebuilt gateway (a reload, a Service Worker's per-page gateway) does not repeat them. */
const warned = new Set();

/**
 * The keys a function's handler may be found under, as the gateway looks it
 * up: its ARN (with and without an alias), its name, a template's logical id
 * and `FunctionName`.
 *
 * @param {import('../portico.mjs').FunctionInfo} info
 */
function keysOf(info) {
  const parts = info.arn.split(':');
  const unqualified = parts.length > 7 ? parts.slice(0, 7).join(':') : info.arn;
  return [info.arn, unqualified, info.name, info.logicalId, info.functionName].filter((key) => typeof key === 'string');
}

/**
 * The functions in `functions` that `lambdas` has no handler for, each with
 * the message saying so.
 *
 * @param {import('../portico.mjs').FunctionInfo[]} functions
 * @param {{ [name: string]: unknown }} lambdas
 */
export function missingHandlers(functions, lambdas) {
  const have = Object.keys(lambdas).filter((key) => typeof lambdas[key] === 'function');
  const reported = new Set();
  const out = [];
  for (const info of functions) {
    if (reported.has(info.name) || keysOf(info).some((key) => have.includes(key))) continue;
    reported.add(info.name);
    const guess = closest(keysOf(info), have);
    const listed = have.length ? `the \`lambdas\` option has ${have.map((k) => `"${k}"`).join(', ')}` : 'the `lambdas` option has none';
    const declared = info.logicalId && info.logicalId !== info.name ? ` (the template's ${info.logicalId})` : '';
    out.push({
      name: info.name,
      message: `no handler for the Lambda function "${info.name}"${declared}, which the API invokes at ${info.pointer || '/'}: ${listed}${guess ? `; did you mean "${guess}"?` : ''}`,
    });
  }
  return out;
}

/**
 * Warns once per missing name on the console, or, with `failOnMissingHandlers`,
 * throws an Error listing them all.
 *
 * @param {import('../portico.mjs').FunctionInfo[]} functions
 * @param {{ [name: string]: unknown }} lambdas
 * @param {{ failOnMissingHandlers?: boolean }} options
 */
export function checkHandlers(functions, lambdas, { failOnMissingHandlers = false }) {
  const missing = missingHandlers(functions, lambdas);
  if (missing.length === 0) return;
  if (failOnMissingHandlers) {
    throw new Error(`Portico: ${missing.map((m) => m.message).join('; ')} (failOnMissingHandlers is set)`);
  }
  for (const { name, message } of missing) {
    if (warned.has(name)) continue;
    warned.add(name);
    console.warn(`Portico: ${message}`);
  }
}

/** The key closest to any of `wanted`: equal but for case, or within a few edits. */
function closest(wanted, keys) {
  let best = null;
  let bestDistance = Infinity;
  for (const target of wanted) {
    const limit = Math.max(2, Math.floor(target.length / 4));
    for (const key of keys) {
      const d = key.toLowerCase() === target.toLowerCase() ? 0 : editDistance(key, target);
      if (d <= limit && d < bestDistance) [best, bestDistance] = [key, d];
    }
  }
  return best;
}
