// Where HTTP and HTTP_PROXY integrations go when developing: the `httpHosts`
// option (`portico serve --http-map` / `--http-base`) sends an endpoint's
// requests to a local backend without editing the API definition.

/**
 * The URL an integration request goes to: `hosts` maps an origin
 * (`https://petstore.example.com`) to a base URL (`http://localhost:8080`,
 * optionally with a path prefix); the key `'*'` maps every origin not named.
 * Without a match, `url` is unchanged.
 * @param {Record<string, string> | undefined} hosts
 * @param {string} url
 */
export function mapHttpUrl(hosts, url) {
  if (!hosts) return url;
  const endpoint = new URL(url);
  const base = hosts[endpoint.origin] ?? hosts['*'];
  if (base === undefined) return url;
  const target = new URL(base);
  return `${target.origin}${target.pathname.replace(/\/$/, '')}${endpoint.pathname}${endpoint.search}`;
}
