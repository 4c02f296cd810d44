// Parses a YAML stream part by part. A `---` marker at the start of a line always starts a new
// document (even inside a block scalar, a quoted string or a flow collection: the lexer ends them
// there), so the text between two markers parses the same alone as inside the whole stream (the
// `yaml` package differs only in broken YAML, e.g. a quote left open to the end of the stream runs
// over later markers there; test/unit/documentParts.test.ts pins each difference). That
// gives two things no whole-file parse can: parts the checker has no use for are never parsed, and
// after an edit only the parts whose text changed are parsed again; the others are reused, their
// offsets moved by the length the edit added or removed.
import { Composer, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Parser } from 'yaml';

/** One part of a stream: from a document marker (or the start) to the next marker (or the end). */
export interface DocumentPart {
  start: number;
  end: number;
  /** Its documents, with offsets into the whole text; undefined when the part was not parsed. */
  docs?: Document.Parsed[];
}

export interface PartsOptions {
  /** Parts whose text this rejects are not parsed. */
  wanted?: (partText: string) => boolean;
  /** The parts of an earlier version of the same text: unchanged parts are taken over. */
  previous?: { text: string; parts: DocumentPart[] };
  /**
   * Called on text[start, end) before a part is parsed (reused and unwanted parts are never
   * parsed); a result other than undefined stops parsing, and is returned as `stopped`.
   */
  guard?: (start: number, end: number) => unknown;
}

/**
 * Offsets of the document markers (`---` at a line start, then a space, tab, line break or the
 * end), in order. Stops after `limit` markers.
 */
export function documentMarkers(text: string, limit = Infinity): number[] {
  const out: number[] = [];
  for (
    let i = text.startsWith('---') ? 0 : text.indexOf('\n---');
    i >= 0 && out.length < limit;
    i = text.indexOf('\n---', i + 1)
  ) {
    const at = text.charCodeAt(i) === 10 ? i + 1 : i;
    const after = text.charCodeAt(at + 3);
    if (Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13) out.push(at);
  }
  return out;
}

/** Directives (`%YAML`, `%TAG`) carry state from one document to the next: such streams parse whole. */
function hasDirective(text: string, end: number): boolean {
  if (text.startsWith('%') || text.startsWith('\uFEFF%')) return true;
  const at = text.indexOf('\n%');
  return at >= 0 && at < end;
}

/** Splits text[0, end) into parts and parses those wanted, reusing unchanged parts of `previous`. */
export function parseParts(
  text: string,
  end: number,
  markers: number[],
  options: PartsOptions = {},
): { parts: DocumentPart[]; stopped?: unknown } {
  const bounds: number[] = [];
  if (hasDirective(text, end)) bounds.push(0);
  else {
    if (markers[0] !== 0) bounds.push(0);
    for (const m of markers) if (m < end) bounds.push(m);
  }
  const reuse = options.previous ? reusablePart(options.previous, text) : () => undefined;
  const parts: DocumentPart[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const start = bounds[i];
    const stop = i + 1 < bounds.length ? bounds[i + 1] : end;
    const old = reuse(start, stop);
    if (old) {
      parts.push(old);
      continue;
    }
    const wanted = !options.wanted || options.wanted(text.slice(start, stop));
    if (wanted && options.guard) {
      const stopped = options.guard(start, stop);
      if (stopped !== undefined) return { parts, stopped };
    }
    parts.push({ start, end: stop, docs: wanted ? parsePart(text, start, stop) : undefined });
  }
  return { parts };
}

/** Parses text[start, end) alone, with offsets into the whole text. */
export function parsePart(text: string, start: number, end: number): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  return Array.from(composer.compose(parser.parse(text.slice(start, end)))) as Document.Parsed[];
}

/**
 * Finds, for a part [start, end) of the new text, an old part with the same text: one that lies in
 * the unchanged prefix (same place) or in the unchanged suffix (moved by the change in length).
 * A reused part is moved in place: the previous parse is given up by passing it here.
 */
function reusablePart(
  previous: { text: string; parts: DocumentPart[] },
  text: string,
): (start: number, end: number) => DocumentPart | undefined {
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const delta = text.length - old.length;
  const byStart = new Map<number, DocumentPart>();
  for (const p of previous.parts) byStart.set(p.start, p);
  return (start, end) => {
    if (end <= prefix) {
      const p = byStart.get(start);
      return p && p.end === end ? p : undefined;
    }
    if (start >= text.length - suffix) {
      const p = byStart.get(start - delta);
      if (!p || p.end !== end - delta) return undefined;
      if (delta) movePart(p, delta);
      return p;
    }
    return undefined;
  };
}

/** Block size for comparing texts: whole blocks compare natively, the differing one unit by unit. */
const BLOCK = 1024;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (
    n + BLOCK <= max &&
    a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)
  )
    n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function movePart(part: DocumentPart, delta: number): void {
  part.start += delta;
  part.end += delta;
  for (const doc of part.docs ?? []) moveDocument(doc, delta);
}

/** Adds `delta` to every offset a parsed document carries (ranges of the document, its nodes, its errors). */
export function moveDocument(doc: Document.Parsed, delta: number): void {
  shiftRange(doc.range, delta);
  for (const e of doc.errors) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
  for (const w of doc.warnings) w.pos = [w.pos[0] + delta, w.pos[1] + delta];
  // Iterative: parsed documents may nest deeper than the call stack allows.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (!isScalar(n) && !isAlias(n) && !isMap(n) && !isSeq(n)) continue;
    shiftRange((n as Node).range, delta);
    if (isMap(n) || isSeq(n)) for (const item of n.items as unknown[]) stack.push(item);
  }
}

function shiftRange(range: number[] | null | undefined, delta: number): void {
  if (!range) return;
  for (let i = 0; i < range.length; i++) range[i] += delta;
}
