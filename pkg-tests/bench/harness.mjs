// A small benchmark harness: each case runs for a fixed time, five rounds,
// and reports the median rate; cases in one table run in the same process,
// so their ratio compares like with like.

/** The median rate of one case (see `compare`). */
export function measure(fn, options) {
  return compare([['', fn]], options)[0][1];
}

/**
 * Rates of several `[name, fn]` cases measured in interleaved rounds (a round of each in
 * turn), so a slow stretch of the machine or a GC pause hits them alike; returns the
 * `[name, median rate]` rows `report` prints.
 */
export function compare(cases, { rounds = 7, ms = 300, batch = 256, warmup = 1000 } = {}) {
  for (const [, fn] of cases) for (let i = 0; i < warmup; i++) fn(i);
  const rates = cases.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [c, [, fn]] of cases.entries()) {
      let n = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < ms) {
        for (let i = 0; i < batch; i++) fn(n++);
        elapsed = performance.now() - start;
      }
      rates[c].push((n / elapsed) * 1000);
    }
  }
  return cases.map(([name], c) => {
    const sorted = rates[c].sort((a, b) => a - b);
    return [name, sorted[Math.floor(sorted.length / 2)]];
  });
}

export async function measureAsync(fn, { rounds = 5, ms = 400 } = {}) {
  for (let i = 0; i < 200; i++) await fn(i);
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < 32; i++) await fn(n++);
      elapsed = performance.now() - start;
    }
    rates.push((n / elapsed) * 1000);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');

/** Prints `name: rate/s` rows and each row's ratio to the first. */
export function report(title, rows) {
  console.log(`\n${title}`);
  const [base] = rows;
  for (const [name, rate] of rows) {
    const ratio = rate / base[1];
    console.log(`  ${name.padEnd(44)} ${fmt(rate).padStart(12)} /s   ${ratio.toFixed(2)}x of ${base[0]}`);
  }
}
