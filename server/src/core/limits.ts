// Structural limits that keep hostile input (alias bombs, absurd nesting, giant lines, floods of
// documents, deeply nested JSON in strings) from exhausting the stack, memory or time of the
// checker. Every scan here is iterative and linear in the size of its input: nothing a document
// contains can make it recurse or expand.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import { problem, type Problem } from './types';

export interface Limits {
  /** Longest line, in characters; a file with a longer line is not checked (yaml/limit). */
  maxLineLength: number;
  /**
   * Deepest YAML nesting: flow brackets and compact `- - -` indicators found by the pre-scan
   * (before parsing), and collections in the parsed tree.
   */
  maxNestingDepth: number;
  /** YAML documents per file; later documents are not parsed. */
  maxDocuments: number;
  /** Aliases per document. */
  maxAliases: number;
  /** Nodes the aliases of one document would add if they were expanded. */
  maxAliasExpansion: number;
  /** Deepest JSON nesting inside any string scalar (spec.config, annotations, selectors). */
  maxJsonDepth: number;
}

/** How deeply a CNI config's JSON may nest before it is not checked (cni/json.ts). */
export const MAX_JSON_DEPTH = 500;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxLineLength: 1_000_000,
  maxNestingDepth: 1_000,
  maxDocuments: 10_000,
  maxAliases: 1_000,
  maxAliasExpansion: 10_000,
  maxJsonDepth: MAX_JSON_DEPTH,
});

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** The defaults, overridden by whichever entries `partial` sets. */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (partial) for (const k of LIMIT_KEYS) if (partial[k] !== undefined) out[k] = partial[k]!;
  return out;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Length of `text` in UTF-8 bytes (lone surrogates count as the 3 bytes of U+FFFD), without encoding it. */
// eslint-disable-next-line no-control-regex -- the ASCII range, U+0000 included
const NON_ASCII = /[^\x00-\x7f]/;

export function utf8Length(text: string): number {
  // Pure ASCII (most manifests) is one byte per unit; the native regex scan is far quicker than a loop.
  if (!NON_ASCII.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Size check of a whole file: undefined when within `maxBytes`, else its size in bytes. */
export function oversize(text: string, maxBytes: number): number | undefined {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes, so most texts are decided without counting.
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = utf8Length(text);
  return bytes > maxBytes ? bytes : undefined;
}

export function tooLargeMessage(bytes: number, maxBytes: number): string {
  return `This file is ${fmt(bytes)} bytes, over the ${fmt(maxBytes)}-byte limit (maxFileSize in .multus-networks.yaml, or the editor setting multusNetworks.maxFileSize), so it is not checked. Raise it to check this file.`;
}

/** A limit found exceeded: where and why. */
export interface LimitHit {
  code: 'yaml/limit' | 'yaml/alias-limit';
  message: string;
  start: number;
  end: number;
}

export function hitProblem(hit: LimitHit): Problem {
  const fields = { message: hit.message, start: hit.start, end: hit.end };
  return hit.code === 'yaml/alias-limit' ? problem(hit.code, 'error', fields) : problem(hit.code, 'info', fields);
}

/**
 * Pre-scan of the raw text, before the YAML parser sees it: a line over `maxLineLength`, flow
 * brackets nested over `maxNestingDepth` (the parser composes them recursively and takes seconds
 * on a million of them), or a line starting with more compact block indicators (`- - - ...`) than
 * that. Brackets are counted everywhere, strings and comments included: an upper bound that real
 * manifests stay far below. Linear; over text[from, to) (one document, for the part-wise parse).
 */
export function prescanText(text: string, limits: Limits, from = 0, to = text.length): LimitHit | undefined {
  // Two passes that jump between the characters that matter (regex scans), over text[from, to);
  // the earlier of their first hits is the one reported (a long line is found at its end, so
  // brackets nested too deep on it come first).
  const lineHit = scanLines(text, limits, from, to);
  const bracketHit = scanBrackets(text, limits.maxNestingDepth, from, lineHit ? lineHit.foundAt : to);
  return bracketHit ?? lineHit?.hit;
}

/** Long lines and lines opening too many compact block collections (`- - - …`). */
function scanLines(
  text: string,
  { maxLineLength, maxNestingDepth }: Limits,
  from: number,
  to: number,
): { hit: LimitHit; foundAt: number } | undefined {
  const breaks = /\r\n?|\n/g;
  breaks.lastIndex = from;
  let lineStart = from;
  for (;;) {
    const found = breaks.test(text) && breaks.lastIndex <= to;
    const lineEnd = found
      ? breaks.lastIndex -
        (text.charCodeAt(breaks.lastIndex - 1) === 10 && text.charCodeAt(breaks.lastIndex - 2) === 13 ? 2 : 1)
      : to;
    let j = lineStart;
    let count = 0;
    for (;;) {
      while (j < lineEnd && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      const d = text.charCodeAt(j);
      const next = text.charCodeAt(j + 1);
      if (!((d === 0x2d || d === 0x3f || d === 0x3a) && (next === 32 || next === 9))) break;
      count++;
      j += 2;
    }
    if (count > maxNestingDepth) {
      const message = `This line opens ${fmt(count)} nested block collections (- - - …), over the nesting limit of ${fmt(maxNestingDepth)}; this file is not checked.`;
      return { hit: { code: 'yaml/limit', message, start: lineStart, end: lineStart }, foundAt: lineStart };
    }
    // After the compact check: that one is found at the line's start, a long line at its end.
    if (lineEnd - lineStart > maxLineLength) {
      const message = `Line ${fmt(lineNumberAt(text, lineStart))} is ${fmt(lineEnd - lineStart)} characters long, over the ${fmt(maxLineLength)}-character limit; this file is not checked.`;
      return { hit: { code: 'yaml/limit', message, start: lineStart, end: lineStart }, foundAt: lineEnd };
    }
    if (!found) return undefined;
    lineStart = breaks.lastIndex;
  }
}

/** Flow brackets nested too deep, counted everywhere (strings and comments too), before `before`. */
function scanBrackets(text: string, maxNestingDepth: number, from: number, before: number): LimitHit | undefined {
  const brackets = /[[\]{}]/g;
  brackets.lastIndex = from;
  let depth = 0;
  while (brackets.test(text)) {
    const i = brackets.lastIndex - 1;
    if (i >= before) return undefined;
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > maxNestingDepth) {
        return {
          code: 'yaml/limit',
          message: `Brackets are nested more than ${fmt(maxNestingDepth)} levels deep here; this file is not checked.`,
          start: i,
          end: i + 1,
        };
      }
    } else if (depth > 0) depth--;
  }
  return undefined;
}

function lineNumberAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Deepest `[`/`{` nesting of a JSON text, skipping string literals; stops counting once past
 * `stopAbove`. `at` is the offset of the bracket that reached the reported depth.
 */
export function jsonNestingDepth(text: string, stopAbove = Infinity): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        at = i;
        if (max > stopAbove) break;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return { depth: max, at };
}

/**
 * Where each alias of a scanned document points (the last node anchored with its name before it,
 * as the `yaml` package resolves it). `deref` reads this instead of `Alias.resolve`, which walks
 * the whole document, recursively, on every call.
 */
export const ALIAS_TARGETS = new WeakMap<Alias, Node | null>();

interface Frame {
  node: Node;
  children: unknown[];
  next: number;
  /** Expanded size so far: this node plus its (expanded) descendants. */
  size: number;
}

/**
 * Checks one parsed document without expanding anything: collection nesting, the number of
 * aliases, the number of nodes they would add if expanded (each anchored node's expanded size is
 * computed once, so the whole walk is linear in the document, not in its expansion), aliases that
 * point into their own anchor (infinite expansion), and JSON nesting inside string scalars.
 * Records alias targets in ALIAS_TARGETS. Returns the first limit exceeded, if any.
 */
export function scanDocument(doc: Document.Parsed, limits: Limits): LimitHit | undefined {
  const anchors = new Map<string, Node>();
  /** Expanded sizes of the anchored nodes completed so far. */
  const sizes = new Map<Node, number>();
  /** Anchored collections still being walked (an alias to one of them is a cycle). */
  const open = new Set<Node>();
  let aliases = 0;
  let firstAlias: Alias | undefined;
  let added = 0;
  const stack: Frame[] = [];
  const start = (n: Node) => n.range?.[0] ?? 0;
  const aliasHit = (alias: Alias, why: string): LimitHit => {
    const at = start(alias);
    return {
      code: 'yaml/alias-limit',
      message: `${why} This document is not checked.`,
      start: at,
      end: alias.range?.[1] ?? at,
    };
  };

  /** Expanded size of a leaf, a hit, or undefined after pushing a frame for a collection. */
  const enter = (value: unknown): number | LimitHit | undefined => {
    if (isAlias(value)) {
      aliases++;
      firstAlias ??= value;
      const target = anchors.get(value.source) ?? null;
      ALIAS_TARGETS.set(value, target);
      if (aliases > limits.maxAliases) {
        return aliasHit(
          firstAlias,
          `This document has more than ${fmt(limits.maxAliases)} aliases (*name), over the alias limit: it looks like an alias bomb.`,
        );
      }
      if (target && open.has(target))
        return aliasHit(
          value,
          `The alias *${value.source} refers to a node that contains it, so expanding it never ends.`,
        );
      // The target is complete (anchors come before their aliases), so its expanded size is known.
      const size = target ? (sizes.get(target) ?? 1) : 1;
      added = Math.min(added + size, Number.MAX_SAFE_INTEGER);
      if (added > limits.maxAliasExpansion) {
        return aliasHit(
          firstAlias,
          `Expanding the aliases of this document would create more than ${fmt(limits.maxAliasExpansion)} nodes, over the alias expansion limit: it looks like an alias bomb ("billion laughs").`,
        );
      }
      return size;
    }
    if (isScalar(value)) {
      if (value.anchor) {
        anchors.set(value.anchor, value);
        sizes.set(value, 1);
      }
      const v = value.value;
      if (typeof v === 'string' && (v.includes('[') || v.includes('{'))) {
        const d = jsonNestingDepth(v, limits.maxJsonDepth);
        if (d.depth > limits.maxJsonDepth) {
          const at = start(value);
          return {
            code: 'yaml/limit',
            message: `This string holds brackets nested more than ${fmt(limits.maxJsonDepth)} levels deep (JSON nesting limit); this document is not checked.`,
            start: at,
            end: value.range?.[1] ?? at,
          };
        }
      }
      return 1;
    }
    if (isMap(value) || isSeq(value)) {
      const node = value as Node;
      if (stack.length + 1 > limits.maxNestingDepth) {
        const at = start(node);
        return {
          code: 'yaml/limit',
          message: `The YAML is nested more than ${fmt(limits.maxNestingDepth)} levels deep here; this document is not checked.`,
          start: at,
          end: at,
        };
      }
      if (node.anchor) {
        anchors.set(node.anchor, node);
        open.add(node);
      }
      const children: unknown[] = [];
      for (const item of value.items as unknown[]) {
        if (isPair(item)) children.push(item.key, item.value);
        else children.push(item);
      }
      stack.push({ node, children, next: 0, size: 1 });
      return undefined;
    }
    return 0;
  };

  const first = enter(doc.contents);
  if (typeof first === 'object') return first;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const r = enter(top.children[top.next++]);
      if (typeof r === 'object') return r;
      if (r !== undefined) top.size = Math.min(top.size + r, Number.MAX_SAFE_INTEGER);
      continue;
    }
    stack.pop();
    if (top.node.anchor) {
      open.delete(top.node);
      sizes.set(top.node, top.size);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.size = Math.min(parent.size + top.size, Number.MAX_SAFE_INTEGER);
  }
  return undefined;
}

/** True when the `yaml` package itself ran out of stack composing the document. */
export function overflowedParser(doc: Document.Parsed): boolean {
  return doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION' || /Maximum call stack size exceeded/.test(e.message));
}
