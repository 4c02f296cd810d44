// Decodes a YAML scalar's source into the exact string the `yaml` package yields, with a map from
// every value offset back to the file. Hand-written because no library exposes this map.
import type { Scalar } from 'yaml';
import type { DecodedScalar, ScalarStyle } from './types';

/** Builds the value and, per UTF-16 unit of it, the source span that encodes it. */
class Builder {
  chars: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  push(s: string, start: number, end: number): void {
    for (let i = 0; i < s.length; i++) {
      this.chars.push(s[i]);
      this.starts.push(start);
      this.ends.push(end);
    }
  }
  pop(): void {
    this.chars.pop();
    this.starts.pop();
    this.ends.pop();
  }
  get length(): number {
    return this.chars.length;
  }
}

const isBreakAt = (t: string, i: number) => t[i] === '\n' || t[i] === '\r';
const breakLen = (t: string, i: number) => (t[i] === '\r' && t[i + 1] === '\n' ? 2 : 1);
const isWs = (c: string | undefined) => c === ' ' || c === '\t';

function finish(style: ScalarStyle, b: Builder, sourceStart: number, sourceEnd: number, exact = true): DecodedScalar {
  const value = b.chars.join('');
  const starts = Int32Array.from(b.starts);
  const ends = Int32Array.from(b.ends);
  const endOfContent = ends.length ? ends[ends.length - 1] : sourceStart;
  const toSource = (i: number) => (i >= starts.length ? endOfContent : starts[Math.max(0, i)]);
  return {
    style,
    value,
    sourceStart,
    sourceEnd,
    exact,
    toSource,
    rangeToSource(start: number, end: number): [number, number] {
      const s = toSource(start);
      if (end <= start) return [s, s];
      const e = end - 1 < ends.length ? ends[end - 1] : endOfContent;
      return [s, Math.max(s, e)];
    },
    _starts: starts,
  } as DecodedScalar & { _starts: Int32Array };
}

/** Which value offset a file offset falls on (for a cursor: the first unit whose source starts at or after it). */
export function valueOffsetAt(decoded: DecodedScalar, fileOffset: number): number | undefined {
  if (fileOffset < decoded.sourceStart || fileOffset > decoded.sourceEnd) return undefined;
  const starts = (decoded as DecodedScalar & { _starts?: Int32Array })._starts;
  if (!starts) return 0;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < fileOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Flow scalars (plain, single- and double-quoted): [from, to) is the content inside the quotes.
 * Line folding: trailing literal whitespace before a break and leading whitespace after it are
 * dropped; one break becomes a space, n breaks become n-1 newlines.
 */
function decodeFlow(t: string, from: number, to: number, style: ScalarStyle): Builder {
  const b = new Builder();
  // Trailing literal whitespace on the current line that a break would remove.
  let trimmable = 0;
  let i = from;
  while (i < to) {
    const c = t[i];
    if (isBreakAt(t, i)) {
      while (trimmable > 0) {
        b.pop();
        trimmable--;
      }
      i = fold(t, i, to, b, true);
      continue;
    }
    if (style === 'QUOTE_SINGLE' && c === "'" && t[i + 1] === "'") {
      b.push("'", i, i + 2);
      trimmable = 0;
      i += 2;
      continue;
    }
    if (style === 'QUOTE_DOUBLE' && c === '\\') {
      const e = t[i + 1];
      if (isBreakAt(t, i + 1)) {
        // Escaped line break: joins the lines without a space.
        trimmable = 0;
        i = fold(t, i + 1, to, b, false);
        continue;
      }
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        b.push(SIMPLE_ESCAPES[e], i, i + 2);
        i += 2;
        trimmable = 0;
        continue;
      }
      if (e !== undefined && e in HEX_ESCAPES) {
        const n = HEX_ESCAPES[e];
        const hex = t.slice(i + 2, i + 2 + n);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === n) {
          b.push(String.fromCodePoint(parseInt(hex, 16)), i, i + 2 + n);
          i += 2 + n;
          trimmable = 0;
          continue;
        }
      }
      // Invalid escape: the yaml package reports an error; keep the characters as they are.
      b.push(c, i, i + 1);
      i++;
      trimmable = 0;
      continue;
    }
    b.push(c, i, i + 1);
    trimmable = isWs(c) ? trimmable + 1 : 0;
    i++;
  }
  return b;
}

/**
 * At a line break at `i`: counts the empty lines that follow, skips the next line's indentation,
 * and emits the folded result (a space, or one newline per empty line). Returns the next index.
 */
function fold(t: string, i: number, to: number, b: Builder, spaceIfSingle: boolean): number {
  const firstBreak = i;
  i += breakLen(t, i);
  const emptyBreaks: number[] = [];
  for (;;) {
    let j = i;
    while (j < to && isWs(t[j])) j++;
    if (j < to && isBreakAt(t, j)) {
      emptyBreaks.push(j);
      i = j + breakLen(t, j);
      continue;
    }
    i = j;
    break;
  }
  if (emptyBreaks.length === 0) {
    if (spaceIfSingle) b.push(' ', firstBreak, firstBreak + breakLen(t, firstBreak));
  } else for (const at of emptyBreaks) b.push('\n', at, at + breakLen(t, at));
  return i;
}

interface BlockHeader {
  folded: boolean;
  chomp: 'strip' | 'clip' | 'keep';
  indicator?: number;
  /** Offset where the content lines begin (after the header's line break). */
  contentStart: number;
}

function parseHeader(t: string, start: number, end: number): BlockHeader | undefined {
  const folded = t[start] === '>';
  let chomp: BlockHeader['chomp'] = 'clip';
  let indicator: number | undefined;
  let i = start + 1;
  for (let k = 0; k < 2 && i < end; k++) {
    const c = t[i];
    if (c === '-' || c === '+') {
      chomp = c === '-' ? 'strip' : 'keep';
      i++;
    } else if (c >= '1' && c <= '9') {
      indicator = Number(c);
      i++;
    }
  }
  while (i < end && !isBreakAt(t, i)) i++;
  if (i >= end) return { folded, chomp, indicator, contentStart: end };
  return { folded, chomp, indicator, contentStart: i + breakLen(t, i) };
}

interface Line {
  start: number;
  /** End of content, before the break. */
  end: number;
  /** Offset of the break, or -1 at the end of the text. */
  brk: number;
  brkLen: number;
}

function splitLines(t: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let i = from;
  while (i < to) {
    let j = i;
    while (j < to && !isBreakAt(t, j)) j++;
    if (j < to) {
      const len = breakLen(t, j);
      lines.push({ start: i, end: j, brk: j, brkLen: len });
      i = j + len;
    } else {
      lines.push({ start: i, end: j, brk: -1, brkLen: 0 });
      i = j;
    }
  }
  return lines;
}

const leadingSpaces = (t: string, l: Line) => {
  let n = 0;
  while (l.start + n < l.end && t[l.start + n] === ' ') n++;
  return n;
};

function decodeBlock(t: string, h: BlockHeader, to: number, indent: number): Builder {
  const b = new Builder();
  const lines = splitLines(t, h.contentStart, to);
  // A line is empty when it holds only spaces up to (at most) the indentation.
  const isEmpty = (l: Line) => leadingSpaces(t, l) >= l.end - l.start && l.end - l.start <= indent;
  let lastContent = -1;
  for (let k = 0; k < lines.length; k++) if (!isEmpty(lines[k])) lastContent = k;
  // Breaks after the last content line (trailing), handled by chomping.
  let prevKind: 'none' | 'text' | 'spaced' = 'none';
  let pendingBreak: Line | undefined;
  const pendingEmpty: Line[] = [];
  for (let k = 0; k <= lastContent; k++) {
    const l = lines[k];
    if (isEmpty(l)) {
      if (prevKind === 'none') {
        // Leading empty lines: each is a newline, plus any spaces beyond the indentation.
        b.push('\n', l.brk, l.brk + l.brkLen);
      } else pendingEmpty.push(l);
      continue;
    }
    const contentFrom = l.start + indent;
    const kind: 'text' | 'spaced' = h.folded && isWs(t[contentFrom]) ? 'spaced' : 'text';
    if (pendingBreak) {
      if (h.folded && prevKind === 'text' && kind === 'text') {
        if (pendingEmpty.length === 0) b.push(' ', pendingBreak.brk, pendingBreak.brk + pendingBreak.brkLen);
        else for (const e of pendingEmpty) b.push('\n', e.brk, e.brk + e.brkLen);
      } else {
        b.push('\n', pendingBreak.brk, pendingBreak.brk + pendingBreak.brkLen);
        for (const e of pendingEmpty) b.push('\n', e.brk, e.brk + e.brkLen);
      }
    }
    pendingEmpty.length = 0;
    for (let i = contentFrom; i < l.end; i++) b.push(t[i], i, i + 1);
    pendingBreak = l.brk >= 0 ? l : undefined;
    prevKind = kind;
  }
  if (lastContent < 0) {
    // No content: only keep chomping yields the empty lines' newlines.
    if (h.chomp === 'keep') for (const l of lines) if (l.brk >= 0) b.push('\n', l.brk, l.brk + l.brkLen);
    return b;
  }
  if (h.chomp !== 'strip') {
    // The yaml package adds the final newline even when the text ends without one.
    if (pendingBreak) b.push('\n', pendingBreak.brk, pendingBreak.brk + pendingBreak.brkLen);
    else b.push('\n', lines[lastContent].end, lines[lastContent].end);
  }
  if (h.chomp === 'keep') for (let k = lastContent + 1; k < lines.length; k++) if (lines[k].brk >= 0) b.push('\n', lines[k].brk, lines[k].brk + lines[k].brkLen);
  return b;
}

function indentCandidates(t: string, h: BlockHeader, to: number, headerStart: number): number[] {
  const lines = splitLines(t, h.contentStart, to);
  const first = lines.find((l) => leadingSpaces(t, l) < l.end - l.start);
  const auto = first ? leadingSpaces(t, first) : 0;
  if (h.indicator === undefined) return [auto];
  // The indicator is relative to the parent's indentation, which we infer from the header's line.
  let ls = headerStart;
  while (ls > 0 && !isBreakAt(t, ls - 1)) ls--;
  let n = 0;
  while (t[ls + n] === ' ') n++;
  const out = [n + h.indicator];
  for (let p = 0; p <= auto; p++) if (!out.includes(p + h.indicator)) out.push(p + h.indicator);
  return out;
}

export function decodeScalar(text: string, node: Scalar): DecodedScalar | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const [start, valueEnd] = range;
  const expected = node.value;
  const style = (node.type ?? 'PLAIN') as ScalarStyle;
  const fallback = (): DecodedScalar => {
    const b = new Builder();
    b.push(expected, start, start);
    return finish(style, b, start, valueEnd, false);
  };
  // Anchors and tags precede the scalar inside its range; skip to the scalar proper.
  let s = start;
  for (;;) {
    const c = text[s];
    if (c === '&' || c === '!') {
      while (s < valueEnd && !isWs(text[s]) && !isBreakAt(text, s)) s++;
      while (s < valueEnd && (isWs(text[s]) || isBreakAt(text, s))) s++;
    } else break;
  }
  let b: Builder | undefined;
  if (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE') {
    b = decodeFlow(text, s + 1, Math.max(s + 1, valueEnd - 1), style);
  } else if (style === 'PLAIN') {
    b = decodeFlow(text, s, valueEnd, style);
  } else {
    const h = parseHeader(text, s, valueEnd);
    if (!h) return fallback();
    for (const indent of indentCandidates(text, h, valueEnd, s)) {
      const cand = decodeBlock(text, h, valueEnd, indent);
      if (cand.chars.join('') === expected) {
        b = cand;
        break;
      }
    }
  }
  if (!b || b.chars.join('') !== expected) return fallback();
  return finish(style, b, start, valueEnd);
}
