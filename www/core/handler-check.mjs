// The check createGateway makes when it is given `lambdas`: every Lambda
// function the API invokes should have a handler. A missing one would only
// show up as a 500 at the first request that reaches it, so it is named at
// load, with the keys `lambdas` does have and the closest of them.

import { closest } from './suggest.mjs';

/** Names already warned about: a rebuilt gateway (a reload, a Service Worker's per-page gateway) does not repeat them. */
const warned = new Set();

/**
 * The keys a function's handler is looked up under, in this order: its ARN,
 * the ARN without an alias or version, its name, then `aliases` (a
 * template's logical id and `FunctionName`). The gateway's lookup and the
 * load-time check both use it, so they cannot disagree.
 *
 * @param {string} arn
 * @param {string} name
 * @param {Array<string | undefined>} [aliases]
 */
export function handlerKeys(arn, name, aliases = []) {
  const parts = arn.split(':');
  const unqualified = parts.length > 7 ? parts.slice(0, 7).join(':') : arn;
  return [arn, unqualified, name, ...aliases].filter((key) => typeof key === 'string');
}

/** @param {import('../portico.mjs').FunctionInfo} info */
const keysOf = (info) => handlerKeys(info.arn, info.name, [info.logicalId, info.functionName]);

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
