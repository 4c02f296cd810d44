// Completion: inside the CNI JSON of spec.config (field names of the plugin and IPAM at hand, enum
// values, plugin and IPAM types, released cniVersions), in a CephCluster's `network` (keys,
// provider values, selector keys, NAD names from the workspace) and in the pod networks
// annotation (NAD names). Inserted text is escaped for the scalar style it lands in.
import { getLocation, parse as parseLoose } from 'jsonc-parser';
import { CNI_VERSIONS } from '../cni/checkConfig';
import { describeAt, fieldsAt, FieldInfo, knownIpamTypes, knownPluginTypes, schemaFor } from '../cni/schemaRegistry';
import { isScalar } from 'yaml';
import { decodeScalar, valueOffsetAt } from '../embedded/scalarSource';
import type { DecodedScalar, ScalarStyle } from '../embedded/types';
import { NadEntry, qualified } from '../index/workspaceIndex';
import { networkFieldsUnder, PROVIDER_VALUES } from '../rook/networkDocs';
import { IP_FAMILIES } from '../rook/networkView';
import type { Settings } from '../settings';
import type { Workspace } from '../workspace';
import { NETWORKS_ANNOTATION } from '../yaml/k8sObjects';
import { documentAt, getPath, scalarString } from '../yaml/yamlFile';
import { compactJson } from './fixes/layoutFixes';
import { contentIndent, encodeInPlace } from './fixes/scalarEdit';
import { expandSnippet, SNIPPETS } from './fixes/snippets';
import { docMarkdown, nadSummary } from './hover';

export type CompletionKind = 'property' | 'value' | 'enum' | 'reference' | 'keyword';

export interface CompletionItemCore {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replace range (offsets into the analysis text); always contains the cursor. */
  start: number;
  end: number;
  /** Text to insert, already escaped for the scalar's style. */
  insertText: string;
  /** `insertText` uses snippet syntax (tab stops). */
  snippet?: boolean;
  filterText?: string;
  sortText?: string;
  preselect?: boolean;
}

export function completionsAt(workspace: Workspace, uri: string, offset: number): CompletionItemCore[] {
  const analysis = workspace.get(uri);
  if (!analysis) return [];
  for (const nad of analysis.nads) {
    // An empty config is not decoded by the checks (nothing to check); completion decodes it.
    const node = nad.nad.configNode;
    const d = nad.decoded ?? (isScalar(node) && node.value === '' ? decodeScalar(analysis.text, node) : undefined);
    if (!d || !insideContent(analysis.text, d, offset)) continue;
    if (d.value.trim() === '') return skeletons(analysis.text, d, offset, nad.nad.name ?? 'my-network');
    return jsonCompletions(workspace.settingsFor(uri), analysis.text, d, offset);
  }
  // Inside a JSON string an operator pastes into the config it renders (spec.ipam, metaPlugins):
  // completion knows the place in the rendered config, and inserts into the user's string.
  for (const nad of analysis.providerNads) {
    const d = nad.decoded ?? nad.renderDraft?.pieceScalarAt(offset);
    if (!d || !insideContent(analysis.text, d, offset)) continue;
    return jsonCompletions(workspace.settingsFor(uri), analysis.text, d, offset);
  }
  return yamlCompletions(workspace, uri, analysis.text, offset);
}

/** Inside the scalar's content (not on a quote or a block header). */
function insideContent(text: string, d: DecodedScalar, offset: number): boolean {
  if (offset < d.sourceStart || offset > d.sourceEnd) return false;
  if (d.style === 'QUOTE_DOUBLE' || d.style === 'QUOTE_SINGLE') return offset > d.sourceStart && offset < d.sourceEnd;
  if (d.style === 'BLOCK_LITERAL' || d.style === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', d.sourceStart);
    return headerEnd >= 0 && offset > headerEnd;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Inside the CNI JSON.

/** A piece of inserted text: literal JSON, or a tab stop (with a default or choices). */
type Part = string | { tab: number; default?: string; choices?: string[] };

/** Builds insert text: literal parts escaped for the YAML style (and for snippet syntax when snippet). */
function build(parts: Part[], style: ScalarStyle, blockIndent: string, snippet: boolean): string | undefined {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      const enc = encodeInPlace(p, style, blockIndent);
      if (enc === undefined) return undefined;
      out += snippet ? enc.replace(/[\\$}]/g, (c) => `\\${c}`) : enc;
    } else if (snippet) {
      const esc = (s: string) => (encodeInPlace(s, style, blockIndent) ?? s).replace(/[\\$}|,]/g, (c) => `\\${c}`);
      if (p.choices?.length) out += `\${${p.tab}|${p.choices.map(esc).join(',')}|}`;
      else if (p.default !== undefined) out += `\${${p.tab}:${esc(p.default)}}`;
      else out += `$${p.tab}`;
    } else out += p.choices?.[0] ?? p.default ?? '';
  }
  return out;
}

function jsonCompletions(settings: Settings, text: string, d: DecodedScalar, offset: number): CompletionItemCore[] {
  const j = valueOffsetAt(d, offset);
  if (j === undefined) return [];
  const json = d.value;
  const loc = getLocation(json, j);
  const config = parseLoose(json, [], { allowTrailingComma: true }) as unknown;
  const blockIndent =
    d.style === 'BLOCK_LITERAL' || d.style === 'BLOCK_FOLDED' ? ' '.repeat(contentIndent(text, d)) : '';
  /** File range of a JSON range, widened to contain the cursor. */
  const fileRange = (a: number, b: number): [number, number] => {
    const [s, e] = b > a ? d.rangeToSource(a, b) : [offset, offset];
    return [Math.min(s, offset), Math.max(e, offset)];
  };
  const items: CompletionItemCore[] = [];
  const push = (
    item: Omit<CompletionItemCore, 'start' | 'end' | 'insertText'>,
    parts: Part[],
    range: [number, number],
    snippet = false,
    filter?: string,
  ) => {
    const insertText = build(parts, d.style, blockIndent, snippet);
    if (insertText === undefined) return;
    const filterText = filter === undefined ? undefined : encodeInPlace(filter, d.style, blockIndent);
    items.push({
      ...item,
      start: range[0],
      end: range[1],
      insertText,
      ...(snippet ? { snippet } : {}),
      ...(filterText !== undefined ? { filterText } : {}),
    });
  };

  if (loc.isAtPropertyKey) {
    const objPath = loc.path.slice(0, -1);
    const fields = fieldsAt(config, objPath);
    const prev = loc.previousNode;
    const inKey = prev && prev.offset < j && j <= prev.offset + prev.length ? prev : undefined;
    const existing = new Set(keysOfObjectAt(config, objPath));
    if (inKey) existing.delete(String(inKey.value));
    // A single config (it has a `type`) takes no plugin list: Multus would ignore it.
    if (existing.has('type')) existing.add('plugins');
    const keyEnd = inKey ? inKey.offset + inKey.length : j;
    const colonFollows = /^\s*:/.test(json.slice(keyEnd));
    const nextIsMember = /^\s*"/.test(json.slice(keyEnd));
    fields.forEach((f, i) => {
      if (existing.has(f.name) || f.reserved) return;
      const info = {
        label: f.name,
        kind: 'property' as const,
        detail: fieldDetail(f),
        documentation: docMarkdown(f),
        sortText: `${f.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      };
      if (inKey && colonFollows) {
        const closed = json[inKey.offset + inKey.length - 1] === '"' && inKey.length > 1;
        const range = fileRange(inKey.offset + 1, inKey.offset + inKey.length - (closed ? 1 : 0));
        push(info, [f.name], range, false, f.name);
        return;
      }
      const parts: Part[] = [`${JSON.stringify(f.name)}: `, ...valueSkeleton(f, objPath)];
      if (nextIsMember) parts.push(', ');
      const range = inKey ? fileRange(inKey.offset, inKey.offset + inKey.length) : fileRange(j, j);
      push(info, parts, range, true, JSON.stringify(f.name));
    });
    return items;
  }

  // A value.
  const path = loc.path;
  const key = path[path.length - 1];
  if (typeof key !== 'string') return items;
  const prev = loc.previousNode;
  const atNode =
    prev && prev.offset < j && j <= prev.offset + prev.length && prev.type !== 'property' ? prev : undefined;
  const inString = atNode?.type === 'string' && j > atNode.offset;
  const values = valueCandidates(settings, config, path);
  values.forEach((v, i) => {
    const info = {
      label: typeof v.value === 'string' ? v.value : JSON.stringify(v.value),
      kind: v.kind,
      detail: v.detail,
      documentation: v.documentation,
      sortText: String(i).padStart(3, '0'),
      preselect: v.preselect,
    };
    if (inString && typeof v.value === 'string') {
      const closed = atNode!.length > 1 && json[atNode!.offset + atNode!.length - 1] === '"';
      const inner = JSON.stringify(v.value).slice(1, -1);
      push(
        info,
        [inner],
        fileRange(atNode!.offset + 1, atNode!.offset + atNode!.length - (closed ? 1 : 0)),
        false,
        inner,
      );
    } else {
      const range = atNode ? fileRange(atNode.offset, atNode.offset + atNode.length) : fileRange(j, j);
      push(info, [JSON.stringify(v.value)], range, false, JSON.stringify(v.value));
    }
  });
  return items;
}

function keysOfObjectAt(config: unknown, path: (string | number)[]): string[] {
  let cur: unknown = config;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return [];
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? Object.keys(cur) : [];
}

function fieldDetail(f: FieldInfo): string {
  return [f.type, f.owner].filter(Boolean).join(' — ');
}

/** The value a new key starts with: a tab stop in the right JSON shape. */
function valueSkeleton(f: FieldInfo, objPath: (string | number)[]): Part[] {
  const t = f.type ?? '';
  const enumValues = (f.enum ?? []).filter((v) => typeof v === 'string') as string[];
  if (f.name === 'type' && !objPath.some((s) => String(s).toLowerCase() === 'ipam'))
    return ['"', { tab: 1, choices: ['macvlan', 'ipvlan', 'bridge', 'host-device', 'vlan', 'sriov'] }, '"'];
  if (f.name === 'ipam')
    return ['{"type": "', { tab: 1, choices: ['whereabouts', 'host-local', 'static', 'dhcp'] }, '"}'];
  if (f.name === 'cniVersion') return ['"', { tab: 1, default: '1.0.0' }, '"'];
  if (enumValues.length && t.startsWith('string')) {
    const def = typeof f.default === 'string' && enumValues.includes(f.default) ? f.default : undefined;
    return ['"', { tab: 1, choices: def ? [def, ...enumValues.filter((v) => v !== def)] : enumValues }, '"'];
  }
  if (t.startsWith('string'))
    return ['"', { tab: 1, default: typeof f.default === 'string' ? f.default : undefined }, '"'];
  if (t.startsWith('integer') || t.startsWith('number'))
    return [{ tab: 1, default: String(typeof f.default === 'number' ? f.default : (f.minimum ?? 0)) }];
  if (t.startsWith('boolean')) return [{ tab: 1, choices: f.default === true ? ['true', 'false'] : ['false', 'true'] }];
  if (t.startsWith('array')) return ['[', { tab: 1 }, ']'];
  if (t.startsWith('object') || t.startsWith('map')) return ['{', { tab: 1 }, '}'];
  return [{ tab: 1 }];
}

interface ValueCandidate {
  value: unknown;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  preselect?: boolean;
}

function valueCandidates(settings: Settings, config: unknown, path: (string | number)[]): ValueCandidate[] {
  const key = String(path[path.length - 1]);
  const underIpam = path.slice(0, -1).some((s) => String(s).toLowerCase() === 'ipam');
  const level = path.length === 1 || (path.length === 3 && path[0] === 'plugins' && typeof path[1] === 'number');
  if (key === 'type' && underIpam) {
    return withSchemasFirst([...new Set([...knownIpamTypes, ...settings.extraIpamTypes])], 'ipam').map(([t, s]) => ({
      value: t,
      kind: 'enum',
      detail: s ? 'IPAM plugin' : 'IPAM plugin (fields not checked)',
      documentation: s ? typeDoc(s.description, s['x-docs']) : undefined,
    }));
  }
  if (key === 'type' && level) {
    return withSchemasFirst([...new Set([...knownPluginTypes, ...settings.extraPluginTypes])], 'plugin').map(
      ([t, s]) => ({
        value: t,
        kind: 'enum',
        detail: s ? 'CNI plugin' : 'CNI plugin (fields not checked)',
        documentation: s ? typeDoc(s.description, s['x-docs']) : undefined,
      }),
    );
  }
  if (key === 'cniVersion' && (path.length === 1 || level)) {
    return [...CNI_VERSIONS]
      .reverse()
      .map((v) => ({ value: v, kind: 'enum', detail: 'CNI spec version', preselect: v === '1.0.0' }));
  }
  const doc = describeAt(config, path);
  if (!doc) return [];
  if (doc.enum?.length)
    return doc.enum.map((v) => ({
      value: v,
      kind: 'enum',
      detail: `${doc.name} — ${doc.owner}`,
      preselect: v === doc.default,
    }));
  if (doc.type === 'boolean')
    return [true, false].map((v) => ({ value: v, kind: 'keyword', preselect: v === doc.default }));
  return [];
}

/** Types we have a schema for (the reference plugins, the common IPAMs) first, then the others. */
function withSchemasFirst(types: string[], kind: 'plugin' | 'ipam'): [string, ReturnType<typeof schemaFor>][] {
  const rank = (t: string) => (COMMON_TYPES.includes(t) ? 0 : schemaFor(t, kind) ? 1 : 2);
  return types
    .sort(
      (a, b) =>
        rank(a) - rank(b) || (rank(a) === 0 ? COMMON_TYPES.indexOf(a) - COMMON_TYPES.indexOf(b) : a.localeCompare(b)),
    )
    .map((t) => [t, schemaFor(t, kind)]);
}

/** What NADs for storage networks use most, in that order. */
const COMMON_TYPES = [
  'macvlan',
  'ipvlan',
  'host-device',
  'bridge',
  'vlan',
  'sriov',
  'whereabouts',
  'host-local',
  'static',
  'dhcp',
];

function typeDoc(description: string | undefined, docs: string | undefined): string | undefined {
  if (!description && !docs) return undefined;
  return [description, docs ? `[Documentation](${docs})` : undefined].filter(Boolean).join('\n\n');
}

/** An empty spec.config: whole configs from our NAD snippets, named after the NAD. */
function skeletons(text: string, d: DecodedScalar, offset: number, name: string): CompletionItemCore[] {
  const blockIndent = ' '.repeat(contentIndent(text, d));
  const out: CompletionItemCore[] = [];
  SNIPPETS.forEach((s, i) => {
    const m = /\n {2}config: \|\n([\s\S]*)$/.exec(s.body);
    if (!m || !s.body.startsWith('apiVersion: k8s.cni.cncf.io/v1') || s.body.includes('\n---')) return;
    const json = expandSnippet(m[1].replace(/^ {4}/gm, ''), { 1: name }).replace(/\s+$/, '');
    const multiLine = d.style === 'BLOCK_LITERAL';
    const insertText = encodeInPlace(multiLine ? json : compactJson(json), d.style, blockIndent);
    if (insertText === undefined) return;
    const label = s.name.replace(/^Multus NAD: /, '');
    out.push({
      label,
      kind: 'value',
      detail: 'CNI configuration',
      documentation: s.description,
      start: offset,
      end: offset,
      insertText,
      sortText: String(i).padStart(3, '0'),
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML: CephCluster network and the networks annotation (by line and indentation, so that
// half-typed YAML still completes).

interface LineContext {
  /** Keys of the enclosing mappings, outermost first. */
  path: string[];
  mode: 'key' | 'value';
  /** The key whose value is being typed (value mode). */
  key?: string;
  /** Start of what is being typed (key text, or the value after `key: `). */
  from: number;
  /** Quote that opens the value, if any. */
  quote?: string;
}

/** The keys completion offers under spec.network (the legacy hostNetwork is not offered). */
const NETWORK_FIELDS = networkFieldsUnder('').filter((f) => f.path !== 'hostNetwork');

export function lineContext(text: string, offset: number): LineContext | undefined {
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n') ls--;
  const prefix = text.slice(ls, offset);
  if (/#/.test(prefix.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  let indent: number;
  let ctx: LineContext;
  const value = /^([ \t]*(?:-[ \t]+)*)("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:[ \t]+(.*)$/.exec(prefix);
  const keyOnly = /^([ \t]*(?:-[ \t]+)*)([\w./-]*)$/.exec(prefix);
  if (value) {
    indent = value[1].length;
    const v = value[3];
    const quote = v[0] === '"' || v[0] === "'" ? v[0] : undefined;
    ctx = {
      path: [],
      mode: 'value',
      key: value[2].replace(/^["']|["']$/g, ''),
      from: offset - v.length + (quote ? 1 : 0),
      quote,
    };
  } else if (keyOnly) {
    indent = keyOnly[1].length;
    ctx = { path: [], mode: 'key', from: ls + keyOnly[1].length };
  } else return undefined;
  // Enclosing keys: lines above with less indentation that open a mapping (`key:` alone).
  let at = ls;
  let cur = indent;
  while (at > 0 && cur > 0) {
    const end = at - 1;
    let s = end;
    while (s > 0 && text[s - 1] !== '\n') s--;
    const line = text.slice(s, end);
    at = s;
    if (/^---/.test(line) || /^\.\.\./.test(line)) break;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const m =
      /^([ \t]*(?:-[ \t]+)*)("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:(?:[ \t]+[|>][-+0-9]*)?[ \t]*(?:#.*)?$/.exec(line);
    const lineIndent = /^[ \t]*/.exec(line)![0].length;
    if (lineIndent >= cur) continue;
    if (!m) break;
    ctx.path.unshift(m[2].replace(/^["']|["']$/g, ''));
    cur = m[1].length;
  }
  return ctx;
}

function yamlCompletions(workspace: Workspace, uri: string, text: string, offset: number): CompletionItemCore[] {
  const ctx = lineContext(text, offset);
  if (!ctx) return [];
  const analysis = workspace.get(uri)!;
  const doc = analysis.yaml ? documentAt(analysis.yaml, offset) : undefined;
  const root = doc?.contents;
  const kind = doc ? scalarString(getPath(root, ['kind'], doc)) : undefined;
  const namespace = doc ? scalarString(getPath(root, ['metadata', 'namespace'], doc)) : undefined;
  const p = ctx.path;
  const isCluster = (kind === 'CephCluster' && p[0] === 'spec') || p[0] === 'cephClusterSpec';
  const last = p[p.length - 1];
  const tokenEnd = (stops: RegExp) => {
    let e = offset;
    while (e < text.length && text[e] !== '\n' && !stops.test(text[e])) e++;
    return e;
  };
  if (isCluster && p.length === 2 && last === 'network') {
    if (ctx.mode === 'key') {
      const present = presentKeys(doc, [p[0], 'network']);
      return NETWORK_FIELDS.filter((f) => !present.includes(f.path)).map((f, i) => ({
        label: f.path,
        kind: 'property',
        documentation: f.summary,
        start: ctx.from,
        end: tokenEnd(/[\s:]/),
        insertText: `${f.path}: `,
        sortText: String(i),
      }));
    }
    const end = tokenEnd(ctx.quote ? new RegExp(ctx.quote) : /[\s#]/);
    if (ctx.key === 'provider') {
      return PROVIDER_VALUES.map(({ value: v, doc: docText }, i) => ({
        label: v,
        kind: 'enum',
        documentation: docText,
        start: ctx.from,
        end,
        insertText: ctx.quote && v === '""' ? '' : v,
        sortText: String(i),
      }));
    }
    if (ctx.key === 'ipFamily')
      return IP_FAMILIES.map((v, i) => ({
        label: v,
        kind: 'enum',
        start: ctx.from,
        end,
        insertText: v,
        sortText: String(i),
      }));
    return [];
  }
  if (isCluster && p.length === 3 && p[1] === 'network' && last === 'selectors') {
    if (ctx.mode === 'key') {
      const present = presentKeys(doc, [p[0], 'network', 'selectors']);
      return networkFieldsUnder('selectors')
        .map((f) => [f.path.slice('selectors.'.length), f.summary])
        .filter(([k]) => !present.includes(k))
        .map(([k, docText], i) => ({
          label: k,
          kind: 'property' as const,
          documentation: docText,
          start: ctx.from,
          end: tokenEnd(/[\s:]/),
          insertText: `${k}: `,
          sortText: String(i),
        }));
    }
    const end = tokenEnd(ctx.quote ? new RegExp(ctx.quote) : /[\s#]/);
    return nadItems(workspace, namespace, ctx.from, end);
  }
  if (ctx.mode === 'value' && ctx.key === NETWORKS_ANNOTATION && last === 'annotations') {
    // The entry under the cursor in a comma list: `[ns/]name` is replaced, `@iface` stays.
    let from = ctx.from;
    const comma = text.lastIndexOf(',', offset - 1);
    if (comma >= from) from = comma + 1;
    while (from < offset && text[from] === ' ') from++;
    if (/[[{"]/.test(text.slice(ctx.from, offset)) && ctx.quote !== '"') return [];
    const end = tokenEnd(ctx.quote ? new RegExp(`[,@${ctx.quote}]`) : /[,@\s#]/);
    return nadItems(workspace, namespace, from, end);
  }
  return [];
}

function presentKeys(doc: { contents: unknown } | undefined, path: string[]): string[] {
  if (!doc) return [];
  const node = getPath(doc.contents, path, doc as never) as { items?: { key?: { value?: unknown } }[] } | undefined;
  return (node?.items ?? []).map((i) => String(i.key?.value));
}

/** NAD names for a reference from `namespace`: bare when the name resolves there, qualified otherwise. */
function nadItems(
  workspace: Workspace,
  namespace: string | undefined,
  start: number,
  end: number,
): CompletionItemCore[] {
  const seen = new Set<string>();
  const out: CompletionItemCore[] = [];
  const nads = [...workspace.index.allNads()].sort((a, b) => qualified(a).localeCompare(qualified(b)));
  for (const n of nads) {
    const local = n.namespace === undefined || namespace === undefined || n.namespace === namespace;
    const label = local ? n.name : qualified(n);
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({
      label,
      kind: 'reference',
      detail: detailOf(n),
      documentation: nadSummary(workspace, n),
      start,
      end,
      insertText: label,
      sortText: `${local ? 0 : 1}${label}`,
    });
  }
  return out.sort((a, b) => a.sortText!.localeCompare(b.sortText!));
}

function detailOf(n: NadEntry): string {
  const f = n.facts;
  const parts = [
    f.isList ? `plugins: ${f.pluginTypes.join(', ')}` : f.mainType,
    f.ipamTypes.join('/'),
    f.ranges.map((r) => r.network).join(', '),
  ].filter((s) => s);
  return `NetworkAttachmentDefinition${parts.length ? ` (${parts.join(' · ')})` : ''}`;
}
