// The resolve hook behind `portico serve`'s hot reload (www/server.mjs
// registers it with module.register, Node >= 20.6; it runs on Node's loader
// thread).
//
// Node caches an ES module by its URL, so importing `handlers.mjs?portico-reload=N`
// with a new N evaluates the file again, but the modules it imports would
// still come from the cache. This hook gives the same query to every module
// that a fresh import reaches in the handler file's own directory tree
// (node_modules excluded), so they are evaluated again too, and reports each
// of them on the port it was given, so the server can watch them.

/** The query parameter that marks a fresh import, and carries its generation. */
export const RELOAD_PARAM = 'portico-reload';

/** Generation -> the directory (file URL) of the handler module imported under it. */
const roots = new Map();
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (!result.url.startsWith('file:')) return result;
  const url = new URL(result.url);
  const own = url.searchParams.get(RELOAD_PARAM);
  if (own !== null) {
    // A fresh import of a handler module: its directory is the tree to refresh.
    if (!roots.has(own)) roots.set(own, new URL('.', url).href);
    return result;
  }
  const parent = context.parentURL?.startsWith('file:') ? new URL(context.parentURL) : null;
  const generation = parent?.searchParams.get(RELOAD_PARAM);
  if (generation === null || generation === undefined) return result;
  const root = roots.get(generation);
  if (!root || !url.href.startsWith(root) || url.pathname.includes('/node_modules/')) return result;
  const file = url.href;
  url.searchParams.set(RELOAD_PARAM, generation);
  port.postMessage({ generation: Number(generation), file });
  return { ...result, url: url.href };
}
