// Quick fixes for json/syntax: the mechanical repairs of a spec.config that is almost JSON. The
// checker names the repair in `data.repair` (see cni/json.ts) and, where it knows it, the text to
// write (`data.replacement`) or the place to insert (`data.insertAt`), all in JSON offsets.
import { JsonRepair, parseStrictJson } from '../../cni/json';
import type { JsonProblem, Problem } from '../../types';
import { applyValueEdits, ValueEdit } from './scalarEdit';
import { commentDeletion, missingClosers, pythonEdits } from './jsonEdits';
import { Fix, FixContext, jsonFix, JsonSite, jsonSiteOf } from './types';

interface Repair {
  title: string;
  edits: ValueEdit[];
  /** Clearly right (preferred) and mechanical enough for fix-all (safe). */
  preferred: boolean;
  safe: boolean;
}

const TYPOGRAPHIC_QUOTES = '\u201c\u201d\u2018\u2019';
// eslint-disable-next-line no-control-regex -- U+000B and U+000C are among the blanks it repairs
const UNUSUAL_BLANKS = /^[\u000b\u000c\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+$/;

export function jsonSyntaxFixes(ctx: FixContext, problem: Problem): Fix[] {
  const site = jsonSiteOf(ctx, problem);
  if (!site) return [];
  const repair = repairFor(site, problem, ctx.analysis.text);
  if (!repair || !repair.edits.length || !fixesIt(site, repair.edits)) return [];
  const fix = jsonFix(ctx, site.nad, repair.title, repair.edits, {
    problem,
    isPreferred: repair.preferred,
    safe: repair.preferred && repair.safe,
  });
  return fix ? [fix] : [];
}

function repairFor(site: JsonSite, problem: Problem, text: string): Repair | undefined {
  const { json, jsonStart: s, jsonEnd: e } = site;
  const data = problem.data ?? {};
  const kind = data.repair as JsonRepair | undefined;
  const insertAt = typeof data.insertAt === 'number' ? data.insertAt : s;
  const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
  const make = (title: string, edits: ValueEdit[], preferred = true, safe = true): Repair => ({
    title,
    edits,
    preferred,
    safe,
  });
  const insert = (what: string) => [{ start: insertAt, end: insertAt, newText: what }];
  switch (kind) {
    case 'remove-trailing-comma':
      return json[s] === ',' ? make('Remove the trailing comma', [{ start: s, end: e, newText: '' }]) : undefined;
    case 'remove-extra-comma':
      return json[s] === ',' ? make('Remove the extra comma', [{ start: s, end: s + 1, newText: '' }]) : undefined;
    case 'remove-comment':
      return make('Remove the comment', [commentDeletion(json, s, commentEnd(site, text))]);
    case 'single-quotes':
    case 'python-literal': {
      const all = pythonEdits(json);
      if (all.length && !hasSyntaxError(applyValueEdits(json, all)))
        return make('Convert the Python-style dict to JSON', all);
      if (kind === 'python-literal' && replacement)
        return make(`Write ${replacement}`, [{ start: s, end: e, newText: replacement }]);
      const one = all.filter((x) => x.start >= s && x.start < Math.max(e, s + 1));
      return one.length ? make('Use double quotes', one) : undefined;
    }
    case 'lowercase-literal':
      return replacement ? make(`Write ${replacement}`, [{ start: s, end: e, newText: replacement }]) : undefined;
    case 'straight-quotes': {
      // The opening quote and its partner on the same line.
      const edits: ValueEdit[] = [{ start: s, end: s + 1, newText: '"' }];
      for (let i = s + 1; i < json.length && json[i] !== '\n' && json[i] !== '"'; i++) {
        if (TYPOGRAPHIC_QUOTES.includes(json[i])) {
          edits.push({ start: i, end: i + 1, newText: '"' });
          break;
        }
      }
      return make('Use straight double quotes', edits);
    }
    case 'quote-word': {
      const word = json.slice(s, e);
      return /^[A-Za-z_$][\w$.-]*$/.test(word)
        ? make(`Quote "${word}"`, [{ start: s, end: e, newText: JSON.stringify(word) }])
        : undefined;
    }
    case 'insert-comma':
      return make('Insert the missing comma', insert(','));
    case 'insert-colon':
      return make('Insert the missing colon', insert(':'));
    case 'close-string': {
      // `"eth1,` at the end of a line: the quote was forgotten before the comma.
      let at = insertAt;
      while (at > s && /[ \t]/.test(json[at - 1])) at--;
      if (json[at - 1] === ',' && at - 1 > s + 1) at--;
      return make('Close the string', [{ start: at, end: at, newText: '"' }], true, false);
    }
    case 'escape-backslash':
      return make('Escape the backslash (\\\\)', insert('\\'));
    case 'escape-control':
      return replacement ? make(`Write ${replacement}`, [{ start: s, end: e, newText: replacement }]) : undefined;
    case 'replace-whitespace':
      return make('Replace it with a normal space', [{ start: s, end: e, newText: replacement ?? ' '.repeat(e - s) }]);
    case 'remove-extra': {
      // With the blanks and line break before it, so no empty line is left behind.
      let from = s;
      while (from > 0 && /\s/.test(json[from - 1])) from--;
      return make(`Remove the extra ${json.slice(s, e)}`, [{ start: from, end: e, newText: '' }], true, false);
    }
    case 'truncated': {
      const closers = missingClosers(json);
      if (!closers) return undefined;
      const at = json.replace(/\s+$/, '').length;
      return make(`Close the JSON with ${closers}`, [{ start: at, end: at, newText: closers }], false, false);
    }
    default:
      // A finding that knows its replacement without naming a repair (e.g. `=` for `:`).
      if (replacement !== undefined)
        return make(`Replace with ${replacement}`, [{ start: s, end: e, newText: replacement }]);
      // Invisible or unusual blanks the parser took for a symbol (e.g. a non-breaking space).
      if (e > s && UNUSUAL_BLANKS.test(json.slice(s, e)))
        return make('Replace it with a normal space', [{ start: s, end: e, newText: ' '.repeat(e - s) }]);
      return undefined;
  }
}

/**
 * A repair must fix its finding without breaking anything before it, and must not cut the JSON
 * short (a `//` comment on a one-line config runs to the end of the value: removing it would drop
 * the rest). Fixed means: fewer syntax findings, or none left at or before the repaired place.
 */
function fixesIt(site: JsonSite, edits: ValueEdit[]): boolean {
  const before = syntaxProblems(site.json);
  const after = syntaxProblems(applyValueEdits(site.json, edits));
  const first = Math.min(...edits.map((e) => e.start));
  const earlier = (ps: JsonProblem[]) => ps.filter((p) => p.end <= first).map((p) => `${p.start}:${p.message}`);
  const known = new Set(earlier(before));
  if (earlier(after).some((k) => !known.has(k))) return false;
  const truncated = (ps: JsonProblem[]) => ps.some((p) => p.data?.repair === 'truncated');
  if (truncated(after) && !truncated(before)) return false;
  if (after.length < before.length) return true;
  const delta = edits
    .filter((e) => e.start <= site.jsonEnd)
    .reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
  return after.filter((p) => p.end > first).every((p) => p.start >= site.jsonEnd + delta);
}

const syntaxProblems = (json: string): JsonProblem[] =>
  parseStrictJson(json).problems.filter((p) => p.code === 'json/syntax');

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
  return syntaxProblems(json).length > 0;
}
