// "Did you mean": one engine and one policy for every suggestion the checker makes (JSON keys and
// enum values, plugin and IPAM types, NAD names, selector keys, settings and config keys, rule ids).
//
// The policy:
// - Words are compared ignoring letter case, and also with the separators - _ . and spaces removed
//   (rangeStrat ~ range_start ~ RangeStart); the smaller of the two distances counts.
// - The distance is the optimal string alignment distance: Levenshtein (insert, delete, replace one
//   character) plus the swap of two adjacent characters, each costing 1.
// - A candidate is close enough when its distance is at most suggestionLimit(length of the word
//   typed): 1 up to 3 characters, 2 up to 6, 3 beyond; and smaller than the word's length (so "x"
//   suggests nothing). A letter-case variant (distance 0) always counts.
// - Best first: smallest distance, then the candidates' own order (alphabetical when scored equal).

/** Optimal string alignment distance between `a` and `b`, exactly as written (case-sensitive). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return a.length + b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** True when `a` and `b` differ only in letter case ("Macvlan" and "macvlan"). */
export function isCaseVariant(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}

const squash = (s: string): string => s.toLowerCase().replace(/[-_.\s]/g, '');

/** The policy's distance: ignoring case, and ignoring separators, whichever is smaller. */
export function suggestionDistance(word: string, candidate: string): number {
  return Math.min(
    editDistance(word.toLowerCase(), candidate.toLowerCase()),
    editDistance(squash(word), squash(candidate)),
  );
}

/** The largest distance at which a candidate is suggested for a word of `length` characters. */
export function suggestionLimit(length: number): number {
  return length <= 3 ? 1 : length <= 6 ? 2 : 3;
}

/** Candidates close enough to `word` by the policy above, best first, at most `limit` of them. */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = suggestionLimit(word.length);
  const squashedLength = squash(word).length;
  const scored: [string, number, number][] = [];
  let i = 0;
  for (const c of candidates) {
    i++;
    if (c === word) continue;
    // Lengths far apart cannot be within the limit: skip the quadratic distance (hostile long words).
    if (Math.abs(word.length - c.length) > max && Math.abs(squashedLength - squash(c).length) > max) continue;
    const d = suggestionDistance(word, c);
    if (d === 0 || (d <= max && d < word.length)) scored.push([c, d, i]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]) || x[2] - y[2]);
  return scored.slice(0, limit).map((s) => s[0]);
}

/** The one best candidate, if any is close enough. */
export function closestOne(word: string, candidates: Iterable<string>): string | undefined {
  return closest(word, candidates, 1)[0];
}
