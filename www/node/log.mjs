// What `portico serve` prints, as `sam local start-api` does: the routes
// mounted at start and, for a file that is not an API definition, what the
// file looks like instead. (A request's line is the browser's: requestLine
// in browser/request-log.mjs.)

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);

/** The function an integration URI names (`...:function:getPet/invocations` → `getPet`). */
function functionOf(uri) {
  return /:function:([^:/]+)/.exec(typeof uri === 'string' ? uri : '')?.[1];
}

/**
 * One line per method of the deployed API: `Mounting getPet at
 * http://127.0.0.1:3000/dev/pets/{petId} [GET]` (the integration type where
 * no function serves it). `api` is the gateway's `export()`.
 * @param {{ paths?: Record<string, Record<string, any>> }} api
 * @param {string} base the stage's URL, without a trailing slash
 */
export function routeLines(api, base) {
  const lines = [];
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const [key, operation] of Object.entries(item ?? {})) {
      if (!METHODS.has(key)) continue;
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      const integration = operation?.['x-amazon-apigateway-integration'];
      const target = functionOf(integration?.uri) ?? String(integration?.type ?? 'no integration').toUpperCase();
      lines.push(`Mounting ${target} at ${base}${path} [${method}]`);
    }
  }
  return lines;
}

/**
 * What a definition that did not import looks like, for the error: the
 * top-level keys of a JSON or YAML object, else the first line of the text.
 * @param {string} text
 */
export function describeDocument(text) {
  const keys = topLevelKeys(text);
  if (keys.length) {
    const shown = keys.slice(0, 8).join(', ') + (keys.length > 8 ? ', ...' : '');
    return `the file's top-level keys are ${shown}; an API definition starts with \`openapi: 3.0.1\` or \`swagger: "2.0"\` and has \`paths\``;
  }
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const shown = first.length > 60 ? `${first.slice(0, 60)}...` : first;
  return `the file starts with ${JSON.stringify(shown)}: it is not a JSON or YAML object, as an OpenAPI or Swagger definition is`;
}

function topLevelKeys(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    // YAML, when every unindented line is a `key:` (prose is not YAML, whatever its colons).
    const lines = text.split('\n').filter((line) => /^[^\s#-]/.test(line));
    const keys = lines.map((line) => /^([A-Za-z_$][\w$-]*|"[^"]+"|'[^']+'):(?:\s|$)/.exec(line)?.[1]);
    return keys.every(Boolean) ? keys.map((key) => String(key).replace(/^["']|["']$/g, '')) : [];
  }
}
