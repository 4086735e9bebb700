// package.json's version is Portico's one version. The page's modules and the
// Service Worker each need it as a constant (sw.js is a classic worker and
// cannot read anything at run time), so this script writes it into both:
//
//   node scripts/stamp-version.mjs           stamp package.json's version
//   node scripts/stamp-version.mjs --check   fail when a copy differs (make lint)
//
// `npm version <new>` runs it (package.json's "version" script) and stages
// the stamped files with the bump.
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
/** Each copy of the version: the file, and the declaration that holds it. */
const COPIES = [
  ['www/browser/protocol.mjs', /^(export const VERSION = ')([^']*)(';)$/m],
  ['www/sw.js', /^(const PORTICO_VERSION = ')([^']*)(';)$/m],
];

const check = process.argv.includes('--check');
const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
let stale = 0;
for (const [file, declaration] of COPIES) {
  const text = await readFile(new URL(file, root), 'utf8');
  const found = declaration.exec(text);
  if (!found) throw new Error(`${file} has no declaration matching ${declaration}`);
  if (found[2] === version) continue;
  if (check) {
    console.error(`${file} says version ${found[2]}, package.json ${version}: run node scripts/stamp-version.mjs`);
    stale += 1;
  } else {
    await writeFile(new URL(file, root), text.replace(declaration, `$1${version}$3`));
    console.log(`${file}: ${found[2]} -> ${version}`);
  }
}
process.exitCode = stale ? 1 : 0;
