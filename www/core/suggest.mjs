// "Did you mean": the CLI's unknown commands and flags, a missing function's
// handler keys and createGateway's load-time check all guess the name that
// was meant the same way, so the guess is computed here once.

/**
 * The candidate closest to `wanted` (a word, or several names for one
 * thing), if one is near enough: equal but for case, or within 2 edits (a
 * quarter of the word's length for longer words).
 * @param {string | string[]} wanted
 * @param {string[]} candidates
 */
export function closest(wanted, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const target of typeof wanted === 'string' ? [wanted] : wanted) {
    const limit = Math.max(2, Math.floor(target.length / 4));
    for (const candidate of candidates) {
      const d = candidate.toLowerCase() === target.toLowerCase() ? 0 : editDistance(candidate, target);
      if (d <= limit && d < bestDistance) [best, bestDistance] = [candidate, d];
    }
  }
  return best;
}

/** Levenshtein distance. */
export function editDistance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
