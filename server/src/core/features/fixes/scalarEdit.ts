// Changing the value of a YAML scalar without touching anything else in the file. Callers say what
// the *decoded* value should become (edits at value offsets, or a whole new value); this module
// turns that into file edits in the scalar's own style:
//   1. in place: each changed value span is re-encoded for the style (`"` → `\"` inside double
//      quotes, `'` doubled inside single quotes, continuation indentation inside a `|` block) and
//      only its source span is replaced, so the layout of a multi-line config survives;
//   2. otherwise the whole scalar is re-encoded in its style (or, when the style cannot hold the
//      value, a `|` block or a double-quoted string).
// Every candidate is verified by parsing the edited file: the scalar must decode to exactly the
// intended value and the file must not gain YAML errors. Nothing unverified is returned.
import { parseAllDocuments, visit } from 'yaml';
import { applyEdits, TextEdit } from '../../edits';
import type { DecodedScalar, ScalarStyle } from '../../embedded/types';

/** An edit of the decoded value: offsets into `DecodedScalar.value`. */
export interface ValueEdit {
  start: number;
  end: number;
  newText: string;
}

export interface ScalarRewrite {
  /** File edits (offsets into the text the scalar was decoded from). */
  edits: TextEdit[];
  /** The scalar's value after the edits. */
  value: string;
  style: ScalarStyle;
}

/** The value after applying value edits (same semantics as file edits). */
export function applyValueEdits(value: string, edits: readonly ValueEdit[]): string {
  return applyEdits(value, edits);
}

/**
 * The file edits that change the scalar's value as `edits` say. In place when the style allows it,
 * else by re-encoding the whole scalar. `undefined` when no verified encoding exists.
 */
export function editScalarValue(text: string, decoded: DecodedScalar, edits: readonly ValueEdit[]): ScalarRewrite | undefined {
  if (!edits.length) return { edits: [], value: decoded.value, style: decoded.style };
  const value = applyValueEdits(decoded.value, edits);
  if (decoded.exact !== false) {
    const inPlace = inPlaceEdits(text, decoded, edits);
    if (inPlace && verify(text, inPlace, decoded.sourceStart, value)) return { edits: inPlace, value, style: decoded.style };
  }
  return replaceScalarValue(text, decoded, value);
}

/**
 * Replaces the whole scalar by `value`, encoded in `style` (default: the scalar's own style); falls
 * back to a `|` block (multi-line values) or a double-quoted string when that style cannot hold it.
 */
export function replaceScalarValue(text: string, decoded: DecodedScalar, value: string, style: ScalarStyle = decoded.style): ScalarRewrite | undefined {
  const indent = contentIndent(text, decoded);
  const multiLine = /\n./.test(value);
  const styles: ScalarStyle[] = [style];
  if (multiLine && !styles.includes('BLOCK_LITERAL')) styles.push('BLOCK_LITERAL');
  if (!styles.includes('QUOTE_DOUBLE')) styles.push('QUOTE_DOUBLE');
  for (const s of styles) {
    const edit = wholeScalarEdit(text, decoded, value, s, indent);
    if (edit && verify(text, [edit.edit], decoded.sourceStart, value)) return { edits: [edit.edit], value, style: edit.style };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// In place.

function inPlaceEdits(text: string, decoded: DecodedScalar, edits: readonly ValueEdit[]): TextEdit[] | undefined {
  const style = decoded.style;
  const blockIndent = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? ' '.repeat(contentIndent(text, decoded)) : '';
  const out: TextEdit[] = [];
  for (const e of edits) {
    const encoded = encodeInPlace(e.newText, style, blockIndent);
    if (encoded === undefined) return undefined;
    let [start, end] = e.end > e.start ? decoded.rangeToSource(e.start, e.end) : [decoded.toSource(e.start), decoded.toSource(e.start)];
    if (start < decoded.sourceStart || end > decoded.sourceEnd) return undefined;
    // In flow styles a deleted span that ends in a line break would leave the next line's
    // indentation behind as content; the indentation goes with it.
    if (e.end > e.start && (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' || style === 'PLAIN') && /[\r\n]/.test(text[end - 1] ?? '')) {
      while (end < decoded.sourceEnd && (text[end] === ' ' || text[end] === '\t')) end++;
    }
    if (start > end) [start, end] = [end, start];
    out.push({ start, end, newText: encoded });
  }
  try {
    out.sort((a, b) => a.start - b.start);
    for (let i = 1; i < out.length; i++) if (out[i].start < out[i - 1].end) return undefined;
  } catch {
    return undefined;
  }
  return out;
}

/** Source text that yields `s` where it is inserted inside a scalar of `style`; undefined if none. */
export function encodeInPlace(s: string, style: ScalarStyle, blockIndent = ''): string | undefined {
  switch (style) {
    case 'QUOTE_DOUBLE':
      return escapeDouble(s);
    case 'QUOTE_SINGLE':
      return /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s.replace(/'/g, "''");
    case 'BLOCK_LITERAL':
      return /[\r\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s.replace(/\n/g, `\n${blockIndent}`);
    case 'BLOCK_FOLDED':
    case 'PLAIN':
      return /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s;
  }
}

/** Escapes for the inside of a YAML double-quoted scalar. */
export function escapeDouble(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0xfeff || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Whole scalar.

function wholeScalarEdit(text: string, decoded: DecodedScalar, value: string, style: ScalarStyle, indent: number): { edit: TextEdit; style: ScalarStyle } | undefined {
  // Anchors and tags stay.
  const prefix = /^((?:[&!][^\s]*\s+)*)/.exec(text.slice(decoded.sourceStart, decoded.sourceEnd))?.[1] ?? '';
  const start = decoded.sourceStart + prefix.length;
  let end = decoded.sourceEnd;
  const isBlock = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
  const wasBlock = decoded.style === 'BLOCK_LITERAL' || decoded.style === 'BLOCK_FOLDED';
  const enc = encodeScalar(value, style, indent);
  if (!enc || enc.style !== style) return undefined;
  if (!isBlock) {
    // A block ends with its line break(s); the flow scalar replacing it keeps one.
    const lineBreak = wasBlock && /\n[ \t]*$/.test(text.slice(start, end)) ? '\n' : '';
    return { edit: { start, end, newText: enc.text + lineBreak }, style };
  }
  let comment = '';
  if (!wasBlock) {
    // A comment after a flow scalar would end up inside the block: it moves to the header line.
    const rest = /^([ \t]+#[^\r\n]*)/.exec(text.slice(end));
    if (rest) {
      comment = rest[1];
      end += rest[1].length;
    }
    // A flow scalar followed by more on its line (e.g. inside a flow mapping) cannot become a block.
    if (!/^[ \t]*(\r?\n|$)/.test(text.slice(end))) return undefined;
  } else {
    const header = /^[|>][^\r\n]*?([ \t]+#[^\r\n]*)?(?=\r?\n|$)/.exec(text.slice(start, end));
    if (header?.[1]) comment = header[1];
  }
  const nl = enc.text.indexOf('\n');
  let newText = nl < 0 ? enc.text + comment : enc.text.slice(0, nl) + comment + enc.text.slice(nl);
  newText = newText.replace(/\n$/, '');
  if (/\n[ \t]*$/.test(text.slice(start, end))) newText += '\n';
  return { edit: { start, end, newText }, style };
}

/**
 * Encodes a whole value as a scalar of `style` whose block content (or flow continuation) is
 * indented by `indent` spaces. Block text ends with a line break after its last line. `undefined`
 * when the style cannot hold the value.
 */
export function encodeScalar(value: string, style: ScalarStyle, indent: number): { text: string; style: ScalarStyle } | undefined {
  const pad = ' '.repeat(indent);
  switch (style) {
    case 'QUOTE_DOUBLE':
      return { text: `"${escapeDouble(value)}"`, style };
    case 'QUOTE_SINGLE':
      return /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(value) ? undefined : { text: `'${value.replace(/'/g, "''")}'`, style };
    case 'PLAIN':
      if (!value || /[\r\n\x00-\x08\x0b-\x1f\x7f]|: |:$| #|^[\s\-?:,[\]{}#&*!|>'"%@`]|\s$/.test(value)) return undefined;
      return { text: value, style };
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      if (/[\r\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(value)) return undefined;
      const content = value.replace(/\n+$/, '');
      const trailing = value.length - content.length;
      if (content === '' || /^[ \t]/.test(content) || /^\n*[ \t]/.test(content)) return undefined;
      const lines = content.split('\n');
      if (style === 'BLOCK_FOLDED' && lines.length > 1) return undefined;
      const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
      const body = lines.map((l) => (l === '' ? '' : pad + l));
      for (let i = 1; i < trailing; i++) body.push('');
      return { text: `${style === 'BLOCK_LITERAL' ? '|' : '>'}${chomp}\n${body.join('\n')}\n`, style };
    }
  }
}

/**
 * Content indentation for block scalars: the existing block's, else two more than the column of
 * the key that owns the scalar (a `- ` sequence marker counts as indentation).
 */
export function contentIndent(text: string, decoded: Pick<DecodedScalar, 'sourceStart' | 'sourceEnd' | 'style'>): number {
  if (decoded.style === 'BLOCK_LITERAL' || decoded.style === 'BLOCK_FOLDED') {
    const body = text.slice(decoded.sourceStart, decoded.sourceEnd);
    const header = /^[^\n]*\n/.exec(body);
    if (header) {
      const explicit = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(body);
      for (const line of body.slice(header[0].length).split('\n')) {
        if (line.trim() === '') continue;
        const n = /^ */.exec(line)![0].length;
        if (!explicit) return n;
        break;
      }
    }
  }
  return keyColumn(text, decoded.sourceStart) + 2;
}

/** Column of the key whose value starts at `offset` (or of the value itself when it starts its own line). */
export function keyColumn(text: string, offset: number): number {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  const before = text.slice(ls, offset);
  if (!/:[ \t]*$/.test(before) && before.trim() === '') return Math.max(0, offset - ls - 2);
  const m = /^(?:[ \t]*-[ \t]+)*[ \t]*/.exec(before);
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Verification.

const parseCache = new Map<string, number>();

function yamlErrorCount(text: string): number {
  const hit = parseCache.get(text);
  if (hit !== undefined) return hit;
  const n = parseAllDocuments(text, { uniqueKeys: false }) as unknown as { errors: unknown[] }[];
  const count = Array.isArray(n) ? n.reduce((k, d) => k + d.errors.length, 0) : 1;
  if (parseCache.size > 8) parseCache.clear();
  parseCache.set(text, count);
  return count;
}

/** The value and style of the scalar starting at `start` in `text`, if one does. */
export function scalarAt(text: string, start: number): { value: unknown; style: ScalarStyle } | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs)) return undefined;
  let found: { value: unknown; style: ScalarStyle } | undefined;
  for (const doc of docs) {
    const r = doc.range;
    if (r && (start < r[0] || start > r[2])) continue;
    visit(doc, {
      Scalar(_k, node) {
        if (node.range && node.range[0] === start) {
          found = { value: node.value, style: (node.type ?? 'PLAIN') as ScalarStyle };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) break;
  }
  return found;
}

function verify(text: string, edits: TextEdit[], start: number, expected: string): boolean {
  let next: string;
  try {
    next = applyEdits(text, edits);
  } catch {
    return false;
  }
  const got = scalarAt(next, start);
  if (!got || got.value !== expected) return false;
  return yamlErrorCount(next) <= yamlErrorCount(text);
}
