// `portico init <publicDir>`: copies Portico's Service Worker (www/sw.js)
// into the directory a site serves at its root, so `setupWorker(...).start()`
// finds it at /sw.js. Run it again after updating Portico: a page and a
// worker of different protocols refuse each other and say so. No
// postinstall script does it behind your back.
//
// With --with-runtime it also copies the browser modules (the two entry
// points and every module they import) and the wasm into <publicDir>/portico/
// (www/ and pkg/ as in the package), for sites without a bundler and for
// bundled-mode workers that import sw-gateway.mjs by URL.
//
// bin/portico.mjs registers it: `init: { ...command }` (the same shape as
// its other commands), or calls `init(args)` with the arguments after `init`.

import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROTOCOL } from '../www/browser/protocol.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = 'www/sw.js';
/** What pages and bundled workers import by URL: these entry points, what they import, and the wasm. */
const RUNTIME_ENTRIES = ['www/browser.mjs', 'www/sw-gateway.mjs'];
const WASM = 'pkg/portico_bg.wasm';
const USAGE = 'portico init <publicDir> [--with-runtime]';

/** The command's description, in the form bin/portico.mjs's COMMANDS entries take. */
export const command = {
  summary: 'copy the Service Worker (sw.js) into your public directory',
  usage: USAGE,
  details: `
  <publicDir>       the directory your site serves at its root (public/,
                    static/, dist/ ...); sw.js lands there, served as /sw.js
  --with-runtime    also copy browser.mjs, sw-gateway.mjs, the modules they
                    import and the wasm into <publicDir>/portico/, to import
                    them by URL (no bundler, or a bundled-mode worker)

Run it again after updating Portico: the page checks the worker's protocol
and says when the copy is out of date.`,
  options: { 'with-runtime': { type: 'boolean' } },
  positionals: ['publicDir'],
  run: (parsed) => init(parsed),
};

/**
 * Copies the worker into `<publicDir>` (created if missing) and prints what
 * it copied and how to start the worker. `args`: the command line after
 * `init` (`['public/', '--with-runtime']`), or what parseArgs made of it
 * (`{ positionals, values }`). Options: `log` (console.log by default),
 * `cwd`. Resolves to `{ publicDir, copied: [absolute paths] }`.
 */
export async function init(args = [], { log = console.log, cwd = process.cwd() } = {}) {
  let positionals;
  let values;
  if (Array.isArray(args)) {
    try {
      ({ positionals, values } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true }));
    } catch (error) {
      throw new Error(`${error.message}. Usage: ${USAGE}`, { cause: error });
    }
  } else {
    ({ positionals = [], values = {} } = args ?? {});
  }
  const [target, ...extra] = positionals;
  if (!target) {
    throw new Error(`init needs the directory your site serves at its root, where sw.js goes: ${USAGE} (e.g. 'npx portico init public/')`);
  }
  if (extra.length) throw new Error(`init takes one directory, not also '${extra[0]}': ${USAGE}`);

  const publicDir = resolve(cwd, target);
  const existing = await stat(publicDir).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw new Error(`${target} is a file, not a directory: give the directory your site serves at its root (${USAGE})`);
  }
  await mkdir(publicDir, { recursive: true });

  const copies = [[WORKER, join(publicDir, 'sw.js')]];
  if (values['with-runtime']) {
    for (const file of [...(await importClosure(RUNTIME_ENTRIES)), WASM]) copies.push([file, join(publicDir, 'portico', file)]);
  }
  const copied = [];
  for (const [from, to] of copies) {
    const source = join(ROOT, from);
    if (!(await stat(source).catch(() => null))) {
      throw new Error(`${source} is missing from this Portico${from.startsWith('pkg/') ? ' (pkg/ is built by `make build`)' : ''}`);
    }
    await mkdir(resolve(to, '..'), { recursive: true });
    await copyFile(source, to);
    copied.push(to);
  }

  const shown = (path) => relative(cwd, path) || path;
  const lines = [
    `${existing ? '' : `Created ${shown(publicDir)}/. `}Copied Portico's Service Worker (relay protocol ${PROTOCOL}):`,
    ...copied.map((path) => `  ${shown(path)}`),
    '',
    'In your app, before its first request to API Gateway:',
    '',
    ...(values['with-runtime']
      ? [
          "  import { setupWorker } from '/portico/www/browser.mjs';",
          "  import * as lambdas from './handlers.mjs';       // your Lambda functions, by name",
          '',
          "  const definition = new URL('/openapi.json', location.href); // your API's export",
        ]
      : [
          "  import { setupWorker } from 'portico/browser';",
          "  import definition from './openapi.json';       // your API's export",
          "  import * as lambdas from './handlers.mjs';       // your Lambda functions, by name",
          '',
        ]),
    '  const worker = setupWorker(definition, { lambdas });',
    '  await worker.start();                            // the worker at /sw.js now answers *.execute-api.*.amazonaws.com',
    '',
    `Run 'npx portico init ${target}' again after updating Portico.`,
  ];
  log(lines.join('\n'));
  return { publicDir, copied };
}

/** A static `import` or `export ... from` of a relative specifier (the harness's own modules). */
const RELATIVE_IMPORT = /^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/**
 * The modules `entries` import, directly or not, entries included: paths
 * from the package root, sorted. A module missing from the package (pkg/
 * before `make build`) ends the walk there; the copy reports it.
 */
async function importClosure(entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(ROOT, file), 'utf8').catch(() => '');
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      queue.push(posix.join(posix.dirname(file), specifier.split('?')[0]));
    }
  }
  return [...seen].sort();
}
