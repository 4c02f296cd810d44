// "Did you mean" suggestions: the closest strings by edit distance.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Candidates close to `word`, best first: case-insensitive equality first, then edit distance up to
 * max(2, a third of the word's length). At most `limit` results.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    if (Math.abs(cl.length - lower.length) > max) continue;
    const d = cl === lower ? 0 : editDistance(lower, cl) + 0.5;
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map((s) => s[0]);
}
