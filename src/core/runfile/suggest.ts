/** "Did you mean …?" for misspelt keys, run names and enum values. */

/** Case, dashes and underscores do not matter: `positive_class` and `Positive-Class` match `positiveClass`. */
function normalize(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** Edit distance where a swap of two neighbours counts as one edit ("modle" → "model"). */
export function editDistance(a: string, b: string): number {
  // Optimal string alignment: Levenshtein plus adjacent transpositions; keys are short.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a likely typo
 * (at most a third of the word's length in edits, and at least one), or the only candidate
 * the word begins.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = normalize(word);
  // A unique candidate that starts with the word ('breast' → 'breast-cancer') is a good guess too.
  const prefixed = w.length >= 3 ? candidates.filter((c) => normalize(c).startsWith(w)) : [];
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(w.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(w, normalize(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean 'x'?)` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}
