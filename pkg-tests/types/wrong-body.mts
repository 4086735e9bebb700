// A handler whose result has a body that is not a string: tsc must refuse it
// (pkg-tests/types.test.mjs asserts the error and its line).
import type { ProxyHandler } from '../../www/portico.mjs';

export const getPet: ProxyHandler = async () => ({ statusCode: 200, body: { id: 7 } });
