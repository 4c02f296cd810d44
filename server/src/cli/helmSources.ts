// `helm template` prints each rendered document after a "---" line as "# Source: chart/templates/x.yaml".
// For a stream with such comments, the template each line came from, so a finding can name the file
// its author edits while its line and column stay those of the rendered stream.

export interface HelmSources {
  /** The template a 0-based line of the stream came from, if any. */
  at(line: number): string | undefined;
}

const SOURCE = /^# Source: (\S.*?)\s*$/;
const SEPARATOR = /^---(?:\s|$)/;

export function helmSources(text: string): HelmSources | undefined {
  if (!text.includes('# Source: ')) return undefined;
  // Line ranges [from, to) and their template: from a Source comment to the next document separator.
  const spans: { from: number; to: number; source: string }[] = [];
  let open: { from: number; source: string } | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SEPARATOR.test(line)) {
      if (open) spans.push({ ...open, to: i });
      open = undefined;
      continue;
    }
    const m = SOURCE.exec(line);
    if (m && !open) open = { from: i, source: m[1] };
  }
  if (open) spans.push({ ...open, to: lines.length });
  if (!spans.length) return undefined;
  return {
    at(line) {
      // Spans are sorted and disjoint: binary search.
      let lo = 0;
      let hi = spans.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = spans[mid];
        if (line < s.from) hi = mid - 1;
        else if (line >= s.to) lo = mid + 1;
        else return s.source;
      }
      return undefined;
    },
  };
}
