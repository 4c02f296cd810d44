// Comment directives that silence findings, as linter users expect:
//   # multus-networks-disable-next-line [rule-id ...]   (the next line)
//   # multus-networks-disable [rule-id ...]             (the whole file)
// Without ids, every rule is silenced.
import type { LineIndex } from './text/lineIndex';
import type { Problem } from './types';

const DIRECTIVE = /#\s*multus-networks-(disable-next-line|disable)\b([^\n\r]*)/g;

interface Directives {
  file: Set<string> | 'all' | undefined;
  lines: Map<number, Set<string> | 'all'>;
}

function parseDirectives(text: string, lines: LineIndex): Directives {
  const out: Directives = { file: undefined, lines: new Map() };
  if (!text.includes('multus-networks-disable')) return out;
  for (const m of text.matchAll(DIRECTIVE)) {
    const ids = m[2].split(/[\s,]+/).filter((x) => x && !x.startsWith('--'));
    const set: Set<string> | 'all' = ids.length ? new Set(ids) : 'all';
    if (m[1] === 'disable') {
      if (set === 'all' || out.file === 'all') out.file = 'all';
      else out.file = new Set([...(out.file ?? []), ...set]);
    } else {
      const line = lines.positionAt(m.index ?? 0).line + 1;
      const prev = out.lines.get(line);
      out.lines.set(line, set === 'all' || prev === 'all' ? 'all' : new Set([...(prev ?? []), ...set]));
    }
  }
  return out;
}

const covers = (set: Set<string> | 'all' | undefined, code: string): boolean =>
  set === 'all' || (set !== undefined && set.has(code));

export function applySuppressions(problems: Problem[], text: string, lines: LineIndex): Problem[] {
  const d = parseDirectives(text, lines);
  if (d.file === undefined && d.lines.size === 0) return problems;
  return problems.filter(
    (p) => !covers(d.file, p.code) && !covers(d.lines.get(lines.positionAt(p.start).line), p.code),
  );
}
