// Whole-config rewrites: a spec.config written as a YAML mapping serialized to a JSON string in a
// `|` block (nad/config-not-string), and the refactorings between a one-line config and a
// formatted `|` block.
import { createScanner, Node as JsonNode, parseTree, SyntaxKind } from 'jsonc-parser';
import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import { parseStrictJson } from '../../cni/json';
import { applyEdits, singleFileChange, TextEdit } from '../../edits';
import type { NadAnalysis } from '../../nad/nadChecks';
import { replaceScalarValue, scalarAt } from './scalarEdit';
import type { RuleId } from '../../types';
import { Fix, FixContext, FixProvider } from './types';

// ---------------------------------------------------------------------------------------------
// nad/config-not-string

const configNotString: FixProvider = (ctx, problem) => {
  const nad = ctx.analysis.nads.find((n) => n.nad.configNode?.range?.[0] === problem.start);
  if (!nad) return [];
  const edit = serializeConfigEdit(ctx.analysis.text, nad);
  return edit
    ? [
        {
          title: 'Write spec.config as a JSON string (in a | block)',
          kind: 'quickfix',
          problem,
          isPreferred: true,
          safe: true,
          change: singleFileChange(ctx.uri, [edit]),
        },
      ]
    : [];
};

/** Replaces a mapping/sequence spec.config by the same data as pretty JSON in a literal block. */
export function serializeConfigEdit(text: string, nad: NadAnalysis): TextEdit | undefined {
  const node = nad.nad.configNode;
  const key = nad.nad.configPair?.key as Node | undefined;
  if (!node?.range || !key?.range || !(isMap(node) || isSeq(node))) return undefined;
  const compact = toJsonText(node, nad.nad.doc);
  if (compact === undefined || parseStrictJson(compact).problems.some((p) => p.code === 'json/syntax'))
    return undefined;
  const json = prettyJson(compact).replace(/\n$/, '');
  const colon = text.indexOf(':', key.range[1]);
  if (colon < 0 || colon >= node.range[0]) return undefined;
  const between = text.slice(colon + 1, node.range[0]);
  const comment = /#[^\r\n]*/.exec(between)?.[0];
  const end = node.range[1];
  const endsWithBreak = /\n$/.test(text.slice(node.range[0], end));
  const pad = ' '.repeat(key.range[0] - text.lastIndexOf('\n', key.range[0] - 1) - 1 + 2);
  const body = json
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
  const edit: TextEdit = {
    start: colon + 1,
    end,
    newText: ` |${comment ? ` ${comment}` : ''}\n${body}${endsWithBreak ? '\n' : ''}`,
  };
  // The edited file must hold exactly this JSON (plus the block's final newline) as the config.
  const after = scalarAt(applyEdits(text, [edit]), colon + 2);
  return after && after.value === `${json}\n` ? edit : undefined;
}

/** A YAML node as compact JSON text; numbers keep their source spelling when it is valid JSON. */
function toJsonText(node: unknown, doc: Document.Parsed, key?: string, depth = 0): string | undefined {
  if (depth > 100) return undefined;
  const n = isAlias(node) ? node.resolve(doc) : node;
  if (isMap(n)) {
    const parts: string[] = [];
    for (const pair of n.items) {
      const k = isScalar(pair.key)
        ? String((pair.key as Scalar).value)
        : isAlias(pair.key)
          ? String((pair.key.resolve(doc) as Scalar | undefined)?.value)
          : undefined;
      if (k === undefined) return undefined;
      const v = toJsonText(pair.value, doc, k, depth + 1);
      if (v === undefined) return undefined;
      parts.push(`${JSON.stringify(k)}: ${v}`);
    }
    return `{${parts.join(', ')}}`;
  }
  if (isSeq(n)) {
    const parts: string[] = [];
    for (const item of n.items) {
      const v = toJsonText(item, doc, undefined, depth + 1);
      if (v === undefined) return undefined;
      parts.push(v);
    }
    return `[${parts.join(', ')}]`;
  }
  if (n === null || n === undefined) return 'null';
  if (!isScalar(n)) return undefined;
  const v = n.value;
  const src = (n as Scalar & { source?: string }).source;
  if (typeof v === 'number') {
    // A version written as a YAML number (`cniVersion: 1.0`) is meant as a string.
    if (key === 'cniVersion' && src) return JSON.stringify(src);
    if (src && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(src)) return src;
    return Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify(src ?? String(v));
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  if (typeof v === 'bigint') return String(v);
  return JSON.stringify(String(v));
}

// ---------------------------------------------------------------------------------------------
// Refactorings: one line <-> formatted block.

/**
 * The config formatted with two-space indentation, one member per line, ending with a newline.
 * Short arrays of plain values stay on one line (`"exclude": ["10.0.0.1/32"]`). Keys, strings and
 * numbers keep their exact spelling.
 */
export function prettyJson(json: string): string {
  const root = parseTree(json, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return json;
  const raw = (n: JsonNode) => json.slice(n.offset, n.offset + n.length);
  const print = (n: JsonNode, indent: string): string => {
    const inner = `${indent}  `;
    const kids = n.children ?? [];
    if (n.type === 'object') {
      if (!kids.length) return '{}';
      const members = kids.map((p) => `${inner}${raw(p.children![0])}: ${print(p.children![1], inner)}`);
      return `{\n${members.join(',\n')}\n${indent}}`;
    }
    if (n.type === 'array') {
      if (!kids.length) return '[]';
      const flat = kids.every((k) => k.type !== 'object' && k.type !== 'array');
      const oneLine = `[${kids.map(raw).join(', ')}]`;
      if (flat && oneLine.length <= 72) return oneLine;
      return `[\n${kids.map((k) => inner + print(k, inner)).join(',\n')}\n${indent}]`;
    }
    return raw(n);
  };
  return `${print(root, '')}\n`;
}

/** The config on one line: `{"a": 1, "b": [2, 3]}`. */
export function compactJson(json: string): string {
  const sc = createScanner(json, false);
  let out = '';
  for (let k = sc.scan(); k !== SyntaxKind.EOF; k = sc.scan()) {
    if (k === SyntaxKind.Trivia || k === SyntaxKind.LineBreakTrivia) continue;
    out += json.slice(sc.getTokenOffset(), sc.getTokenOffset() + sc.getTokenLength());
    if (k === SyntaxKind.CommaToken || k === SyntaxKind.ColonToken) out += ' ';
  }
  return out;
}

/** Layout refactorings offered anywhere inside a valid spec.config. */
export function layoutRefactors(ctx: FixContext, offset: number, endOffset = offset): Fix[] {
  const text = ctx.analysis.text;
  const out: Fix[] = [];
  for (const nad of ctx.analysis.nads) {
    const d = nad.decoded;
    const key = nad.nad.configPair?.key as Node | undefined;
    const from = key?.range?.[0] ?? d?.sourceStart ?? 0;
    if (!d || endOffset < from || offset > d.sourceEnd) continue;
    if (parseStrictJson(d.value).problems.some((p) => p.code === 'json/syntax')) continue;
    const pretty = prettyJson(d.value);
    if (d.style !== 'BLOCK_LITERAL' || d.value !== pretty) {
      const r = replaceScalarValue(text, d, pretty, 'BLOCK_LITERAL');
      if (r && r.style === 'BLOCK_LITERAL') {
        const title =
          d.style === 'BLOCK_LITERAL' ? 'Format the JSON in spec.config' : 'Write spec.config as a formatted | block';
        out.push({ title, kind: 'refactor.rewrite', change: singleFileChange(ctx.uri, r.edits) });
      }
    }
    if (/\n./.test(d.value) || text.slice(d.sourceStart, d.sourceEnd).trimEnd().includes('\n')) {
      const r = replaceScalarValue(
        text,
        d,
        compactJson(d.value),
        d.style === 'QUOTE_DOUBLE' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE',
      );
      if (r)
        out.push({
          title: 'Put spec.config on one line',
          kind: 'refactor.rewrite',
          change: singleFileChange(ctx.uri, r.edits),
        });
    }
  }
  return out;
}

export const LAYOUT_FIXES: Partial<Record<RuleId, FixProvider>> = {
  'nad/config-not-string': configNotString,
};
