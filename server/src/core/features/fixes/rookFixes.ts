// Quick fixes for CephCluster networks and network references: `hostNetwork` → `provider: host`,
// selector keys, qualified names, "did you mean" NAD names, and for a missing NAD "create it" or
// "declare it external" (missingNad.ts).
import { isMap, isScalar, Node, Pair, Scalar } from 'yaml';
import { singleFileChange, TextEdit } from '../../edits';
import { fileRefs, RefSite, SELECTOR_KEYS } from '../../ref/fileRefs';
import { networkView, NetworkView } from '../../rook/networkView';
import type { Problem, RuleId } from '../../types';
import { insertProperty, jsonTree, nodeAt } from './jsonEdits';
import { editScalarValue, keepsYaml, ValueEdit } from './scalarEdit';
import { createNadFix, declareExternalFix } from './missingNad';
import { Fix, FixContext, FixProvider } from './types';

const viewWith = (ctx: FixContext, pred: (v: NetworkView) => boolean): NetworkView | undefined => {
  for (const c of ctx.analysis.objects.clusters) {
    const v = networkView(c);
    if (v && pred(v)) return v;
  }
  return undefined;
};

const startsAt = (node: unknown, offset: number) => (node as Node | undefined)?.range?.[0] === offset;

function fix(
  ctx: FixContext,
  problem: Problem,
  title: string,
  edits: TextEdit[],
  opts: { preferred?: boolean; safe?: boolean } = {},
): Fix[] {
  if (!edits.length || !keepsYaml(ctx.analysis.text, edits)) return [];
  return [
    {
      title,
      kind: 'quickfix',
      problem,
      isPreferred: !!opts.preferred,
      safe: !!(opts.preferred && opts.safe),
      change: singleFileChange(ctx.uri, edits),
    },
  ];
}

/** Replaces a YAML scalar (key or value) by a plain word, keeping its quotes when it had any. */
function replaceWord(text: string, node: Scalar, word: string): TextEdit | undefined {
  const r = node.range;
  if (!r) return undefined;
  const src = text.slice(r[0], r[1]);
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
    return { start: r[0] + 1, end: r[1] - 1, newText: word };
  if (node.type === 'PLAIN' && !/[\r\n]/.test(src))
    return { start: r[0], end: r[1], newText: src === '' && text[r[0] - 1] === ':' ? ` ${word}` : word };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// hostNetwork

const hostNetworkLegacy: FixProvider = (ctx, problem) => {
  const v = viewWith(ctx, (x) => startsAt(x.hostNetworkPair?.key, problem.start));
  const pair = v?.hostNetworkPair;
  const key = pair?.key as Node | undefined;
  const value = pair?.value as Node | undefined;
  if (!v || !key?.range || !value?.range) return [];
  if (v.providerPair) {
    // `provider: ""` next to it: set the provider, drop hostNetwork.
    const pv = v.providerNode;
    const del = deletePair(ctx.analysis.text, v, pair!);
    const set = isScalar(pv) ? replaceWord(ctx.analysis.text, pv as Scalar, 'host') : undefined;
    return set && del
      ? fix(ctx, problem, 'Use provider: host instead of hostNetwork: true', [set, del], {
          preferred: true,
          safe: true,
        })
      : [];
  }
  return fix(
    ctx,
    problem,
    'Use provider: host instead of hostNetwork: true',
    [{ start: key.range[0], end: value.range[1], newText: 'provider: host' }],
    { preferred: true, safe: true },
  );
};

const hostNetworkConflict: FixProvider = (ctx, problem) => {
  const v = viewWith(ctx, (x) => startsAt(x.hostNetworkPair?.value, problem.start));
  if (!v?.hostNetworkPair) return [];
  const del = deletePair(ctx.analysis.text, v, v.hostNetworkPair);
  return del
    ? fix(ctx, problem, `Remove hostNetwork (keep provider: ${v.provider})`, [del], { preferred: true, safe: true })
    : [];
};

/** Deletes one pair of the network mapping: its whole line(s) in block style, with a comma in flow style. */
function deletePair(text: string, v: NetworkView, pair: Pair<Node, Node>): TextEdit | undefined {
  const key = pair.key as Node | undefined;
  const value = pair.value as Node | undefined;
  if (!key?.range) return undefined;
  const start = key.range[0];
  const end = value?.range ? value.range[2] : key.range[2];
  if (v.map.flow) {
    const after = /^\s*,\s*/.exec(text.slice(end));
    if (after) return { start, end: end + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(0, start));
    return before ? { start: start - before[0].length, end, newText: '' } : { start, end, newText: '' };
  }
  let ls = start;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  if (text.slice(ls, start).trim() !== '') return undefined;
  let le = end;
  while (le < text.length && text[le - 1] !== '\n') le++;
  const rest = text.slice(value?.range?.[1] ?? key.range[1], le);
  if (rest.trim() !== '' && !/^\s*#[^\n]*\n?$/.test(rest)) return undefined;
  return { start: ls, end: le, newText: '' };
}

// ---------------------------------------------------------------------------------------------
// Keys and values of spec.network

const selectorKey: FixProvider = (ctx, problem) => {
  const v = viewWith(ctx, (x) => (x.selectors?.items ?? []).some((p) => startsAt(p.key, problem.start)));
  const key = v?.selectors?.items.find((p) => startsAt(p.key, problem.start))?.key;
  if (!v || !isScalar(key)) return [];
  const present = new Set((v.selectors?.items ?? []).map((p) => (isScalar(p.key) ? p.key.value : undefined)));
  const suggestion = typeof problem.data?.suggestion === 'string' ? problem.data.suggestion : undefined;
  const order = [...(suggestion ? [suggestion] : []), ...SELECTOR_KEYS.filter((k) => k !== suggestion)];
  return order.flatMap((k) => {
    if (present.has(k)) return [];
    const e = replaceWord(ctx.analysis.text, key as Scalar, k);
    return e ? fix(ctx, problem, `Change the selector key to "${k}"`, [e], { preferred: k === suggestion }) : [];
  });
};

/** A key or value whose replacement is `data.suggestion` (rook/unknown-field, unknown-provider, ip-family). */
const suggestionAt =
  (what: 'key' | 'value', safe: (from: string, to: string) => boolean): FixProvider =>
  (ctx, problem) => {
    const suggestion = problem.data?.suggestion;
    if (typeof suggestion !== 'string') return [];
    let node: Scalar | undefined;
    let siblings: Pair<Node, Node>[] = [];
    for (const c of ctx.analysis.objects.clusters) {
      const found = findScalarAt(c.networkNode, problem.start, what);
      if (found) {
        node = found.node;
        siblings = found.siblings;
        break;
      }
    }
    if (!node) return [];
    if (what === 'key' && siblings.some((p) => isScalar(p.key) && p.key.value === suggestion)) return [];
    const e = replaceWord(ctx.analysis.text, node, suggestion);
    const from = String(node.value);
    return e
      ? fix(ctx, problem, `Change "${from}" to "${suggestion}"`, [e], { preferred: true, safe: safe(from, suggestion) })
      : [];
  };

function findScalarAt(
  node: unknown,
  offset: number,
  what: 'key' | 'value',
): { node: Scalar; siblings: Pair<Node, Node>[] } | undefined {
  if (!isMap(node)) return undefined;
  const items = node.items as Pair<Node, Node>[];
  for (const p of items) {
    const target = what === 'key' ? p.key : p.value;
    if (isScalar(target) && target.range?.[0] === offset) return { node: target as Scalar, siblings: items };
    const inner = findScalarAt(p.value, offset, what);
    if (inner) return inner;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// References (selectors and annotations)

function refAt(ctx: FixContext, problem: Problem): RefSite | undefined {
  return fileRefs(ctx.analysis).refs.find((r) => r.entryStart === problem.start && r.entryEnd === problem.end);
}

/** Value edits that make the reference's `[ns/]name` say `target` (`ns/name` or `name`). */
function retarget(ref: RefSite, target: string): ValueEdit[] | undefined {
  const value = String(ref.site.scalar.value);
  const slash = target.indexOf('/');
  const ns = slash >= 0 ? target.slice(0, slash) : undefined;
  const name = slash >= 0 ? target.slice(slash + 1) : target;
  const p = ref.ref;
  if (p.form === 'short') return [{ start: p.entryStart, end: p.nameEnd, newText: target }];
  const root = jsonTree(value);
  const obj = nodeAt(root, p.entryStart, p.entryEnd);
  if (!obj) return undefined;
  const edits: ValueEdit[] = [];
  if (name !== p.name) edits.push({ start: p.nameStart - 1, end: p.nameEnd + 1, newText: JSON.stringify(name) });
  const nsProp = (obj.children ?? []).find((c) => c.children?.[0]?.value === 'namespace');
  if (ns !== undefined && ns !== p.namespace) {
    const v = nsProp?.children?.[1];
    if (v) edits.push({ start: v.offset, end: v.offset + v.length, newText: JSON.stringify(ns) });
    else {
      const ins = insertProperty(
        value,
        obj,
        'namespace',
        ns,
        (obj.children ?? []).findIndex((c) => c.children?.[0]?.value === 'name') + 1,
      );
      if (!ins) return undefined;
      edits.push(ins);
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

function refFix(
  ctx: FixContext,
  problem: Problem,
  ref: RefSite,
  target: string,
  title: string,
  opts: { preferred?: boolean; safe?: boolean },
): Fix[] {
  const d = ref.site.decoded;
  const edits = retarget(ref, target);
  if (!d || !edits?.length) return [];
  const r = editScalarValue(ctx.analysis.text, d, edits);
  return r ? fix(ctx, problem, title, r.edits, opts) : [];
}

const qualify: FixProvider = (ctx, problem) => {
  const ref = refAt(ctx, problem);
  const qualified = problem.data?.qualified;
  if (!ref || typeof qualified !== 'string') return [];
  return refFix(ctx, problem, ref, qualified, `Qualify it: ${qualified}`, { preferred: true, safe: true });
};

const notFound: FixProvider = (ctx, problem) => {
  const ref = refAt(ctx, problem);
  if (!ref) return [];
  const out: Fix[] = [];
  if (typeof problem.data?.qualified === 'string') out.push(...qualify(ctx, problem));
  const suggestions = Array.isArray(problem.data?.suggestions)
    ? (problem.data!.suggestions as unknown[]).filter((s): s is string => typeof s === 'string')
    : [];
  const preferUnique = suggestions.length === 1 && !out.length;
  for (const s of suggestions) {
    if (s === problem.data?.qualified) continue;
    out.push(...refFix(ctx, problem, ref, s, `Change to "${s}"`, { preferred: preferUnique }));
  }
  if (!out.some((f) => f.isPreferred) || suggestions.length === 0)
    out.push(...createNadFix(ctx, problem, ref), ...declareExternalFix(ctx, problem, ref));
  return out;
};

const sameCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A syntax finding that carries its own value edits (data.fix), e.g. "name": "ns/net" split in two. */
const valueFix: FixProvider = (ctx, problem) => {
  const f = problem.data?.fix as { title?: unknown; edits?: unknown } | undefined;
  if (!f || typeof f.title !== 'string' || !Array.isArray(f.edits)) return [];
  const site = fileRefs(ctx.analysis).sites.find((s) =>
    s.errors.some((e) => e.start === problem.start && e.end === problem.end && e.fix),
  );
  const d = site?.decoded;
  if (!d) return [];
  const r = editScalarValue(ctx.analysis.text, d, f.edits as ValueEdit[]);
  return r ? fix(ctx, problem, f.title, r.edits, { preferred: true, safe: true }) : [];
};

/** A YAML key or value at the problem's range that should read data.suggestion (a plain or quoted word). */
const wordAt: FixProvider = (ctx, problem) => {
  const suggestion = problem.data?.suggestion;
  if (typeof suggestion !== 'string' || !/^[A-Za-z][A-Za-z0-9.-]*$/.test(suggestion)) return [];
  const src = ctx.analysis.text.slice(problem.start, problem.end);
  const quoted = /^(["']).*\1$/.test(src);
  if (!quoted && !/^[A-Za-z0-9_.-]+$/.test(src)) return [];
  const edit = quoted
    ? { start: problem.start + 1, end: problem.end - 1, newText: suggestion }
    : { start: problem.start, end: problem.end, newText: suggestion };
  const from = quoted ? src.slice(1, -1) : src;
  return fix(ctx, problem, `Change "${from}" to "${suggestion}"`, [edit], { preferred: true, safe: false });
};

export const ROOK_FIXES: Partial<Record<RuleId, FixProvider>> = {
  'k8s/kind-near-miss': wordAt,
  'k8s/unknown-field': wordAt,
  'ref/namespace-in-name': valueFix,
  'rook/host-network-legacy': hostNetworkLegacy,
  'rook/host-network-conflict': hostNetworkConflict,
  'rook/unknown-selector-key': selectorKey,
  'rook/unknown-field': suggestionAt('key', sameCase),
  'rook/unknown-provider': suggestionAt('value', sameCase),
  'rook/ip-family': suggestionAt('value', sameCase),
  'rook/selector-namespace': qualify,
  'rook/selector-not-found': notFound,
  'ref/nad-not-found': notFound,
};
