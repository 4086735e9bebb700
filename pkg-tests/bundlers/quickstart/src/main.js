// src/main.js: in development, Portico answers the API's requests in the
// browser; `vite build` leaves it out, so production calls the real API.
async function enableMocking() {
  if (!import.meta.env.DEV) return;
  const { setupWorker } = await import('portico/browser');
  const { default: definition } = await import('./openapi.json');
  const lambdas = await import('./handlers.js');
  await setupWorker(definition, { lambdas }).start();
}

enableMocking().then(async () => {
  const response = await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/pets/7');
  document.querySelector('#pet').textContent = await response.text();
});
