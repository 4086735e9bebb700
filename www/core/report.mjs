// Loud failures: when a request ends in a 5xx because something went wrong
// behind the gateway (a handler threw, a function is missing, a result is
// malformed, a call timed out or failed), the harness tells the developer
// what and where, with the execution log the core kept for the request.
// The response itself is left exactly as API Gateway sends it.

import { closest } from './suggest.mjs';

/** Whether this realm is Node (where a failure prints as one block of text). */
const IN_NODE = typeof process !== 'undefined' && Boolean(process.versions?.node);

/**
 * What went wrong with one call, as the harness saw it. The core only
 * learns "failed" or "timeout"; the harness keeps the error and the names.
 * @typedef {{ kind: 'threw', functionName: string, error: unknown }
 *   | { kind: 'missing', functionName: string, keys: string[], known: string[] }
 *   | { kind: 'timeout', target: string, timeoutMs: number }
 *   | { kind: 'http-failed', url: string, message: string, original?: string }
 *   | { kind: 'service-failed', message: string }
 *   | { kind: 'lambda', functionName: string }} Trouble
 */

/**
 * A failed request, as `onError` receives it: `headline`
 * (`GET /dev/pets/7 → 502: handler getPet threw`), the `error` a handler
 * threw (if one did), the execution `log` lines, and `text`, the whole block
 * as Node prints it.
 * @typedef {{ method: string, path: string, status: number, message: string,
 *   headline: string, error?: unknown, log: string[], text: string }} Failure
 */

/** The line the core adds to a stage request's log to explain beyond AWS's words. */
const DETAIL = / : Portico: (.*)$/;
/** The log lines that say the gateway, not the backend, ended the request. */
const FAILED = / : (Execution failed due to .*|Lambda execution failed .*)$/;

/**
 * The failure to report for a request, or null when there is none: a 5xx
 * that a call's trouble or the gateway's own failure line explains (a
 * Lambda proxy that answers 500 itself is a response, not a failure).
 * @param {{ method: string, path: string }} request
 * @param {number} status
 * @param {Trouble | null} trouble
 * @param {string} logText the execution log the core kept ('' for none)
 * @returns {Failure | null}
 */
export function describeFailure(request, status, trouble, logText) {
  if (status < 500) return null;
  const log = logText.split('\n').filter((line) => line !== '' && !line.startsWith('Execution log for request'));
  const detail = log.map((line) => DETAIL.exec(line)?.[1]).find(Boolean);
  const failed = log.map((line) => FAILED.exec(line)?.[1]).find(Boolean);
  const what = explain(trouble, detail, failed);
  if (what === null) return null;
  const headline = `${request.method} ${request.path} → ${status}: ${what}`;
  const error = trouble?.kind === 'threw' ? trouble.error : undefined;
  const lines = [`portico: ${headline}`];
  if (error !== undefined) lines.push(stackOf(error));
  if (log.length) lines.push('  Execution log:', ...log.map((line) => `    ${shorten(line)}`));
  return { method: request.method, path: request.path, status, message: what, headline, error, log, text: lines.join('\n') };
}

/** Printed log lines stop at this many characters (`failure.log` keeps them whole). */
const LINE_LIMIT = 240;

function shorten(line) {
  return line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT)} …` : line;
}

/** The headline's reason, from what the harness saw and what the core logged. */
function explain(trouble, detail, failed) {
  switch (trouble?.kind) {
    case 'threw':
      return `handler ${trouble.functionName} threw`;
    case 'missing': {
      const guess = closest(trouble.keys, trouble.known);
      const known = trouble.known.length ? `the handlers are ${trouble.known.join(', ')}` : 'there are no handlers';
      return `no handler for function ${trouble.functionName} (${known}${guess ? `; did you mean ${guess}?` : ''})`;
    }
    case 'timeout':
      return `${trouble.target} did not answer within the integration timeout, ${trouble.timeoutMs} ms`;
    case 'http-failed': {
      if (trouble.original && trouble.original !== trouble.url) {
        return `the HTTP integration request to ${trouble.url} (mapped from ${trouble.original}) failed: ${trouble.message}; is the local backend running?`;
      }
      return `the HTTP integration request to ${trouble.url} failed: ${trouble.message}; to send it to a local backend, use --http-base http://localhost:PORT (or the httpHosts option)`;
    }
    case 'service-failed':
      return `the AWS service integration failed: ${trouble.message}`;
    case 'lambda':
      if (detail) return `function ${trouble.functionName}: ${detail}`;
      break;
    default:
  }
  if (detail) return detail;
  return failed ?? null;
}

/** Where Portico's own modules are (www/), to cut its frames off a handler's stack; '' where unknown. */
const HARNESS = (() => {
  try {
    return new URL('..', import.meta.url).href;
  } catch {
    return '';
  }
})();

/**
 * An error's stack (its message when it has none), down to the handler's
 * frames: the harness's frames that called the handler are noise.
 */
export function stackOf(error) {
  if (error instanceof Error || (error && typeof error === 'object' && typeof error.stack === 'string')) {
    const lines = String(/** @type {Error} */ (error).stack).split('\n');
    const harness = HARNESS ? lines.findIndex((line, i) => i > 0 && line.includes(HARNESS)) : -1;
    return (harness > 1 ? lines.slice(0, harness) : lines).join('\n');
  }
  return `${typeof error === 'string' ? 'thrown string' : `thrown ${typeof error}`}: ${String(error)}`;
}

/**
 * Where a failure goes by default: Node prints the block on stderr; a
 * browser or an edge runtime logs the headline with the Error object (so
 * DevTools and wrangler show its stack) and the log lines.
 * @param {Failure} failure
 */
export function printFailure(failure) {
  if (IN_NODE) {
    console.error(failure.text);
    return;
  }
  const log = failure.log.length ? `\n  Execution log:\n${failure.log.map((line) => `    ${shorten(line)}`).join('\n')}` : '';
  if (failure.error !== undefined) console.error(`portico: ${failure.headline}${log}\n`, failure.error);
  else console.error(`portico: ${failure.headline}${log}`);
}
