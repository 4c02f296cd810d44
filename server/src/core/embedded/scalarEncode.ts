// Encodes a string as YAML scalar source in a chosen style, so that the `yaml` package parses it
// back to exactly that string. The inverse of scalarSource.ts, used to rewrite an embedded config.
// A style that cannot hold the value falls back to double quotes, which can hold anything.
import type { DecodedScalar, ScalarStyle } from './types';

export interface EncodedScalar {
  text: string;
  /** The style actually used (double-quoted when the requested one could not hold the value). */
  style: ScalarStyle;
}

// ---------------------------------------------------------------------------------------------
// Character classes.

/**
 * Characters that may appear unescaped in plain, single-quoted and block scalars: YAML's printable
 * set without the byte-order mark and without the characters YAML 1.1 readers (Kubernetes'
 * go-yaml) take as line breaks (U+0085, U+2028, U+2029). Tab and "\n" are judged per style.
 */
const RAW_SAFE = /^[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;

const NAMED_ESCAPES = new Map<string, string>([
  ['\0', '\\0'],
  ['\x07', '\\a'],
  ['\b', '\\b'],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['\v', '\\v'],
  ['\f', '\\f'],
  ['\r', '\\r'],
  ['\x1b', '\\e'],
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\u0085', '\\N'],
  ['\u2028', '\\L'],
  ['\u2029', '\\P'],
]);

const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');

/** The inside of a double-quoted scalar (one line: no raw line break, so nothing folds). */
export function escapeDoubleQuoted(value: string): string {
  let out = '';
  // for..of walks code points; a lone surrogate comes out on its own and is escaped below.
  for (const ch of value) {
    const named = NAMED_ESCAPES.get(ch);
    if (named) {
      out += named;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${hex(code, 2)}`;
    else if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfeff || code === 0xfffe || code === 0xffff)
      out += `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per style. Each returns undefined when the style cannot hold the value.

const encodeDouble = (value: string) => `"${escapeDoubleQuoted(value)}"`;

/** Values the YAML 1.2 core schema (or a YAML 1.1 reader) would not read back as a string. */
const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Plain only when unambiguous in block and flow context alike: no indicator at the start, no
 * number-like start, no `: `/` #`, no flow indicators, no surrounding blanks, a single line.
 */
function encodePlain(value: string): string | undefined {
  if (!value || !RAW_SAFE.test(value) || /[\n\t]/.test(value)) return undefined;
  if (/^[-?:,[\]{}#&*!|>'"%@`.+0-9 ]/.test(value) || / $/.test(value)) return undefined;
  if (/: |:$| #|[,[\]{}]/.test(value) || NON_STRING_PLAIN.test(value)) return undefined;
  return value;
}

/**
 * Single quotes escape only `'`. A "\n" can only come from folding (an empty line), and folding
 * eats the blanks around a line break, so a "\n" next to a blank cannot be written.
 */
function encodeSingle(value: string, indent: string): string | undefined {
  if (!RAW_SAFE.test(value)) return undefined;
  const quoted = value.replace(/'/g, "''");
  if (!value.includes('\n')) return `'${quoted}'`;
  if (/[ \t]\n|\n[ \t]/.test(value)) return undefined;
  // A run of k newlines is k + 1 line breaks; continuation lines carry the indentation.
  const lines = quoted.replace(/\n+/g, (run) => `${'\n'.repeat(run.length + 1)}${indent}`);
  // At column 0 a continuation line must not look like a document marker.
  if (!indent && /\n(?:---|\.\.\.)(?:[ \t\n]|'?$)/.test(lines)) return undefined;
  return `'${lines}'`;
}

interface BlockParts {
  /** The value without its trailing newlines, split into lines. */
  lines: string[];
  /** Number of trailing newlines. */
  trailing: number;
  chomp: '' | '-' | '+';
}

function blockParts(value: string, indent: string): BlockParts | undefined {
  if (!RAW_SAFE.test(value)) return undefined;
  let contentEnd = value.length;
  while (contentEnd > 0 && value[contentEnd - 1] === '\n') contentEnd--;
  const content = value.slice(0, contentEnd);
  const trailing = value.length - contentEnd;
  // Lines of blanks only count as empty lines for the parser: with nothing else they vanish.
  if (/^[ \n]+$/.test(content)) return undefined;
  const lines = content === '' ? [] : content.split('\n');
  // Without keep chomping, yaml's lexer drops trailing lines of spaces that are not indented
  // deeper than the first line with text, though its resolver would keep them as content.
  const last = lines[lines.length - 1];
  if (trailing < 2 && last !== undefined && /^ +$/.test(last)) {
    const first = lines.find((l) => /[^ ]/.test(l)) ?? '';
    if (last.length <= /^ */.exec(first)![0].length) return undefined;
  }
  if (!indent && lines.some((l) => /^(?:---|\.\.\.)(?:[ \t]|$)/.test(l))) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  return { lines, trailing, chomp: content === '' && trailing > 0 ? '+' : chomp };
}

/**
 * The header's indentation indicator: needed when the first non-empty line starts with a space
 * (auto-detection would take that space as indentation). It is relative to the parent's
 * indentation, and must be 1..9.
 */
function indicatorFor(lines: readonly string[], indent: string, parentIndent: number): string | undefined {
  const first = lines.find((l) => l !== '');
  if (first === undefined || first[0] !== ' ') return '';
  const k = indent.length - parentIndent;
  return k >= 1 && k <= 9 ? String(k) : undefined;
}

/** Literal block: each line as written, indented; chomping keeps the trailing newlines exact. */
function encodeLiteral(value: string, indent: string, parentIndent: number): string | undefined {
  const parts = blockParts(value, indent);
  if (!parts) return undefined;
  const indicator = indicatorFor(parts.lines, indent, parentIndent);
  if (indicator === undefined) return undefined;
  const body = parts.lines.map((l) => (l === '' ? '' : indent + l));
  return blockText('|', indicator, parts, body);
}

/**
 * Folded block: every value line on its own source line, never wrapped. Between two lines that
 * both start with a non-blank, a single break would fold to a space, so each "\n" there needs an
 * empty line; next to a line starting with a blank (kept as is) breaks are not folded.
 */
function encodeFolded(value: string, indent: string, parentIndent: number): string | undefined {
  const parts = blockParts(value, indent);
  if (!parts) return undefined;
  const indicator = indicatorFor(parts.lines, indent, parentIndent);
  if (indicator === undefined) return undefined;
  const isText = (l: string | undefined) => l !== undefined && l !== '' && l[0] !== ' ' && l[0] !== '\t';
  const body: string[] = [];
  let prev: string | undefined;
  for (const line of parts.lines) {
    if (line === '') {
      body.push('');
      continue;
    }
    if (isText(prev) && isText(line)) body.push('');
    body.push(indent + line);
    prev = line;
  }
  return blockText('>', indicator, parts, body);
}

function blockText(mode: '|' | '>', indicator: string, parts: BlockParts, body: string[]): string {
  const header = `${mode}${indicator}${parts.chomp}\n`;
  if (!body.length) return header + '\n'.repeat(parts.trailing);
  // The last content line ends with a break; keep chomping turns each further one into a "\n".
  return `${header}${body.join('\n')}\n${'\n'.repeat(Math.max(0, parts.trailing - 1))}`;
}

/**
 * Source text for a scalar holding exactly `value`, for replacing a scalar's whole source span.
 * `indent` indents block content and continuation lines of multi-line single-quoted scalars (e.g.
 * two spaces more than the key); `parentIndent` is the indentation of the collection holding the
 * scalar (the key's or the `-`'s column), which an indentation indicator is relative to. Block
 * text ends with the line break after its last line.
 */
export function encodeScalar(
  value: string,
  style: ScalarStyle,
  indent: string,
  parentIndent = Math.max(0, indent.length - 2),
): EncodedScalar {
  let text: string | undefined;
  switch (style) {
    case 'PLAIN':
      text = encodePlain(value);
      break;
    case 'QUOTE_SINGLE':
      text = encodeSingle(value, indent);
      break;
    case 'BLOCK_LITERAL':
      text = encodeLiteral(value, indent, parentIndent);
      break;
    case 'BLOCK_FOLDED':
      text = encodeFolded(value, indent, parentIndent);
      break;
    case 'QUOTE_DOUBLE':
      break;
  }
  return text === undefined ? { text: encodeDouble(value), style: 'QUOTE_DOUBLE' } : { text, style };
}

// ---------------------------------------------------------------------------------------------
// Rewriting a decoded scalar in place.

const isBlock = (s: ScalarStyle) => s === 'BLOCK_LITERAL' || s === 'BLOCK_FOLDED';

/**
 * Indentation of the collection that holds the scalar starting at `offset`, read off its line:
 * after `key: ` it is the key's column; right after `- ` (or `? `/`: `) the indicator's column.
 * A scalar that starts its own line is taken to sit two columns deeper than its parent.
 */
export function parentIndentAt(text: string, offset: number): number {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  let i = ls;
  while (i < offset && text[i] === ' ') i++;
  let indicatorCol = -1;
  while (i < offset && '-?:'.includes(text[i]) && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
    indicatorCol = i - ls;
    i++;
    while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  }
  // Anchors and tags before the scalar are not a key.
  let j = i;
  while (j < offset && (text[j] === '&' || text[j] === '!')) {
    while (j < offset && text[j] !== ' ' && text[j] !== '\t') j++;
    while (j < offset && (text[j] === ' ' || text[j] === '\t')) j++;
  }
  if (j < offset) return i - ls;
  if (indicatorCol >= 0) return indicatorCol;
  return Math.max(0, i - ls - 2);
}

/** Leading spaces of the first line in [from, to) with more than blanks on it. */
function firstContentIndent(text: string, from: number, to: number): number | undefined {
  for (let ls = from; ls < to;) {
    let i = ls;
    while (i < to && text[i] === ' ') i++;
    let j = i;
    while (j < to && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
    if (j < to && text[j] !== '\n') return i - ls;
    ls = j + 1;
  }
  return undefined;
}

/** Line breaks after the last line with content in [from, to) (all of them if there is none). */
function trailingBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = to - 1; i >= from; i--) {
    const c = text[i];
    if (c === '\n') count++;
    else if (c !== ' ' && c !== '\t' && c !== '\r') {
      // The break ending the last content line belongs to that line.
      return Math.max(0, count - 1);
    }
  }
  return count;
}

/**
 * The blank lines that follow a span ending at a line start: how many end in a line break, and the
 * most spaces on any of them.
 */
function blankLinesAfter(text: string, from: number): { count: number; widest: number } {
  const found = { count: 0, widest: 0 };
  if (from > 0 && text[from - 1] !== '\n') return found;
  for (let ls = from; ls < text.length;) {
    let i = ls;
    while (text[i] === ' ') i++;
    let j = i;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
    if (j < text.length && text[j] !== '\n') break;
    found.widest = Math.max(found.widest, i - ls);
    if (j < text.length) found.count++;
    ls = j + 1;
  }
  return found;
}

/** The comment ending a block header line, with the blanks before it ('' if none). */
function headerComment(header: string): string {
  for (let h = header.indexOf('#'); h > 0; h = header.indexOf('#', h + 1)) {
    if (header[h - 1] !== ' ' && header[h - 1] !== '\t') continue;
    let b = h - 1;
    while (b > 0 && (header[b - 1] === ' ' || header[b - 1] === '\t')) b--;
    return header.slice(b);
  }
  return '';
}

/** Line breaks among the blanks that end [from, to). */
function finalBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = to - 1; i >= from && (text[i] === '\n' || text[i] === '\r' || text[i] === ' ' || text[i] === '\t'); i--)
    if (text[i] === '\n') count++;
  return count;
}

/** Indentation of the first line after `from` with more than blanks on it (-1 if none). */
function nextLineIndent(text: string, from: number): number {
  if (from > 0 && text[from - 1] !== '\n') return -1;
  return firstContentIndent(text, from, text.length) ?? -1;
}

/**
 * Replacement for the source span [decoded.sourceStart, decoded.sourceEnd) that holds `value` in
 * the scalar's own style (double-quoted if that style cannot hold it), indented like the original.
 * A block header's comment, the blank lines after a block and CRLF line ends are kept.
 */
export function encodeReplacement(text: string, decoded: DecodedScalar, value: string): EncodedScalar {
  const { sourceStart, sourceEnd, style } = decoded;
  const nl = text.indexOf('\n');
  const crlf = nl > 0 && text[nl - 1] === '\r';
  const withBreaks = (enc: EncodedScalar): EncodedScalar =>
    crlf ? { text: enc.text.replace(/\n/g, '\r\n'), style: enc.style } : enc;
  if (!isBlock(style)) {
    // Continuation lines: as the original's, else two columns deeper than its parent.
    const firstBreak = text.indexOf('\n', sourceStart);
    const cont =
      firstBreak >= 0 && firstBreak < sourceEnd ? firstContentIndent(text, firstBreak + 1, sourceEnd) : undefined;
    return withBreaks(encodeScalar(value, style, ' '.repeat(cont ?? parentIndentAt(text, sourceStart) + 2)));
  }
  const headerBreak = text.indexOf('\n', sourceStart);
  const headerEnd = headerBreak < 0 || headerBreak > sourceEnd ? sourceEnd : headerBreak;
  const header = text.slice(sourceStart, headerEnd).replace(/\r$/, '');
  const comment = headerComment(header);
  const indicator = Number(/^[|>][-+]?([1-9])/.exec(header)?.[1] ?? 0);
  let parent = parentIndentAt(text, sourceStart);
  const after = blankLinesAfter(text, sourceEnd);
  // Without content there is no indentation to keep; deeper blank lines after would join it.
  let indent = Math.max(parent + 2, after.widest);
  if (decoded.blockIndent !== undefined) {
    indent = decoded.blockIndent;
    // An indicator states the parent's indentation exactly.
    if (indicator) parent = Math.max(0, indent - indicator);
  }
  const keeps = (s: string) => /^[|>][1-9]?\+/.test(s);
  let enc = encodeScalar(value, style, ' '.repeat(indent), parent);
  // Blank lines after the span would join a new block: as content when deeper than its
  // indentation, as newlines under keep chomping. Double quotes are immune to both.
  // A block without content lines would take the next line indented deeper than its parent (a
  // comment, say) as content.
  const empty = /^[^\n]*\n+$/.test(enc.text);
  if (
    isBlock(enc.style) &&
    (after.widest > indent ||
      (keeps(enc.text) && after.count > 0) ||
      (empty && nextLineIndent(text, sourceEnd) > parent))
  ) {
    enc = encodeScalar(value, 'QUOTE_DOUBLE', '');
  }
  if (!isBlock(enc.style)) {
    // A block's span ends with its line breaks; the flow scalar replacing it keeps them.
    return withBreaks({
      text: enc.text + comment + '\n'.repeat(finalBreaks(text, sourceStart, sourceEnd)),
      style: enc.style,
    });
  }
  let out = enc.text;
  if (comment) out = out.replace('\n', () => `${comment}\n`);
  if (!keeps(out)) {
    // Blank lines a kept block had after its content stay (e.g. the gap before the next key):
    // under strip or clip chomping they are not part of the value...
    const bodyStart = Math.min(headerEnd + 1, sourceEnd);
    out += '\n'.repeat(trailingBreaks(text, bodyStart, sourceEnd));
    // ...and a scalar that ended the file without a line break still does.
    if (text[sourceEnd - 1] !== '\n') out = out.replace(/\n$/, '');
  }
  return withBreaks({ text: out, style: enc.style });
}
