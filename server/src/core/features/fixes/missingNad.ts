// Fixes for a reference to a NAD the workspace does not have (a CephCluster selector, a pod
// annotation, a KubeVirt network):
// - "Create NetworkAttachmentDefinition": a new file, in the folder where the workspace's NADs live
//   (else next to the referring file), named after the reference, from our macvlan + whereabouts
//   snippet, with a range that overlaps no NAD range and no CephCluster addressRanges of the
//   workspace (inside the cluster's own addressRanges for that network when it has them), in the IP
//   family Ceph binds. It leaves no new error or warning behind.
// - "Declare as external": the name goes into externalNetworks of the configuration file that
//   governs the referring file (a new .multus-networks.yaml at the workspace root when there is
//   none); the rest of that file stays byte for byte.
import { Document, isMap, isScalar, isSeq, Node, parseDocument } from 'yaml';
import { CONFIG_FILE_NAMES, parseConfigFile } from '../../config/configFile';
import type { TextEdit } from '../../edits';
import { cidrsOverlap, type Cidr, type Family, parseCidr } from '../../net/ip';
import type { RefSite } from '../../ref/fileRefs';
import { networkView } from '../../rook/networkView';
import type { Problem } from '../../types';
import type { Workspace } from '../../workspace';
import { expandSnippet, snippetByPrefix } from './snippets';
import type { Fix, FixContext } from './types';

const dirOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/') + 1);

/** `target` relative to the folder `fromDir` (both URIs; folders end in '/'). */
function relativePath(fromDir: string, target: string): string {
  const a = fromDir.split('/').slice(0, -1);
  const b = target.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return decodeURIComponent([...a.slice(i).map(() => '..'), ...b.slice(i)].join('/'));
}

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * The folder for a new NAD: the one holding most of the workspace's NAD manifests in `namespace`
 * (else of all its NAD manifests); on a tie the one nearest the referring file. Without any NAD
 * manifest: the referring file's folder.
 */
export function nadFolder(ws: Workspace, namespace: string | undefined, fromUri: string): string {
  const manifests = [...ws.index.allNads()].filter(
    (n) => !n.analysis.external && !n.nad.provider && !ws.get(n.uri)?.actions?.length,
  );
  const inNs = manifests.filter((n) => namespace !== undefined && n.namespace === namespace);
  const pool = inNs.length ? inNs : manifests;
  if (!pool.length) return dirOf(fromUri);
  const counts = new Map<string, number>();
  for (const n of pool) counts.set(dirOf(n.uri), (counts.get(dirOf(n.uri)) ?? 0) + 1);
  return [...counts].sort(
    ([da, ca], [db, cb]) => cb - ca || commonPrefix(db, fromUri) - commonPrefix(da, fromUri) || da.localeCompare(db),
  )[0][0];
}

/** Every range the workspace already uses: NAD ranges (manifests, operators, external) and addressRanges. */
function usedRanges(ws: Workspace): Cidr[] {
  const out: Cidr[] = [];
  for (const n of ws.index.allNads()) for (const r of ws.index.factsOf(n).ranges) out.push(r.cidr);
  for (const c of ws.index.clusters()) {
    const v = networkView(c.cluster);
    if (!v) continue;
    for (const key of ['public', 'cluster'] as const)
      for (const e of v.addressRanges[key].entries) if (e.cidr) out.push(e.cidr);
  }
  return out;
}

/**
 * A range for the new NAD. When the referring CephCluster names addressRanges for this network,
 * the first of them that no NAD uses yet (Rook then finds the NAD's addresses where Ceph binds);
 * else the first /24 (IPv4) or /64 (IPv6, Ceph binding IPv6 only) of a private block that overlaps
 * nothing in the workspace.
 */
export function freeRange(ws: Workspace, ref: RefSite): string | undefined {
  const used = usedRanges(ws);
  const cluster = ref.site.cluster;
  const v = cluster ? networkView(cluster) : undefined;
  const family: Family = v?.boundFamily ?? 4;
  const key = ref.site.selectorKey;
  if (v && (key === 'public' || key === 'cluster')) {
    const nadRanges = [...ws.index.allNads()].flatMap((n) => ws.index.factsOf(n).ranges.map((r) => r.cidr));
    for (const e of v.addressRanges[key].entries) {
      const c = e.cidr;
      if (c && c.family === family && !nadRanges.some((r) => cidrsOverlap(r, c))) return c.network.text;
    }
  }
  const candidates: string[] = [];
  if (family === 4) {
    for (let x = 20; x < 256; x++) candidates.push(`192.168.${x}.0/24`);
    for (let x = 0; x < 256; x++) candidates.push(`10.${x}.0.0/24`);
  } else for (let x = 0x20; x < 0x1000; x++) candidates.push(`fd00:0:0:${x.toString(16)}::/64`);
  return candidates.find((t) => {
    const c = parseCidr(t)!;
    return !used.some((u) => cidrsOverlap(u, c));
  });
}

/** "Create NetworkAttachmentDefinition ns/name in folder/name.yaml". */
export function createNadFix(ctx: FixContext, problem: Problem, ref: RefSite): Fix[] {
  const ws = ctx.workspace;
  const snippet = snippetByPrefix('nad-macvlan');
  if (!ws || !snippet) return [];
  const namespace = ref.namespace ?? ref.preferredNamespace;
  const range = freeRange(ws, ref);
  if (!range) return [];
  let text = expandSnippet(snippet.body, { 1: ref.name, 2: namespace ?? '', 5: range });
  if (!namespace) text = text.replace(/^ {2}namespace: *\n/m, '');
  const dir = nadFolder(ws, namespace, ctx.uri);
  const exists = ctx.exists ?? ((u: string) => !!ws.get(u));
  let uri = `${dir}${ref.name}.yaml`;
  for (let i = 2; exists(uri) && i < 100; i++) uri = `${dir}${ref.name}-${i}.yaml`;
  if (exists(uri)) return [];
  return [
    {
      title: `Create NetworkAttachmentDefinition "${namespace ? `${namespace}/` : ''}${ref.name}" in ${relativePath(dirOf(ctx.uri), uri)}`,
      kind: 'quickfix',
      problem,
      change: { edits: new Map(), creates: [{ uri, text: text.endsWith('\n') ? text : `${text}\n` }] },
      open: uri,
    },
  ];
}

/**
 * The insertion that adds `entry` to externalNetworks of a configuration file's text, or undefined
 * when the file is not a readable mapping. Only inserts: every other byte stays as it is.
 */
export function addExternalNetwork(text: string, entry: string): TextEdit | undefined {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true });
  } catch {
    return undefined;
  }
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const atEnd = (): TextEdit => {
    const sep = text === '' || text.endsWith('\n') ? '' : nl;
    return { start: text.length, end: text.length, newText: `${sep}externalNetworks:${nl}  - ${entry}${nl}` };
  };
  if (root === null || (isScalar(root) && root.value === null)) return atEnd();
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'externalNetworks');
  if (!pair) {
    if (root.flow) return undefined;
    return atEnd();
  }
  const value = pair.value as Node | null;
  const lineEnd = (at: number) => {
    let e = at;
    while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
    return e;
  };
  if (isSeq(value) && value.range) {
    if (value.flow) {
      let close = value.range[1] - 1;
      while (close > value.range[0] && text[close] !== ']') close--;
      if (text[close] !== ']') return undefined;
      return { start: close, end: close, newText: value.items.length ? `, ${entry}` : entry };
    }
    const first = value.items[0] as Node | undefined;
    const last = value.items[value.items.length - 1] as Node | undefined;
    if (!first?.range || !last?.range) return undefined;
    let dash = first.range[0] - 1;
    while (dash > 0 && text[dash] !== '-') dash--;
    let ls = dash;
    while (ls > 0 && text[ls - 1] !== '\n') ls--;
    const indent = text.slice(ls, dash);
    if (!/^[ ]*$/.test(indent)) return undefined;
    const at = lineEnd(Math.max(last.range[1] - 1, last.range[0]));
    return { start: at, end: at, newText: `${nl}${indent}- ${entry}` };
  }
  if (value === null || (isScalar(value) && value.value === null)) {
    const key = pair.key as Node;
    if (isScalar(value) && value.range && value.range[1] > value.range[0])
      return { start: value.range[0], end: value.range[1], newText: `[${entry}]` };
    const at = lineEnd(key.range![1]);
    let ks = key.range![0];
    while (ks > 0 && text[ks - 1] !== '\n') ks--;
    return { start: at, end: at, newText: `${nl}${text.slice(ks, key.range![0])}  - ${entry}` };
  }
  return undefined;
}

/** "Declare "ns/name" as external in .multus-networks.yaml". */
export function declareExternalFix(ctx: FixContext, problem: Problem, ref: RefSite): Fix[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  const entry = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  const config = ws.configFor(ctx.uri);
  const title = (uri: string) =>
    `Declare "${entry}" as an external NetworkAttachmentDefinition in ${relativePath(dirOf(ctx.uri), uri)}`;
  if (config) {
    const edit = addExternalNetwork(config.text, entry);
    if (!edit) return [];
    const after = config.text.slice(0, edit.start) + edit.newText + config.text.slice(edit.end);
    const before = parseConfigFile(config.text);
    const parsed = parseConfigFile(after);
    if (parsed.problems.length > before.problems.length) return [];
    if (!parsed.externalNetworks.some((e) => e.name === ref.name && e.namespace === ref.namespace)) return [];
    return [
      {
        title: title(config.uri),
        kind: 'quickfix',
        problem,
        change: { edits: new Map([[config.uri, [edit]]]), creates: [] },
      },
    ];
  }
  // No configuration file: a new one where it governs the whole workspace folder.
  const root = ctx.roots?.filter((r) => ctx.uri.startsWith(r)).sort((a, b) => a.length - b.length)[0];
  const dir = root ? (root.endsWith('/') ? root : `${root}/`) : commonFolder([...ws.uris()]);
  const uri = `${dir}${CONFIG_FILE_NAMES[0]}`;
  const exists = ctx.exists ?? ((u: string) => !!ws.get(u));
  if (exists(uri)) return [];
  return [
    {
      title: title(uri),
      kind: 'quickfix',
      problem,
      change: { edits: new Map(), creates: [{ uri, text: `externalNetworks:\n  - ${entry}\n` }] },
    },
  ];
}

/** The deepest folder that holds every URI. */
function commonFolder(uris: string[]): string {
  let prefix = dirOf(uris[0] ?? 'file:///');
  for (const u of uris) while (!u.startsWith(prefix)) prefix = dirOf(prefix.slice(0, -1));
  return prefix;
}
