// The app: Portico's Service Worker answers its API Gateway requests with the
// handlers below, and a gateway in the page answers the same request directly.
import { setupWorker } from 'portico/browser';
import { createGateway } from 'portico';
import { definition } from './api.js';
import { lambdas } from './handlers.js';

const URL_HELLO = 'https://abc123.execute-api.us-east-1.amazonaws.com/dev/hello';
const worker = setupWorker(definition, { lambdas });

const answer = async (response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.text() });

async function main() {
  await worker.start({ quiet: true });
  const viaWorker = await answer(await fetch(URL_HELLO));
  const gateway = await createGateway(definition, { lambdas });
  const direct = await answer(await gateway.fetch(new Request(URL_HELLO)));
  return { viaWorker, direct, mode: worker.mode };
}

window.app = { ask: async () => answer(await fetch(URL_HELLO)) };
main().then(
  (result) => Object.assign(window.app, { result }),
  (error) => Object.assign(window.app, { result: { error: String(error?.message ?? error) } }),
);

// Vite's hot module replacement: a new handlers.js swaps the handlers without a reload.
if (import.meta.hot) {
  import.meta.hot.accept('./handlers.js', (next) => next && worker.use({ lambdas: next.lambdas }));
}
