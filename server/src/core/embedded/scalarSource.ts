// Decodes a YAML scalar's source into exactly the string the `yaml` package yields, together with a
// map from every value offset back to the file. Hand-written because no library exposes this map.
//
// The decoders mirror the `yaml` package's own resolution (including its few departures from the
// spec), so the value matches node.value byte for byte; the result is still compared with
// node.value and, on any disagreement, replaced by a safe inexact map. Everything is iterative and
// linear in the scalar's size.
import type { Scalar } from 'yaml';
import type { DecodedScalar, ScalarStyle } from './types';

// ---------------------------------------------------------------------------------------------
// Segment map: value offsets → source spans.

/**
 * Appends value units with their source. A linear segment maps unit k to the source character
 * s + k (consecutive 1:1 characters merge into one segment); a fixed segment maps all of its
 * units to one source span (an escape, a `''`, or a line break that folding turned into ' '/'\n').
 */
class SegmentBuilder {
  private readonly v: number[] = [];
  private readonly s: number[] = [];
  /** Source end for fixed segments; -1 marks a linear segment. */
  private readonly e: number[] = [];
  /** The units of fixed segments (undefined for linear ones, which are read from the text). */
  private readonly str: (string | undefined)[] = [];
  length = 0;
  lastUnit = '';

  constructor(private readonly text: string) {}

  /** Source characters [from, to) taken over verbatim. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    const k = this.v.length - 1;
    if (k >= 0 && this.e[k] === -1 && this.s[k] + (this.length - this.v[k]) === from) {
      // Extends the previous run: keeps the map small for long unescaped text.
    } else {
      this.v.push(this.length);
      this.s.push(from);
      this.e.push(-1);
      this.str.push(undefined);
    }
    this.length += to - from;
    this.lastUnit = this.text[to - 1];
  }

  /** Units `units` (possibly two for an astral character) all produced by source [from, to). */
  emit(units: string, from: number, to: number): void {
    if (!units) return;
    this.v.push(this.length);
    this.s.push(from);
    this.e.push(to);
    this.str.push(units);
    this.length += units.length;
    this.lastUnit = units[units.length - 1];
  }

  value(): string {
    const parts: string[] = [];
    for (let k = 0; k < this.v.length; k++) {
      const fixed = this.str[k];
      if (fixed !== undefined) parts.push(fixed);
      else {
        const len = (k + 1 < this.v.length ? this.v[k + 1] : this.length) - this.v[k];
        parts.push(this.text.slice(this.s[k], this.s[k] + len));
      }
    }
    return parts.join('');
  }

  finish(style: ScalarStyle, value: string, span: Span): DecodedScalar {
    const v = Int32Array.from(this.v);
    const s = Int32Array.from(this.s);
    const e = Int32Array.from(this.e);
    const length = this.length;
    /** Index of the segment holding unit i (0 <= i < length). */
    const segOf = (i: number): number => {
      let lo = 0;
      let hi = v.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (v[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const startOf = (i: number): number => {
      const k = segOf(i);
      return e[k] === -1 ? s[k] + (i - v[k]) : s[k];
    };
    const endOf = (i: number): number => {
      const k = segOf(i);
      return e[k] === -1 ? s[k] + (i - v[k]) + 1 : e[k];
    };
    const endOfContent = length > 0 ? endOf(length - 1) : span.contentStart;
    const toSource = (i: number): number => {
      const at = Math.max(0, Math.floor(i));
      return at >= length ? endOfContent : startOf(at);
    };
    return {
      style,
      exact: true,
      value,
      sourceStart: span.sourceStart,
      sourceEnd: span.sourceEnd,
      contentStart: span.contentStart,
      contentEnd: span.contentEnd,
      toSource,
      rangeToSource(start: number, end: number): [number, number] {
        const a = Math.min(Math.max(0, Math.floor(start)), length);
        const b = Math.min(Math.max(a, Math.floor(end)), length);
        const from = toSource(a);
        return b > a ? [from, Math.max(from, endOf(b - 1))] : [from, from];
      },
    };
  }
}

interface Span {
  sourceStart: number;
  sourceEnd: number;
  contentStart: number;
  contentEnd: number;
}

/** When the decoding cannot be trusted: the right value, every offset at the scalar's start. */
function inexact(style: ScalarStyle, value: string, span: Span): DecodedScalar {
  const { sourceStart, sourceEnd } = span;
  return {
    style,
    exact: false,
    value,
    sourceStart,
    sourceEnd,
    contentStart: span.contentStart,
    contentEnd: span.contentEnd,
    toSource: () => sourceStart,
    // The whole scalar is the smallest span known to cover any part of the value.
    rangeToSource: (start, end) => (end > start ? [sourceStart, sourceEnd] : [sourceStart, sourceStart]),
  };
}

// ---------------------------------------------------------------------------------------------
// Line breaks. Like the `yaml` package, only "\n" and "\r\n" break lines; a lone "\r" is content.

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * First index of `ch` in t[from, to), or -1. Never looks past `to`: searching the rest of the
 * file for every line of every scalar would make decoding quadratic.
 */
function findIn(t: string, ch: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (t[i] === ch) return i;
  return -1;
}

/** Start of the line break whose "\n" is at `nl` (the "\r" of a "\r\n", if it is inside [from, nl]). */
const breakStart = (t: string, nl: number, from: number): number => (nl > from && t[nl - 1] === '\r' ? nl - 1 : nl);

/**
 * Folding emits its ' ' / '\n' units only when the next content arrives. The k units produced by
 * a run of line breaks map to the last k of those breaks (so the newlines of "a\n\n\nb" come from
 * the empty lines' breaks, and a lone ' ' from the one break), keeping the map monotonic.
 */
class PendingBreaks {
  private starts: number[] = [];
  private ends: number[] = [];
  add(start: number, end: number): void {
    this.starts.push(start);
    this.ends.push(end);
  }
  clear(): void {
    this.starts.length = 0;
    this.ends.length = 0;
  }
  flush(units: string, out: SegmentBuilder, fallbackAt: number): void {
    const m = this.starts.length;
    for (let j = 0; j < units.length; j++) {
      const k = m - units.length + j;
      if (m === 0) out.emit(units[j], fallbackAt, fallbackAt);
      else {
        const b = Math.max(0, k);
        out.emit(units[j], this.starts[b], this.ends[b]);
      }
    }
    this.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Plain and single-quoted scalars: line folding over the content [from, to).

/**
 * The `yaml` package's unfolding: the first line loses trailing blanks, middle lines both, the last
 * line leading blanks only; a break between text is ' ', n breaks around empty lines n - 1 "\n".
 * Without any line break the content is taken verbatim.
 */
function unfold(t: string, from: number, to: number, singleQuoted: boolean, out: SegmentBuilder): void {
  const content = (a: number, b: number) => (singleQuoted ? copyUnquoting(t, a, b, out) : out.copy(a, b));
  let nl = findIn(t, '\n', from, to);
  if (nl < 0) {
    content(from, to);
    return;
  }
  const pending = new PendingBreaks();
  // First line: trailing blanks trimmed.
  let bs = breakStart(t, nl, from);
  let e = bs;
  while (e > from && isWs(t[e - 1])) e--;
  content(from, e);
  pending.add(bs, nl + 1);
  let sep = ' ';
  let gap = '';
  let lineStart = nl + 1;
  for (;;) {
    nl = findIn(t, '\n', lineStart, to);
    if (nl < 0) break;
    bs = breakStart(t, nl, lineStart);
    let a = lineStart;
    while (a < bs && isWs(t[a])) a++;
    let b = bs;
    while (b > a && isWs(t[b - 1])) b--;
    if (a === b) {
      // Empty line: the first turns the pending ' ' into '\n', each further one adds a '\n'.
      if (sep === '\n') gap += '\n';
      else sep = '\n';
    } else {
      pending.flush(gap + sep, out, a);
      gap = '';
      content(a, b);
      sep = ' ';
    }
    pending.add(bs, nl + 1);
    lineStart = nl + 1;
  }
  // Last line: leading blanks trimmed, the rest verbatim; the separator is always emitted.
  let a = lineStart;
  while (a < to && isWs(t[a])) a++;
  pending.flush(gap + sep, out, a);
  content(a, to);
}

/** Copies single-quoted content, where `''` stands for one quote. */
function copyUnquoting(t: string, from: number, to: number, out: SegmentBuilder): void {
  let run = from;
  for (let q = findIn(t, "'", from, to); q >= 0 && q + 1 < to; q = findIn(t, "'", run, to)) {
    if (t[q + 1] !== "'") {
      // A lone quote (only in broken input) is content, as yaml's replace(/''/g) leaves it.
      out.copy(run, q + 1);
      run = q + 1;
      continue;
    }
    out.copy(run, q);
    out.emit("'", q, q + 2);
    run = q + 2;
  }
  out.copy(run, to);
}

// ---------------------------------------------------------------------------------------------
// Double-quoted scalars.

const SIMPLE_ESCAPES = new Map<string, string>([
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['e', '\x1b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
  ['N', '\u0085'],
  ['_', '\u00a0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
  ['\t', '\t'],
]);
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/**
 * The token is [from, to), quotes included. Like the `yaml` package, the loop stops before the
 * token's last character whether or not it is the closing quote, and an invalid escape is kept
 * as written.
 */
function decodeDouble(t: string, from: number, to: number, out: SegmentBuilder): void {
  const at = (k: number): string | undefined => (k < to ? t[k] : undefined);
  const last = to - 1;
  for (let i = from + 1; i < last; i++) {
    const ch = t[i];
    if (ch === '\r' && at(i + 1) === '\n') continue;
    if (ch === '\n') {
      // Folding: a single break is a space, each further break (across blank lines) a newline.
      const pending = new PendingBreaks();
      let units = '';
      let j = i;
      for (let c = at(j + 1); c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = at(j + 1)) {
        if (c === '\r' && at(j + 2) !== '\n') break;
        if (c === '\n') {
          units += '\n';
          pending.add(breakStart(t, j + 1, from), j + 2);
        }
        j++;
      }
      if (!units) {
        units = ' ';
        pending.add(breakStart(t, i, from), i + 1);
      }
      pending.flush(units, out, i);
      i = j;
    } else if (ch === '\\') {
      const escStart = i;
      const next = at(++i);
      const simple = next === undefined ? undefined : SIMPLE_ESCAPES.get(next);
      if (simple !== undefined) out.emit(simple, escStart, i + 1);
      else if (next === '\n' || (next === '\r' && at(i + 1) === '\n')) {
        // Escaped line break: joins the lines and drops the next line's indentation.
        if (next === '\r') i++;
        while (isWs(at(i + 1))) i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const n = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hexEnd = Math.min(i + 1 + n, to);
        const hex = t.slice(i + 1, hexEnd);
        const code = hex.length === n && HEX_DIGITS.test(hex) ? parseInt(hex, 16) : NaN;
        if (code <= 0x10ffff) out.emit(String.fromCodePoint(code), escStart, hexEnd);
        else out.copy(escStart, hexEnd);
        i += n;
      } else out.copy(escStart, Math.min(escStart + 2, to));
    } else if (ch === ' ' || ch === '\t') {
      // Blanks before a line break are dropped; elsewhere they are content.
      const wsStart = i;
      while (isWs(at(i + 1))) i++;
      const next = at(i + 1);
      if (next !== '\n' && !(next === '\r' && at(i + 2) === '\n')) out.copy(wsStart, i + 1);
    } else {
      // A run of ordinary characters is copied in one step.
      let j = i + 1;
      while (j < last && !SPECIAL_IN_DOUBLE.has(t[j])) j++;
      out.copy(i, j);
      i = j - 1;
    }
  }
}

/** Characters the double-quoted loop must look at one by one. */
const SPECIAL_IN_DOUBLE = new Set(['\\', ' ', '\t', '\n', '\r']);

// ---------------------------------------------------------------------------------------------
// Block scalars.

interface BlockHeader {
  folded: boolean;
  chomp: '' | '-' | '+';
  /** Explicit indentation indicator, 0 when absent. */
  indicator: number;
  /** Offset just after the header line's break (end of scalar if there is none). */
  contentStart: number;
}

function parseBlockHeader(t: string, start: number, end: number): BlockHeader {
  // The header token runs to the first blank or comment; later characters only affect errors.
  let chomp: BlockHeader['chomp'] = '';
  let indicator = 0;
  for (let i = start + 1; i < end; i++) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '#') break;
    if (!chomp && (c === '-' || c === '+')) chomp = c;
    else if (!indicator && c >= '1' && c <= '9') indicator = Number(c);
  }
  const nl = findIn(t, '\n', start, end);
  return { folded: t[start] === '>', chomp, indicator, contentStart: nl < 0 ? end : nl + 1 };
}

/** Lines of a block scalar's body as the `yaml` package splits them: on "\n", indentation = spaces. */
interface BlockLines {
  count: number;
  /** Offset of the line's first character. */
  start: number[];
  indent: number[];
  /** Offset of the "\n" ending the line, or the body's end for the last line. */
  nl: number[];
}

function splitBlockLines(t: string, from: number, to: number): BlockLines {
  const lines: BlockLines = { count: 0, start: [], indent: [], nl: [] };
  if (from >= to) return lines;
  let ls = from;
  for (;;) {
    let i = ls;
    while (i < to && t[i] === ' ') i++;
    let nl = findIn(t, '\n', i, to);
    if (nl < 0) nl = to;
    lines.start.push(ls);
    lines.indent.push(i - ls);
    lines.nl.push(nl);
    lines.count++;
    if (nl >= to) break;
    ls = nl + 1;
  }
  return lines;
}

/**
 * The content indentation. Without an indicator it is the first non-empty line's. With one it is
 * the parent collection's indentation plus the indicator; the node does not record its parent, but
 * the value we must reproduce does pin it down: after the leading empty lines, the first content
 * line keeps exactly (its indentation - content indentation) spaces.
 */
function contentIndentation(h: BlockHeader, lines: BlockLines, contentLine: number, expected: string): number {
  const firstIndent = lines.indent[contentLine];
  if (!h.indicator) return firstIndent;
  let pos = 0;
  for (let k = 0; k < contentLine; k++) {
    const nl = expected.indexOf('\n', pos);
    if (nl < 0) return h.indicator;
    pos = nl + 1;
  }
  let kept = 0;
  while (expected[pos + kept] === ' ') kept++;
  return Math.max(0, firstIndent - kept);
}

/** Decodes the body of a block scalar whose header starts at `start`; `end` is the range end. */
function decodeBlock(
  t: string,
  start: number,
  end: number,
  expected: string,
  out: SegmentBuilder,
): { contentStart: number; indent?: number } {
  const h = parseBlockHeader(t, start, end);
  const lines = splitBlockLines(t, h.contentStart, end);
  const n = lines.count;
  // Content of line k: after its indentation, up to its "\n"; a "\r" before the "\n" is not content.
  const contentFrom = (k: number) => lines.start[k] + lines.indent[k];
  const isEmptyLine = (k: number) => {
    const len = lines.nl[k] - contentFrom(k);
    return len === 0 || (len === 1 && t[contentFrom(k)] === '\r');
  };
  const hasBreak = (k: number) => lines.nl[k] < end;
  const breakOf = (k: number): [number, number] => [breakStart(t, lines.nl[k], contentFrom(k)), lines.nl[k] + 1];

  // Trailing empty lines are subject to chomping.
  let chompStart = n;
  while (chompStart > 0 && isEmptyLine(chompStart - 1)) chompStart--;
  if (chompStart === 0) {
    // Only empty lines: keep chomping yields one newline per line break (at least one).
    if (h.chomp === '+' && n > 0) {
      const count = Math.max(1, n - 1);
      for (let k = 0; k < count; k++) {
        if (hasBreak(k)) out.emit('\n', ...breakOf(k));
        else out.emit('\n', end, end);
      }
    }
    return { contentStart: h.contentStart };
  }
  let contentLine = 0;
  while (isEmptyLine(contentLine)) contentLine++;
  const indent = contentIndentation(h, lines, contentLine, expected);
  // Trailing empty lines indented deeper than the content are content (their spaces are kept).
  for (let k = n - 1; k >= chompStart; k--) {
    if (lines.indent[k] > indent) {
      chompStart = k + 1;
      break;
    }
  }
  // Leading empty lines: their spaces beyond the indentation, and a newline each.
  for (let k = 0; k < contentLine; k++) {
    out.copy(lines.start[k] + indent, lines.start[k] + lines.indent[k]);
    out.emit('\n', ...breakOf(k));
  }
  const pending = new PendingBreaks();
  let sep = '';
  let gap = '';
  let prevMoreIndented = false;
  for (let k = contentLine; k < chompStart; k++) {
    const from = contentFrom(k);
    let to = lines.nl[k];
    if (to > from && t[to - 1] === '\r') to--;
    // A content line indented less than the content (an error) loses its indentation entirely.
    const lineIndent = to > from && lines.indent[k] < indent ? 0 : lines.indent[k];
    const copyLine = () => {
      out.copy(lines.start[k] + indent, lines.start[k] + lineIndent);
      out.copy(from, to);
    };
    if (!h.folded) {
      pending.flush(sep, out, from);
      copyLine();
      sep = '\n';
    } else if (lineIndent > indent || (to > from && t[from] === '\t')) {
      // More-indented lines keep their breaks (and the break before them is not folded).
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      pending.flush(gap + sep, out, from);
      gap = '';
      copyLine();
      sep = '\n';
      prevMoreIndented = true;
    } else if (to === from) {
      if (sep === '\n') gap += '\n';
      else sep = '\n';
    } else {
      pending.flush(gap + sep, out, from);
      gap = '';
      out.copy(from, to);
      sep = ' ';
      prevMoreIndented = false;
    }
    if (hasBreak(k)) pending.add(...breakOf(k));
  }
  const lastLine = chompStart - 1;
  if (h.chomp === '+') {
    for (let k = chompStart; k < n; k++) {
      out.emit('\n', ...breakOf(k - 1));
      out.copy(lines.start[k] + indent, lines.start[k] + lines.indent[k]);
    }
    if (out.lastUnit !== '\n') out.emit('\n', end, end);
  } else if (h.chomp === '') {
    if (hasBreak(lastLine)) out.emit('\n', ...breakOf(lastLine));
    else out.emit('\n', end, end);
  }
  return { contentStart: h.contentStart, indent };
}

// ---------------------------------------------------------------------------------------------
// Entry points.

const STYLES: readonly ScalarStyle[] = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

/**
 * Decodes the scalar `node` (from parsing `text` with the `yaml` package) into its value with an
 * exact value-offset → file-offset map. Undefined when the node has no range or is not a string.
 */
export function decodeScalar(text: string, node: Scalar): DecodedScalar | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const expected = node.value;
  const [start, end] = range;
  const style: ScalarStyle = STYLES.includes(node.type as ScalarStyle) ? (node.type as ScalarStyle) : 'PLAIN';
  const span: Span = { sourceStart: start, sourceEnd: end, contentStart: start, contentEnd: end };
  const out = new SegmentBuilder(text);
  let blockIndent: number | undefined;
  if (start < 0 || end > text.length || end < start) return inexact(style, expected, span);
  switch (style) {
    case 'PLAIN':
      unfold(text, start, end, false, out);
      break;
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      span.contentStart = Math.min(start + 1, end);
      // An unterminated string has no closing quote; its last character is still left out.
      span.contentEnd = Math.max(span.contentStart, end - 1);
      if (style === 'QUOTE_SINGLE') unfold(text, span.contentStart, span.contentEnd, true, out);
      else decodeDouble(text, start, end, out);
      break;
    }
    default: {
      const block = decodeBlock(text, start, end, expected, out);
      span.contentStart = block.contentStart;
      blockIndent = block.indent;
    }
  }
  const value = out.value();
  if (value !== expected) return inexact(style, expected, span);
  const decoded = out.finish(style, value, span);
  if (blockIndent !== undefined) decoded.blockIndent = blockIndent;
  return decoded;
}

/**
 * The value offset at a cursor placed at `fileOffset`: the first value unit whose source starts
 * at or after it (value.length past the last one). Undefined outside the scalar's content (e.g. on
 * a quote or a block header) or when the map is not exact.
 */
export function valueOffsetAt(decoded: DecodedScalar, fileOffset: number): number | undefined {
  if (decoded.exact === false) return undefined;
  const from = decoded.contentStart ?? decoded.sourceStart;
  const to = decoded.contentEnd ?? decoded.sourceEnd;
  if (fileOffset < from || fileOffset > to) return undefined;
  // toSource is non-decreasing, so a binary search finds the first unit at or after the cursor.
  let lo = 0;
  let hi = decoded.value.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (decoded.toSource(mid) < fileOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
