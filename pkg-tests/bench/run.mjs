// `make bench`: every benchmark, each printing its rates and ratios.
const benches = process.argv.slice(2).length ? process.argv.slice(2) : ['routing', 'templates', 'validation', 'pipeline'];
for (const name of benches) await import(`./${name}.mjs`);
