/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). With
 * `max`, any distance over it comes back as `max + 1` as soon as it is certain, as TypeScript's
 * spelling suggestions do, so a long input costs no more than its length.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (!m) return n;
  if (!n) return m;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    // Every alignment crosses this row or (by a transposition) the one before it.
    if (rowMin > max && prevMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
    prevMin = rowMin;
  }
  return Math.min(prev[n], max + 1);
}

const normalise = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The candidate a person most likely meant, or undefined when none is close. Case, `-`, `_`
 * and spaces are ignored first (`max_duration` -> `maxDuration`), then small typos are allowed:
 * up to a third of the word's length.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(input);
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const c = normalise(candidate);
    const d = c === wanted ? 0 : editDistance(wanted, c, Math.min(allowed, bestDistance));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}
