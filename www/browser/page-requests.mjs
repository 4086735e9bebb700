// Requests as page mode sees them, before it knows whose they are: the
// absolute URL a fetch or an XMLHttpRequest goes to, and the description of
// one for events (its body goes to the network, not to listeners).

/** The page's base URL, against which relative request URLs resolve. */
function baseUrl() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

/** A request's absolute URL, resolved as the page resolves it; null when it is not a URL. */
export function resolveUrl(input) {
  try {
    return new URL(input instanceof Request ? input.url : String(input), baseUrl()).href;
  } catch {
    return null;
  }
}

/** A request for events, with the method, URL and headers (not the body, which the network gets). */
export function describeRequest(method, url, headers) {
  try {
    return new Request(url, { method, headers });
  } catch {
    return { method, url, headers: new Headers() };
  }
}
