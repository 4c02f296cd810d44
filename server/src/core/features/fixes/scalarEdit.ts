// Changing the value of a YAML scalar without touching anything else in the file. Callers say what
// the *decoded* value should become (edits at value offsets, or a whole new value); this module
// turns that into file edits in the scalar's own style:
//   1. in place: each changed value span is re-encoded for the style (`"` → `\"` inside double
//      quotes, `'` doubled inside single quotes, continuation indentation inside a `|` block) and
//      only its source span is replaced, so the layout of a multi-line config survives;
//   2. otherwise the whole scalar is re-encoded by the shared encoder (embedded/scalarEncode.ts)
//      in its style (or, when the style cannot hold the value, a `|` block or double quotes).
// Every candidate is verified by parsing the edited file: the scalar must decode to exactly the
// intended value and the file must not gain YAML errors. Nothing unverified is returned.
import { parseAllDocuments, visit } from 'yaml';
import { applyEdits, TextEdit } from '../../edits';
import { encodeReplacement, encodeScalar, escapeDoubleQuoted, parentIndentAt } from '../../embedded/scalarEncode';
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
export function editScalarValue(
  text: string,
  decoded: DecodedScalar,
  edits: readonly ValueEdit[],
): ScalarRewrite | undefined {
  if (!edits.length) return { edits: [], value: decoded.value, style: decoded.style };
  const value = applyValueEdits(decoded.value, edits);
  if (decoded.exact !== false) {
    const inPlace = inPlaceEdits(text, decoded, edits);
    if (inPlace && verify(text, inPlace, decoded.sourceStart, value))
      return { edits: inPlace, value, style: decoded.style };
  }
  return replaceScalarValue(text, decoded, value);
}

/**
 * Replaces the whole scalar by `value`, encoded in `style` (default: the scalar's own style, with
 * its indentation and header comment; the shared encoder falls back to double quotes when the
 * style cannot hold the value). Another style is tried as a `|` block for multi-line values, then
 * double-quoted.
 */
export function replaceScalarValue(
  text: string,
  decoded: DecodedScalar,
  value: string,
  style: ScalarStyle = decoded.style,
): ScalarRewrite | undefined {
  const candidates: (() => { edit: TextEdit; style: ScalarStyle } | undefined)[] = [];
  if (style === decoded.style) {
    candidates.push(() => {
      const enc = encodeReplacement(text, decoded, value);
      return { edit: { start: decoded.sourceStart, end: decoded.sourceEnd, newText: enc.text }, style: enc.style };
    });
  } else candidates.push(() => restyledEdit(text, decoded, value, style));
  if (/\n./.test(value) && style !== 'BLOCK_LITERAL')
    candidates.push(() => restyledEdit(text, decoded, value, 'BLOCK_LITERAL'));
  candidates.push(() => restyledEdit(text, decoded, value, 'QUOTE_DOUBLE'));
  for (const make of candidates) {
    const c = make();
    if (c && verify(text, [c.edit], decoded.sourceStart, value)) return { edits: [c.edit], value, style: c.style };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// In place.

function inPlaceEdits(text: string, decoded: DecodedScalar, edits: readonly ValueEdit[]): TextEdit[] | undefined {
  const style = decoded.style;
  const blockIndent =
    style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? ' '.repeat(contentIndent(text, decoded)) : '';
  const out: TextEdit[] = [];
  for (const e of edits) {
    let encoded = encodeInPlace(e.newText, style, blockIndent);
    if (encoded === undefined) return undefined;
    let [start, end] =
      e.end > e.start ? decoded.rangeToSource(e.start, e.end) : [decoded.toSource(e.start), decoded.toSource(e.start)];
    // An insertion at the start of a continuation line of a multi-line quoted scalar, ending in a
    // blank: the blank becomes a line break (which folds to that blank), so the new text gets a
    // line of its own, indented like the line it precedes.
    if (e.start === e.end && (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE') && / $/.test(encoded)) {
      const ls = text.lastIndexOf('\n', start - 1) + 1;
      const indent = text.slice(ls, start);
      if (ls > decoded.sourceStart && /^[ \t]*$/.test(indent)) encoded = `${encoded.slice(0, -1)}\n${indent}`;
    }
    if (start < decoded.sourceStart || end > decoded.sourceEnd) return undefined;
    // In flow styles a deleted span that ends in a line break would leave the next line's
    // indentation behind as content; the indentation goes with it.
    if (
      e.end > e.start &&
      (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' || style === 'PLAIN') &&
      /[\r\n]/.test(text[end - 1] ?? '')
    ) {
      while (end < decoded.sourceEnd && (text[end] === ' ' || text[end] === '\t')) end++;
    }
    if (start > end) [start, end] = [end, start];
    out.push({ start, end, newText: encoded });
  }
  out.sort((a, b) => a.start - b.start);
  for (let i = 1; i < out.length; i++) if (out[i].start < out[i - 1].end) return undefined;
  return out;
}

/** Source text that yields `s` where it is inserted inside a scalar of `style`; undefined if none. */
export function encodeInPlace(s: string, style: ScalarStyle, blockIndent = ''): string | undefined {
  switch (style) {
    case 'QUOTE_DOUBLE':
      return escapeDoubleQuoted(s);
    case 'QUOTE_SINGLE':
      // eslint-disable-next-line no-control-regex -- control characters cannot be written in this scalar style
      return /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s.replace(/'/g, "''");
    case 'BLOCK_LITERAL':
      // Empty lines need no indentation (and a trailing line break must not leave any behind).
      // eslint-disable-next-line no-control-regex -- control characters cannot be written in this scalar style
      return /[\r\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s.replace(/\n(?=[^\n])/g, `\n${blockIndent}`);
    case 'BLOCK_FOLDED':
    case 'PLAIN':
      // eslint-disable-next-line no-control-regex -- control characters cannot be written in this scalar style
      return /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(s) ? undefined : s;
  }
}

// ---------------------------------------------------------------------------------------------
// Whole scalar.

/** The scalar rewritten in another style (a flow scalar followed by a comment keeps it on the header line). */
function restyledEdit(
  text: string,
  decoded: DecodedScalar,
  value: string,
  style: ScalarStyle,
): { edit: TextEdit; style: ScalarStyle } | undefined {
  const start = decoded.sourceStart;
  let end = decoded.sourceEnd;
  const wasBlock = decoded.style === 'BLOCK_LITERAL' || decoded.style === 'BLOCK_FOLDED';
  const parent = parentIndentAt(text, decoded.sourceStart);
  const enc = encodeScalar(value, style, ' '.repeat(parent + 2), parent);
  if (enc.style !== style) return undefined;
  const isBlock = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
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

/** Content indentation of a block scalar (or where block content would go for another style). */
export function contentIndent(
  text: string,
  decoded: Pick<DecodedScalar, 'sourceStart' | 'sourceEnd' | 'style'>,
): number {
  const known = (decoded as { blockIndent?: number }).blockIndent;
  if (typeof known === 'number') return known;
  if (decoded.style === 'BLOCK_LITERAL' || decoded.style === 'BLOCK_FOLDED') {
    const body = text.slice(decoded.sourceStart, decoded.sourceEnd);
    const header = /^[^\n]*\n/.exec(body);
    if (header && !/^[|>][-+]?[1-9]/.test(body)) {
      for (const line of body.slice(header[0].length).split('\n'))
        if (line.trim() !== '') return /^ */.exec(line)![0].length;
    }
  }
  return parentIndentAt(text, decoded.sourceStart) + 2;
}

// ---------------------------------------------------------------------------------------------
// Verification.

const parseCache = new Map<string, { docs: number; errors: number }>();

/** How many documents a text holds and how many YAML errors it has. */
function yamlShape(text: string): { docs: number; errors: number } {
  const hit = parseCache.get(text);
  if (hit) return hit;
  const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' }) as unknown as { errors: unknown[] }[];
  const shape = Array.isArray(docs)
    ? { docs: docs.length, errors: docs.reduce((k, d) => k + d.errors.length, 0) }
    : { docs: 0, errors: 1 };
  if (parseCache.size > 8) parseCache.clear();
  parseCache.set(text, shape);
  return shape;
}

/** The value and style of the scalar starting at `start` in `text`, if one does. */
export function scalarAt(text: string, start: number): { value: unknown; style: ScalarStyle } | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
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

/**
 * The YAML document around [from, to): from the line after the previous document marker (`---`
 * or `...` at column 0) to the next one. Documents parse independently, so checking an edit
 * needs only its own document, which keeps fixes fast in long multi-document files.
 */
export function documentAround(text: string, from: number, to: number): [number, number] {
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let end = text.length;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index < from) start = m.index;
    else if (m.index >= to) {
      // The next marker line belongs to the slice: an edit that swallowed it must show.
      const nl = text.indexOf('\n', m.index);
      end = nl < 0 ? text.length : nl + 1;
      break;
    }
  }
  return [start, end];
}

/** The edited document around the edits (see documentAround), before and after; undefined if the edits overlap. */
function editedDocument(
  text: string,
  edits: TextEdit[],
  from: number,
): { doc: string; next: string; offset: number } | undefined {
  const [ds, de] = documentAround(
    text,
    Math.min(from, ...edits.map((e) => e.start)),
    Math.max(...edits.map((e) => e.end)),
  );
  const doc = text.slice(ds, de);
  try {
    return {
      doc,
      next: applyEdits(
        doc,
        edits.map((e) => ({ ...e, start: e.start - ds, end: e.end - ds })),
      ),
      offset: ds,
    };
  } catch {
    return undefined;
  }
}

/** Same documents (no marker written or swallowed) and no new YAML errors. */
function sameShape(doc: string, next: string): boolean {
  const [before, after] = [yamlShape(doc), yamlShape(next)];
  return after.docs === before.docs && after.errors <= before.errors;
}

/** Whether edits keep the file's YAML as sound as it was (for fixes outside scalars, e.g. keys). */
export function keepsYaml(text: string, edits: TextEdit[]): boolean {
  if (!edits.length) return false;
  const e = editedDocument(text, edits, edits[0].start);
  return !!e && sameShape(e.doc, e.next);
}

function verify(text: string, edits: TextEdit[], start: number, expected: string): boolean {
  if (!edits.length) return false;
  const e = editedDocument(text, edits, start);
  if (!e) return false;
  const got = scalarAt(e.next, start - e.offset);
  return !!got && got.value === expected && sameShape(e.doc, e.next);
}
