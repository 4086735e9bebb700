// Finding portico_bg.wasm wherever the harness ended up: read from disk
// under Node, fetched elsewhere. Bundlers move the modules and not always
// the wasm, so a fetch that finds no wasm tries the places a dev server
// serves it from, and else fails saying which setting fixes it.
//
// Nothing here imports a `node:` module, not even dynamically: bundlers
// (Vite, esbuild, wrangler) resolve every import() they see, and the
// browser and edge graphs reach this file. Node's file system comes from
// `process.getBuiltinModule`, a plain call that no bundler follows.

const WASM_FILE = 'portico_bg.wasm';
/** Where a dev server serves an installed package's files (Vite does, from its root). */
const INSTALLED_PATH = `/node_modules/portico/pkg/${WASM_FILE}`;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Whether this realm is Node (or a runtime that offers Node's built-in modules). */
export function hasNodeBuiltins() {
  return typeof process !== 'undefined' && typeof process.getBuiltinModule === 'function' && Boolean(process.versions?.node);
}

/** The wasm's bytes, read from a `file:` URL with Node's file system. */
export function readWasmFile(url) {
  const { readFile } = process.getBuiltinModule('fs/promises');
  return readFile(url);
}

/** Whether `url` names a file on disk (Node) rather than something to fetch. */
export function isFileUrl(url) {
  return String(url).startsWith('file:');
}

/**
 * The compiled wasm, fetched from `url`; when that answers anything but the
 * wasm (a 404, an HTML page), from where dev servers serve the installed
 * package, or beside `moduleUrl` (the loading module, where a bundle's wasm
 * may have been copied). Fails with the first answer's cause and the
 * setting to change.
 */
export async function fetchWasm(url, moduleUrl) {
  const first = await tryFetch(url);
  if (first.bytes) return WebAssembly.compile(first.bytes);
  for (const candidate of fallbackUrls(url, moduleUrl)) {
    const attempt = await tryFetch(candidate);
    if (attempt.bytes) return WebAssembly.compile(attempt.bytes);
  }
  throw new Error(first.problem);
}

/** Other places the wasm may be served from, after `url` gave no wasm. */
function fallbackUrls(url, moduleUrl) {
  const candidates = [];
  const page = globalThis.location?.href;
  if (page) candidates.push(new URL(INSTALLED_PATH, page).href);
  if (URL.canParse?.(moduleUrl)) candidates.push(new URL(WASM_FILE, moduleUrl).href);
  return [...new Set(candidates)].filter((candidate) => candidate !== String(url));
}

/** `{ bytes }` when `url` answers the wasm, else `{ problem }`: what went wrong and what to do. */
async function tryFetch(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    return { problem: `Portico: could not fetch ${WASM_FILE} (${url}): ${error?.message ?? error}. ${PASS_WASM}` };
  }
  if (response.status === 403) {
    return {
      problem: `Portico: your dev server refused ${WASM_FILE} (${url}) with 403 Forbidden. With Portico installed from a linked folder (\`npm i ../portico\`), Vite serves only files under its workspace: add the folder to \`server.fs.allow\` in vite.config (e.g. \`server: { fs: { allow: ['..'] } }\`), or install the packed tarball.`,
    };
  }
  if (!response.ok) {
    return {
      problem: `Portico: ${WASM_FILE} (${url}) answered ${response.status}: your bundler did not emit the wasm beside the code that loads it (esbuild does not follow \`new URL(..., import.meta.url)\`). Copy node_modules/portico/pkg/${WASM_FILE} next to your bundle, or ${PASS_WASM_LOWER}`,
    };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (WASM_MAGIC.every((byte, index) => bytes[index] === byte)) return { bytes };
  if (startsLikeHtml(bytes)) {
    return {
      problem: `Portico: your dev server answered HTML for ${WASM_FILE} (${url}): Vite's dependency pre-bundling moved the module away from its wasm; add \`optimizeDeps: { exclude: ['portico'] }\` to vite.config, or ${PASS_WASM_LOWER}`,
    };
  }
  const start = [...bytes.slice(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return {
    problem: `Portico: ${url} is not ${WASM_FILE}: it starts with ${start || 'nothing'} (${response.headers.get('content-type') ?? 'no Content-Type'}), not the wasm magic 00 61 73 6d. ${PASS_WASM}`,
  };
}

const PASS_WASM_LOWER = "pass the wasm's URL, bytes or WebAssembly.Module as the `wasm` option.";
const PASS_WASM = `Serve node_modules/portico/pkg/${WASM_FILE} and ${PASS_WASM_LOWER}`;

/** An HTML page (`<!doctype`, `<html`), possibly after a byte-order mark or white space. */
function startsLikeHtml(bytes) {
  const text = new TextDecoder()
    .decode(bytes.slice(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('<');
}
