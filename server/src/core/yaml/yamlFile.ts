// Parses a YAML file (multi-document stream) with the `yaml` package, keeping source ranges.
import { parseAllDocuments, Document, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Problem } from '../types';

export interface YamlFile {
  text: string;
  docs: Document.Parsed[];
  /** yaml/syntax and limit problems found while parsing. */
  problems: Problem[];
}

export interface ParseLimits {
  maxDocuments: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDocuments: 10_000 };

export function parseYamlFile(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): YamlFile {
  const problems: Problem[] = [];
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  let docs: Document.Parsed[] = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  if (docs.length > limits.maxDocuments) {
    const first = docs[limits.maxDocuments].range;
    problems.push({
      code: 'yaml/limit',
      severity: 'info',
      message: `This file has ${docs.length} YAML documents; only the first ${limits.maxDocuments} are checked.`,
      start: first[0],
      end: first[0],
    });
    docs = docs.slice(0, limits.maxDocuments);
  }
  for (const doc of docs) {
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      // The yaml package turns a stack overflow on absurd nesting into an error; say what it means.
      const tooDeep = /Maximum call stack size exceeded/.test(err.message);
      problems.push({
        code: tooDeep ? 'yaml/limit' : 'yaml/syntax',
        severity: tooDeep ? 'info' : 'error',
        message: tooDeep ? 'The YAML is nested too deeply to check; the rest of this document is skipped.' : `YAML syntax: ${firstLine(err.message)}`,
        start: s,
        end: Math.max(e, s),
      });
    }
  }
  return { text, docs, problems };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** Follows an alias to its anchored node (one step: anchors cannot chain). */
export function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) {
    const target = node.resolve(doc);
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
