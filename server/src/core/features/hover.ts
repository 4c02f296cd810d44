// Hover: CNI and IPAM fields inside spec.config (schema descriptions, type, allowed values, docs
// link), plugin and IPAM type values, a selector or annotation entry (the NAD it resolves to:
// type, master, IPAM, range, file) and a NAD's metadata.name (who uses it).
import { findNodeAtOffset, getLocation, Node as JsonNode, parse as parseLoose, parseTree } from 'jsonc-parser';
import { describeAt, FieldDoc, schemaFor } from '../cni/schemaRegistry';
import { valueOffsetAt } from '../embedded/scalarSource';
import { symbolAt } from '../index/symbolAt';
import { declaredHere, NadEntry, qualified } from '../index/workspaceIndex';
import { providerLabel } from '../yaml/providers';
import type { RefSite } from '../ref/fileRefs';
import { isMap, isScalar } from 'yaml';
import { networkFieldDoc, NetworkFieldDoc, PROVIDER_VALUES, ROOK_NETWORK_DOCS } from '../rook/networkDocs';
import { DEFAULT_NETWORK_ANNOTATION } from '../yaml/k8sObjects';
import type { ClusterObject } from '../yaml/objects';
import type { Workspace } from '../workspace';

export interface HoverResult {
  /** Offsets into the analysis text. */
  start: number;
  end: number;
  markdown: string;
}

export function hoverAt(workspace: Workspace, uri: string, offset: number): HoverResult | undefined {
  const analysis = workspace.get(uri);
  if (!analysis) return undefined;
  const sym = symbolAt(workspace, uri, offset);
  if (sym?.kind === 'ref') return { start: sym.start, end: sym.end, markdown: refHover(workspace, sym.ref) };
  if (sym?.kind === 'nad') return { start: sym.start, end: sym.end, markdown: usersHover(workspace, sym.nad) };
  for (const cluster of analysis.objects.clusters) {
    const h = networkHover(cluster, offset);
    if (h) return h;
  }
  for (const nad of [...analysis.nads, ...analysis.providerNads]) {
    const d = nad.decoded;
    if (d) {
      if (offset < d.sourceStart || offset > d.sourceEnd) continue;
      const j = valueOffsetAt(d, offset);
      if (j === undefined) return undefined;
      return jsonHover(d.value, j, (s, e) => d.rangeToSource(s, e));
    }
    // A config an operator renders: hover the JSON the user's characters became.
    const map = nad.renderMap;
    const j = map?.renderedOffsetAt(offset);
    if (map && j !== undefined) return jsonHover(map.value, j, (s, e) => map.userRange(s, e));
  }
  return undefined;
}

/** Field or value documentation at offset `j` of a CNI config; `toSource` maps JSON ranges to the file. */
function jsonHover(
  json: string,
  j: number,
  toSource: (start: number, end: number) => [number, number] | undefined,
): HoverResult | undefined {
  const tree = parseTree(json, [], { allowTrailingComma: true });
  const node = tree && findNodeAtOffset(tree, j, false);
  if (!node || (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean' && node.type !== 'null'))
    return undefined;
  const config = parseLoose(json, [], { allowTrailingComma: true }) as unknown;
  const path = getLocation(json, j).path;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const span = toSource(node.offset, node.offset + node.length);
  if (!span) return undefined;
  const markdown = isKey ? fieldHover(config, path) : valueHover(config, path, node);
  return markdown ? { start: span[0], end: span[1], markdown } : undefined;
}

function fieldHover(config: unknown, path: (string | number)[]): string | undefined {
  const doc = describeAt(config, path);
  return doc ? docMarkdown(doc) : undefined;
}

function valueHover(config: unknown, path: (string | number)[], node: JsonNode): string | undefined {
  const key = path[path.length - 1];
  if (key === 'type' && node.type === 'string') {
    const underIpam = path.slice(0, -1).some((s) => String(s).toLowerCase() === 'ipam');
    const s = schemaFor(String(node.value), underIpam ? 'ipam' : 'plugin');
    if (s)
      return [
        `**${node.value}**${underIpam ? ' IPAM' : ''} — ${underIpam ? 'IPAM plugin' : 'CNI plugin'}`,
        s.description,
        s['x-docs'] ? `[Documentation](${s['x-docs']})` : undefined,
      ]
        .filter(Boolean)
        .join('\n\n');
  }
  return fieldHover(config, path);
}

/** A key of a CephCluster's spec.network (or Helm values' cephClusterSpec.network), or a provider value. */
function networkHover(cluster: ClusterObject, offset: number): HoverResult | undefined {
  const base = cluster.source === 'helm' ? 'cephClusterSpec.network' : 'spec.network';
  const walk = (map: unknown, path: string): HoverResult | undefined => {
    if (!isMap(map)) return undefined;
    for (const pair of map.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
      const p = path ? `${path}.${key.value}` : key.value;
      const [ks, ke] = key.range;
      if (offset >= ks && offset <= ke) {
        const doc = networkFieldDoc(p);
        return doc ? { start: ks, end: ke, markdown: networkFieldMarkdown(`${base}.${p}`, doc) } : undefined;
      }
      const v = pair.value;
      if (p === 'provider' && isScalar(v) && v.range && offset >= v.range[0] && offset <= v.range[1]) {
        const written = v.value === '' || v.value === null ? '""' : String(v.value);
        const known = PROVIDER_VALUES.find((x) => x.value === written);
        if (!known) return undefined;
        return { start: v.range[0], end: v.range[1], markdown: `**provider: ${written}**\n\n${known.doc}` };
      }
      if (isMap(v) && v.range && offset >= v.range[0] && offset <= v.range[1]) return walk(v, p);
    }
    return undefined;
  };
  const n = cluster.networkNode;
  if (!isMap(n) || !n.range || offset < n.range[0] || offset > n.range[1]) return undefined;
  return walk(n, '');
}

function networkFieldMarkdown(fullPath: string, doc: NetworkFieldDoc): string {
  return [
    `**${doc.path.slice(doc.path.lastIndexOf('.') + 1)}** — CephCluster \`${fullPath}\``,
    doc.summary,
    doc.detail,
    `[Rook: network providers](${ROOK_NETWORK_DOCS})`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Markdown documentation of one field, shared by hover and completion. */
export function docMarkdown(f: FieldDoc): string {
  const head = `**${f.name}**${f.type ? ` \`${f.type}\`` : ''} — ${f.owner}`;
  const lines = [head];
  if (f.reserved) lines.push('_Produced by the container runtime; do not write it in a config._');
  if (f.description) lines.push(f.description);
  const facts: string[] = [];
  if (f.enum?.length) facts.push(`Allowed: ${f.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  if (f.default !== undefined) facts.push(`Default: \`${JSON.stringify(f.default)}\``);
  if (f.minimum !== undefined || f.maximum !== undefined)
    facts.push(`Range: ${f.minimum ?? '…'} to ${f.maximum ?? '…'}`);
  if (f.examples?.length) facts.push(`Example: ${f.examples.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  if (facts.length) lines.push(facts.join(' · '));
  if (f.docsUrl) lines.push(`[Documentation](${f.docsUrl})`);
  return lines.join('\n\n');
}

const fileLink = (workspace: Workspace, uri: string, start: number): string => {
  const a = workspace.get(uri);
  const line = a ? a.lines.positionAt(start).line + 1 : 1;
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return `[${name}:${line}](${uri}#L${line})`;
};

/** What a NAD is, in a few lines of markdown (for hovers and completion documentation). */
export function nadSummary(workspace: Workspace, n: NadEntry): string {
  const f = workspace.index.factsOf(n);
  const p = n.nad.provider;
  const rows: string[] = [
    `**NetworkAttachmentDefinition \`${qualified(n)}\`**${n.namespace ? '' : p?.everyNamespace ? ' (in every namespace the selector matches)' : ' (no metadata.namespace)'}`,
  ];
  if (p) rows.push(`- rendered by the operator from ${providerLabel(p, n.name).replace(/"([^"]*)"/g, '`$1`')}`);
  const ext = n.analysis.external;
  if (ext) {
    rows.push('- exists outside these files (externalNetworks of the configuration file)');
    if (ext.type) rows.push(`- type: \`${ext.type}\``);
    if (ext.range) rows.push(`- range: \`${ext.range}\``);
  } else if (f.known) {
    const type = f.isList
      ? `plugin list: ${f.pluginTypes.map((t) => `\`${t}\``).join(' → ')}`
      : f.mainType
        ? `\`${f.mainType}\``
        : '—';
    rows.push(`- type: ${type}`);
    if (f.master) rows.push(`- master: \`${f.master}\``);
    rows.push(`- IPAM: ${f.ipamTypes.length ? f.ipamTypes.map((t) => `\`${t}\``).join(', ') : 'none (no IP address)'}`);
    if (f.ranges.length)
      rows.push(
        `- range: ${f.ranges.map((r) => `\`${r.text}\`${r.source ? ` (${r.source.what.replace(/"([^"]*)"/g, '`$1`')})` : ''}`).join(', ')}`,
      );
  } else rows.push('- config: not readable (empty, not a string, or not a JSON object)');
  const r = declaredHere(n);
  rows.push(`- file: ${fileLink(workspace, n.uri, r.start)}`);
  return rows.join('\n');
}

function refHover(workspace: Workspace, ref: RefSite): string {
  const res = workspace.index.resolve(ref);
  const what =
    ref.site.origin === 'selector'
      ? `Selector \`${ref.site.selectorKey}\``
      : ref.site.origin === 'networkName'
        ? `${ref.site.vm?.workloadKind ?? 'VirtualMachine'} network \`${ref.site.vm?.networkName ?? ''}\``
        : ref.site.annotation?.key === DEFAULT_NETWORK_ANNOTATION
          ? 'Default-network annotation'
          : 'Networks annotation entry';
  const target = `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  if (!res.candidates.length) {
    // The diagnostic on these characters already says that the NAD is missing and what to do: the
    // hover adds what it does not say (what the selector is for, which NADs the namespace has).
    const doc = ref.site.origin === 'selector' ? networkFieldDoc(`selectors.${ref.site.selectorKey}`) : undefined;
    return [`${what} → \`${target}\` (not in the workspace)`, doc?.summary, namespaceNads(workspace, ref.namespace)]
      .filter(Boolean)
      .join('\n\n');
  }
  const head =
    res.candidates.length > 1
      ? `${what} → \`${target}\` (${res.candidates.length} candidates: the namespace is not known here)`
      : `${what} → \`${target}\``;
  return [head, ...res.candidates.map((n) => nadSummary(workspace, n))].join('\n\n');
}

/** The NADs the workspace has in `namespace` (any namespace when undefined), as one line. */
function namespaceNads(workspace: Workspace, namespace: string | undefined): string {
  const names: string[] = [];
  for (const n of workspace.index.allNads())
    if (namespace === undefined || n.namespace === namespace || n.namespace === undefined) names.push(qualified(n));
  const unique = [...new Set(names)].sort();
  const where = namespace === undefined ? 'the workspace' : `namespace \`${namespace}\``;
  if (!unique.length) return `No NetworkAttachmentDefinition in ${where}.`;
  const shown = unique.slice(0, 10).map((q) => `\`${q}\``);
  return `NetworkAttachmentDefinitions in ${where}: ${shown.join(', ')}${unique.length > 10 ? `, and ${unique.length - 10} more` : ''}.`;
}

function usersHover(workspace: Workspace, nad: NadEntry): string {
  const refs = workspace.index.referencesTo(nad);
  const head = nadSummary(workspace, nad);
  if (!refs.length)
    return `${head}\n\nNot used by any CephCluster selector, pod networks annotation or KubeVirt network in the workspace.`;
  const rows = refs
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.entryStart - b.entryStart))
    .map((r) => {
      if (r.site.origin === 'selector') {
        const c = r.site.cluster;
        const owner =
          c?.source === 'helm'
            ? 'Helm values (cephClusterSpec)'
            : `CephCluster \`${c?.namespace ? `${c.namespace}/` : ''}${c?.name ?? '?'}\``;
        return `- ${owner} — \`${r.site.selectorKey}\` selector (${fileLink(workspace, r.uri, r.entryStart)})`;
      }
      if (r.site.origin === 'networkName') {
        const v = r.site.vm;
        return `- ${v?.workloadKind ?? 'VirtualMachine'} \`${v?.namespace ? `${v.namespace}/` : ''}${v?.name ?? '?'}\` — multus network${v?.isDefault ? ' (default)' : ''} (${fileLink(workspace, r.uri, r.entryStart)})`;
      }
      const a = r.site.annotation;
      const which = a?.key === DEFAULT_NETWORK_ANNOTATION ? 'default-network annotation' : 'networks annotation';
      return `- ${a?.workloadKind ?? 'Pod'} \`${a?.namespace ? `${a.namespace}/` : ''}${a?.name ?? '?'}\` — ${which} (${fileLink(workspace, r.uri, r.entryStart)})`;
    });
  return `${head}\n\n**Used by**\n${rows.join('\n')}`;
}
