// Quick fixes for json/syntax: the mechanical repairs of a spec.config that is almost JSON
// (trailing comma, comment, single quotes, Python literals, unquoted key, missing comma, missing
// closing brackets). The checker's `data.repair` says which one applies.
import { parseStrictJson } from '../../cni/json';
import type { Problem } from '../../types';
import { applyValueEdits, ValueEdit } from './scalarEdit';
import { commentDeletion, missingClosers, pythonEdits } from './jsonEdits';
import { Fix, FixContext, jsonFix, JsonSite, jsonSiteOf } from './types';

export function jsonSyntaxFixes(ctx: FixContext, problem: Problem): Fix[] {
  const site = jsonSiteOf(ctx, problem);
  if (!site) return [];
  const repair = problem.data?.repair;
  const fix = (title: string, edits: ValueEdit[] | undefined, preferred = true) => {
    if (!edits?.length) return [];
    const f = jsonFix(ctx, site.nad, title, edits, { problem, isPreferred: preferred, safe: preferred });
    return f ? [f] : [];
  };
  const { json, jsonStart: s, jsonEnd: e } = site;
  switch (repair) {
    case 'remove-trailing-comma':
      return fix('Remove the trailing comma', json[s] === ',' ? [{ start: s, end: e, newText: '' }] : undefined);
    case 'remove-comment':
      return fix('Remove the comment', [commentDeletion(json, s, commentEnd(site, ctx.analysis.text))]);
    case 'single-quotes':
    case 'python-literal': {
      const all = pythonEdits(json);
      if (all.length && !hasSyntaxError(applyValueEdits(json, all))) {
        return fix('Convert the Python-style dict to JSON', all);
      }
      // Not a clean conversion: fix just this token.
      const one = all.filter((x) => x.start >= s && x.start < Math.max(e, s + 1));
      return fix(repair === 'single-quotes' ? 'Use double quotes' : `Write ${one[0]?.newText ?? 'the JSON literal'}`, one.length ? one : undefined);
    }
    case 'quote-word': {
      const word = json.slice(s, e);
      return fix(`Quote "${word}"`, /^[A-Za-z_][\w-]*$/.test(word) ? [{ start: s, end: e, newText: JSON.stringify(word) }] : undefined);
    }
    case 'insert-comma':
      return fix('Insert the missing comma', [{ start: s, end: s, newText: ',' }]);
    case 'truncated': {
      const closers = missingClosers(json);
      if (!closers) return [];
      const trimmed = json.replace(/\s+$/, '');
      return fix(`Close the JSON with ${closers}`, [{ start: trimmed.length, end: trimmed.length, newText: closers }], false);
    }
    default:
      return [];
  }
}

/**
 * Where a comment really ends for the user. In a quoted or folded scalar, source lines are joined
 * with spaces, so a `//` comment runs to the end of the whole value; the user sees it end with its
 * source line, and only that part is removed.
 */
function commentEnd(site: JsonSite, text: string): number {
  const d = site.nad.decoded!;
  const { json, jsonStart: s, jsonEnd: e } = site;
  if (!json.startsWith('//', s) || d.style === 'BLOCK_LITERAL') return e;
  for (let i = s + 1; i < e; i++) {
    if (json[i] !== ' ') continue;
    const [a, b] = d.rangeToSource(i, i + 1);
    // A value space that encodes a folded source line break ends the comment.
    if (/[\r\n]/.test(text.slice(a, b))) return i;
  }
  return e;
}

function hasSyntaxError(json: string): boolean {
  return parseStrictJson(json).problems.some((p) => p.code === 'json/syntax');
}
