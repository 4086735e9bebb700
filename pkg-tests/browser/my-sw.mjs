// A user's own module Service Worker with the handlers bundled in: served as
// /my-sw.mjs and registered with { type: 'module' }. Its imports are static
// (service workers cannot import() at run time).
import { installGateway } from '/www/sw-gateway.mjs';
import { loadDefinition } from '/fixtures/api.mjs';
import { lambdas } from '/fixtures/handlers.mjs';

installGateway(() => loadDefinition(self.location.href), { lambdas });
