// Comment directives that silence findings, as linter users expect:
//   # multus-networks-disable-next-line [rule-id ...]   (the next line)
//   # multus-networks-disable [rule-id ...]             (the whole file)
// Without ids, every rule is silenced; text after " -- " is a description. JSON has no comments,
// so a next-line directive on the line before an embedded document's key (a NAD's config:, a pod's
// networks annotation) covers that whole document, however many lines it spans. A rule id that is
// not in the catalog is reported where it is written (comment/unknown-rule), with a did-you-mean.
import { isRuleId, RULES } from './rules';
import type { LineIndex } from './text/lineIndex';
import { closestOne } from './text/suggest';
import type { Problem } from './types';

const DIRECTIVE = /#\s*multus-networks-(disable-next-line|disable)\b([^\n\r]*)/g;

/** An embedded document: the line of its key and the offsets it spans (key to end of value). */
export interface EmbeddedBlock {
  keyLine: number;
  start: number;
  end: number;
}

interface Directives {
  file: Set<string> | 'all' | undefined;
  lines: Map<number, Set<string> | 'all'>;
}

/** Each directive's ids with their offsets in `text`, up to a " -- " description. */
function* directives(text: string): Generator<{ kind: string; at: number; ids: { id: string; start: number }[] }> {
  if (!text.includes('multus-networks-disable')) return;
  for (const m of text.matchAll(DIRECTIVE)) {
    const argsStart = (m.index ?? 0) + m[0].length - m[2].length;
    const ids: { id: string; start: number }[] = [];
    for (const t of m[2].matchAll(/[^\s,]+/g)) {
      if (t[0].startsWith('--')) break;
      ids.push({ id: t[0], start: argsStart + (t.index ?? 0) });
    }
    yield { kind: m[1], at: m.index ?? 0, ids };
  }
}

function parseDirectives(text: string, lines: LineIndex): Directives {
  const out: Directives = { file: undefined, lines: new Map() };
  for (const d of directives(text)) {
    const set: Set<string> | 'all' = d.ids.length ? new Set(d.ids.map((x) => x.id)) : 'all';
    if (d.kind === 'disable') {
      if (set === 'all' || out.file === 'all') out.file = 'all';
      else out.file = new Set([...(out.file ?? []), ...set]);
    } else {
      const line = lines.positionAt(d.at).line + 1;
      const prev = out.lines.get(line);
      out.lines.set(line, set === 'all' || prev === 'all' ? 'all' : new Set([...(prev ?? []), ...set]));
    }
  }
  return out;
}

const covers = (set: Set<string> | 'all' | undefined, code: string): boolean =>
  set === 'all' || (set !== undefined && set.has(code));

export function applySuppressions(
  problems: Problem[],
  text: string,
  lines: LineIndex,
  blocks: readonly EmbeddedBlock[] = [],
): Problem[] {
  const d = parseDirectives(text, lines);
  if (d.file === undefined && d.lines.size === 0) return problems;
  const silencedBlocks = blocks.flatMap((b) => {
    const set = d.lines.get(b.keyLine);
    return set ? [{ ...b, set }] : [];
  });
  return problems.filter(
    (p) =>
      !covers(d.file, p.code) &&
      !covers(d.lines.get(lines.positionAt(p.start).line), p.code) &&
      !silencedBlocks.some((b) => p.start >= b.start && p.start < b.end && covers(b.set, p.code)),
  );
}

const IDS = RULES.map((r) => r.id);

/** comment/unknown-rule for every id in a directive that is not a rule id, at its characters. */
export function directiveProblems(text: string): Problem[] {
  const out: Problem[] = [];
  for (const d of directives(text)) {
    for (const { id, start } of d.ids) {
      if (isRuleId(id)) continue;
      const suggestion = closestOne(id, IDS);
      out.push({
        code: 'comment/unknown-rule',
        severity: 'warning',
        message: `"${id}" is not a multus-networks rule id, so this comment silences nothing for it.${suggestion ? ` Did you mean "${suggestion}"?` : ' The rule ids are listed in docs/rules.md.'}`,
        start,
        end: start + id.length,
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
  }
  return out;
}
