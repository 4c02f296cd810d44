// Parses a YAML file (multi-document stream) with the `yaml` package, keeping source ranges.
import { Document, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { ALIAS_TARGETS, DEFAULT_LIMITS, LimitHit } from '../limits';
import type { Problem } from '../types';
import { DocumentPart, documentMarkers, parsePart, parseParts } from './documentParts';

export interface YamlFile {
  text: string;
  /** The parsed documents, in order (documents of parts that were not parsed are absent). */
  docs: Document.Parsed[];
  /** The `---`-delimited parts of the text, parsed or not (see documentParts.ts). */
  parts: DocumentPart[];
  /** yaml/syntax and limit problems found while parsing. */
  problems: Problem[];
  /** Set when `guard` refused a part: nothing after it was parsed, and the file is not checked. */
  refused?: LimitHit;
}

export interface ParseLimits {
  maxDocuments: number;
}

/** yaml/syntax findings per document: the first break and a couple more, not its cascade. */
export const MAX_SYNTAX_PER_DOCUMENT = 3;

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDocuments: DEFAULT_LIMITS.maxDocuments };

/**
 * Parses a stream. `options.wanted` skips parts the caller has no use for; `options.previous` (an
 * earlier parse of the same file, given up by passing it) lets unchanged parts be reused.
 */
export function parseYamlFile(
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  options: {
    wanted?: (part: string) => boolean;
    previous?: YamlFile;
    guard?: (start: number, end: number) => LimitHit | undefined;
  } = {},
): YamlFile {
  const problems: Problem[] = [];
  // Parsing is the costly part: a flood of documents is cut before the parser sees the excess.
  // Each part holds one document (more only with `...` end markers): part max + 1 starts the cut.
  const markers = documentMarkers(text, limits.maxDocuments + 1);
  const starts = markers[0] === 0 ? markers : [0, ...markers];
  const cut = starts.length > limits.maxDocuments ? starts[limits.maxDocuments] : undefined;
  const { parts, stopped } = parseParts(text, cut ?? text.length, markers, options);
  if (stopped) return { text, docs: [], parts: [], problems: [], refused: stopped as LimitHit };
  let docs: Document.Parsed[] = parts.flatMap((p) => p.docs ?? []);
  if (docs.length > limits.maxDocuments || cut !== undefined) {
    const at = docs.length > limits.maxDocuments ? docs[limits.maxDocuments].range[0] : cut!;
    const max = limits.maxDocuments.toLocaleString('en-US');
    problems.push({
      code: 'yaml/limit',
      severity: 'info',
      message: `This file has ${cut === undefined ? docs.length.toLocaleString('en-US') : `more than ${max}`} YAML documents, over the limit of ${max}; only the first ${max} are checked.`,
      start: at,
      end: at,
    });
    docs = docs.slice(0, limits.maxDocuments);
  }
  for (const doc of docs) {
    let overflowReported = false;
    let syntaxErrors = 0;
    for (const err of doc.errors) {
      // The parser may place an error just past the end of the text; keep ranges inside it.
      const s = Math.min(err.pos[0], text.length);
      const e = Math.min(Math.max(err.pos[1], s), text.length);
      // The yaml package turns a stack overflow on absurd nesting into an error; say what it means.
      const tooDeep = err.code === 'RESOURCE_EXHAUSTION' || /Maximum call stack size exceeded/.test(err.message);
      if (tooDeep && overflowReported) continue;
      overflowReported ||= tooDeep;
      // One break usually cascades (every later line "fails"): report the first few per document.
      if (!tooDeep && ++syntaxErrors > MAX_SYNTAX_PER_DOCUMENT) continue;
      problems.push({
        ...(tooDeep ? { code: 'yaml/limit', severity: 'info' } : { code: 'yaml/syntax', severity: 'error' }),
        message: tooDeep
          ? 'The YAML is nested too deeply for the parser (it ran out of stack); this document is not checked.'
          : `YAML syntax: ${firstLine(err.message)}`,
        start: s,
        end: Math.max(e, s),
      });
    }
  }
  return { text, docs, parts, problems };
}

/** The document whose range holds `offset` (a part skipped for checking is parsed now, for features). */
export function documentAt(yaml: YamlFile, offset: number): Document.Parsed | undefined {
  const part = yaml.parts.find((p) => p.start <= offset && offset <= p.end);
  if (!part) return undefined;
  const docs = part.docs ?? parsePart(yaml.text, part.start, part.end);
  return docs.find((d) => d.range[0] <= offset && offset <= d.range[2]);
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** Follows an alias to its anchored node (one step: anchors cannot chain). */
export function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) {
    // Scanned documents have their alias targets recorded; Alias.resolve walks the whole document.
    const target = ALIAS_TARGETS.has(node) ? ALIAS_TARGETS.get(node) : node.resolve(doc);
    return target ?? undefined;
  }
  return (node as Node | null | undefined) ?? undefined;
}

export function mapPair(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap<Node, Node>).items) {
    const k = item.key;
    if (isScalar(k) && k.value === key) return item as Pair<Node, Node>;
  }
  return undefined;
}

export function mapGet(map: unknown, key: string, doc: Document): Node | undefined {
  const pair = mapPair(map, key);
  return pair ? deref(pair.value, doc) : undefined;
}

export function getPath(node: unknown, path: string[], doc: Document): Node | undefined {
  let cur: Node | undefined = deref(node, doc);
  for (const key of path) {
    cur = mapGet(cur, key, doc);
    if (!cur) return undefined;
  }
  return cur;
}

export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Source span of a node's value (without trailing comments/whitespace). */
export function nodeSpan(node: Node | undefined | null): [number, number] | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

export function yamlTypeName(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a sequence';
  if (isScalar(node)) {
    const v = (node as Scalar).value;
    if (v === null) return 'null';
    return typeof v === 'string' ? 'a string' : `a ${typeof v}`;
  }
  return 'nothing';
}
