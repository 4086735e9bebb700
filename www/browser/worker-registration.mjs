// Bringing a registered Service Worker to the point where it answers for the
// page: waiting for it to activate, checking that its scope covers the page,
// the handshake that checks it speaks this page's protocol, and taking
// control of the page; plus asking the worker over a MessageChannel.

import { PROTOCOL, VERSION } from './protocol.mjs';

/** Posts a message with a reply port; resolves to the reply, or null after `ms`. */
export function ask(worker, message, ms) {
  return new Promise((resolve) => {
    if (!worker) {
      resolve(null);
      return;
    }
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(null);
    }, ms);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Checks that the worker speaks this page's protocol; throws with what to do when it does not. */
export async function handshake(worker, url) {
  const hello = await ask(worker, { type: 'PORTICO_HELLO', protocol: PROTOCOL, version: VERSION }, 5000);
  const update = `run \`npx portico init <publicDir>\` (e.g. \`npx portico init public/\`, the directory your server serves ${url} from) to copy the worker of this page's Portico over it, then reload the page.`;
  if (!hello || hello.type !== 'PORTICO_HELLO') {
    const message = `Portico: the Service Worker ${url} did not answer Portico's handshake: it is not Portico's worker, or one too old to say its version. If ${url} is meant to be Portico's, ${update}`;
    console.error(message);
    throw new Error(message);
  }
  if (!hello.ok || hello.protocol !== PROTOCOL) {
    const fix =
      hello.mode === 'bundled'
        ? `Rebuild ${url} against the Portico this page uses (its import of sw-gateway.mjs and the page's of browser.mjs must come from one package), then reload the page.`
        : `To update it, ${update}`;
    const message = `Portico: the Service Worker ${url} speaks protocol ${hello.protocol} (Portico ${hello.version}), this page's Portico ${VERSION} speaks protocol ${PROTOCOL}, so the worker answers nothing for this page. ${fix}`;
    console.error(message);
    throw new Error(hello.message ? `${message} (The worker's own console says: ${hello.message})` : message);
  }
  return hello;
}

/** Resolves to the registration's active worker once it is activated. */
export function activated(registration, url) {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (worker.state === 'activated') {
        worker.removeEventListener('statechange', check);
        resolve(registration.active ?? worker);
      } else if (worker.state === 'redundant') {
        worker.removeEventListener('statechange', check);
        reject(
          new Error(
            `Portico: the Service Worker ${url} failed to install (its script threw, or an import failed); its console (DevTools > Application > Service Workers) says why.`,
          ),
        );
      }
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/** Resolves once the registration's active worker controls this page. */
function controlled(container, registration, url) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (container.controller && container.controller === registration.active) {
        clearTimeout(timer);
        container.removeEventListener('controllerchange', check);
        resolve(undefined);
      }
    };
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', check);
      reject(
        new Error(
          `Portico: the Service Worker ${url} is active but did not take control of this page within 10 s. Reload the page (a hard reload, Shift+Reload, bypasses Service Workers).`,
        ),
      );
    }, 10000);
    container.addEventListener('controllerchange', check);
    check();
  });
}

/** Throws, saying what to do, when the registration's scope does not cover this page. */
export function checkScope(registration, url) {
  if (!location.href.startsWith(registration.scope)) {
    throw new Error(
      `Portico: the Service Worker ${url} is active, but its scope ${registration.scope} does not include this page (${location.href}). Serve it from a directory above the page (e.g. /sw.js), or pass serviceWorker: { options: { scope } } with a Service-Worker-Allowed header.`,
    );
  }
}

/** Resolves once the registration's active worker controls this page, asking it to claim the page if it does not yet. */
export async function takeControl(container, registration, url) {
  if (container.controller !== registration.active) {
    await ask(registration.active, { type: 'PORTICO_CLAIM', protocol: PROTOCOL }, 5000);
    await controlled(container, registration, url);
  }
}
