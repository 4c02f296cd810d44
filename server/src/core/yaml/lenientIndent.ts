// Kubernetes reads manifests with go-yaml, which accepts a multi-line quoted string whose
// continuation lines are indented no deeper than its key:
//     config: '{
//     "type": "sriov"
//     }'
// The YAML spec (and the `yaml` package) reject that. Many real NADs are written this way, so when
// strict parsing fails we indent such continuation lines (inserting spaces only, so line numbers
// stay the same) and parse again; the LineIndex then shifts columns back on the touched lines.

export interface IndentRepair {
  text: string;
  /** Spaces inserted at the start of each touched line (0-based line -> count). */
  shifts: Map<number, number>;
  /** 0-based lines of the keys whose quoted values were re-indented. */
  keyLines: number[];
  /** Those of `keyLines` whose continuation lines start with a tab (go-yaml reads the tab as separation). */
  tabKeyLines: number[];
}

const KEY_WITH_QUOTE = /^( *)(?:- +)?[^\s#'"][^#'"]*?:[ \t]+(['"])/;

/** Index just after the closing quote of a quoted scalar opened at `from`, or -1 if unclosed. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === "'" && c === "'") {
      if (text[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
    if (quote === '"') {
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '"') return i + 1;
    }
  }
  return -1;
}

export function repairFlowIndent(text: string): IndentRepair | undefined {
  // Lines here are split on \n; a lone \r (old Mac line end) would count lines differently.
  if (/\r(?!\n)/.test(text)) return undefined;
  const lines = text.split('\n');
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  const shifts = new Map<number, number>();
  const keyLines: number[] = [];
  const tabKeyLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = KEY_WITH_QUOTE.exec(lines[i]);
    if (!m) continue;
    const keyIndent = m[1].length;
    const quoteAt = starts[i] + m[0].length - 1;
    const end = closingQuote(text, quoteAt, m[2]);
    if (end < 0) continue;
    let last = i;
    while (last + 1 < lines.length && starts[last + 1] < end) last++;
    let touched = false;
    let tabbed = false;
    for (let j = i + 1; j <= last; j++) {
      // Indentation is spaces only; a tab right after it is separation, which go-yaml (kubectl)
      // accepts and the YAML spec accepts too once the line is indented below the key.
      const indent = /^ */.exec(lines[j])![0].length;
      if (lines[j].trim() === '' || indent > keyIndent) continue;
      shifts.set(j, keyIndent + 1 - indent);
      touched = true;
      if (lines[j][indent] === '\t') tabbed = true;
    }
    if (touched) keyLines.push(i);
    if (tabbed) tabKeyLines.push(i);
    i = last;
  }
  if (!shifts.size) return undefined;
  const out = lines.map((l, j) => (shifts.has(j) ? ' '.repeat(shifts.get(j)!) + l : l));
  return { text: out.join('\n'), shifts, keyLines, tabKeyLines };
}

/** Inserts the spaces of `shifts` into `text` (a text with the same lines as the repaired one). */
export function applyShifts(text: string, shifts: ReadonlyMap<number, number>): string {
  return text
    .split('\n')
    .map((l, j) => (shifts.has(j) ? ' '.repeat(shifts.get(j)!) + l : l))
    .join('\n');
}

/**
 * An alias used as a mapping key right before its colon (`*app:`, common in app-template Helm
 * values): go-yaml ends an alias name at the first character that is not a letter, digit, `_` or
 * `-`, so Flux and kubectl read alias `app` and then `:`; the YAML spec (and the `yaml` package)
 * take `app:` as the name. Rewritten in place, same length, to a plain key (`_app:`) when the text
 * defines the anchor: our checks never read such keys. Undefined when there is none.
 */
const ALIAS_KEY = /(?<=^[ \t]*(?:[-?][ \t]+)*|[{,][ \t]*)\*([A-Za-z0-9_-]+):(?=[ \t]|\r?$)/gm;

export function fixAliasKeys(text: string): string | undefined {
  if (!text.includes('*')) return undefined;
  // Only aliases of anchors the text defines: an unknown anchor stays an error, as in go-yaml.
  const out = text.replace(ALIAS_KEY, (m, name: string) =>
    new RegExp(`&${name}(?![A-Za-z0-9_-])`).test(text) ? `_${name}:` : m,
  );
  return out === text ? undefined : out;
}
