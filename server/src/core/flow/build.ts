// Builds the replication-flow model of CephClusters from the workspace (see model.ts).
import type { FileAnalysis } from '../analyze';
import { networkView, NetworkView, selectionOf } from '../rook/networkView';
import type { Workspace } from '../workspace';
import { atLeast } from '../rook/version';
import { CEPH_SERVICE_DAEMONS, type ClusterObject, type PoolObject } from '../yaml/objects';
import { mapGet } from '../yaml/yamlFile';
import { isSeq } from 'yaml';
import type { ClusterModel, FlowLocation, FlowNetwork, FlowProblem, NadInfo, Role, WriteShape } from './model';
import { indexResolver, NadCandidate, NadResolver } from './resolve';

/** Rook's default `replicated.size`, drawn when the cluster has no CephBlockPool. */
export const DEFAULT_REPLICA_SIZE = 3;

function sortedFiles(workspace: Workspace): FileAnalysis[] {
  return [...workspace.all()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** The models of the clusters (CephCluster or `cephClusterSpec`) in one file, in file order. */
export function clusterModelsOf(
  workspace: Workspace,
  uri: string,
  resolver: NadResolver = indexResolver(workspace),
): ClusterModel[] {
  const file = workspace.get(uri);
  if (!file) return [];
  return file.objects.clusters.map((c, i) => buildClusterModel(workspace, file, c, i, resolver));
}

/** The models of every cluster of the workspace, files in URI order. */
export function allClusterModels(
  workspace: Workspace,
  resolver: NadResolver = indexResolver(workspace),
): ClusterModel[] {
  return sortedFiles(workspace).flatMap((f) =>
    f.objects.clusters.map((c, i) => buildClusterModel(workspace, f, c, i, resolver)),
  );
}

/**
 * The clusters to show for a file: its own, or, for a file without clusters (a NAD file), the
 * clusters of the workspace whose selectors resolve to one of its NADs.
 */
export function clusterModelsFor(workspace: Workspace, uri: string): { models: ClusterModel[]; related: boolean } {
  const resolver = indexResolver(workspace);
  const own = clusterModelsOf(workspace, uri, resolver);
  if (own.length || !workspace.get(uri)) return { models: own, related: false };
  const models = allClusterModels(workspace, resolver).filter(
    (m) => m.public.nad?.uri === uri || m.cluster.nad?.uri === uri,
  );
  return { models, related: models.length > 0 };
}

/** Whether clusterModelsFor would draw something for the file, without building the models. */
export function hasFlow(workspace: Workspace, uri: string): boolean {
  const file = workspace.get(uri);
  if (!file) return false;
  if (file.objects.clusters.length) return true;
  if (!file.objects.nads.length && !file.objects.providers.length) return false;
  const resolver = indexResolver(workspace);
  for (const f of workspace.all())
    for (const c of f.objects.clusters)
      for (const role of ['public', 'cluster'] as const)
        if (resolver(f, c, role)?.matches[0]?.file.uri === uri) return true;
  return false;
}

function location(
  file: FileAnalysis,
  span: readonly [number, number] | readonly number[] | undefined | null,
): FlowLocation | undefined {
  if (!span) return undefined;
  return { uri: file.uri, range: { start: file.lines.positionAt(span[0]), end: file.lines.positionAt(span[1]) } };
}

export function buildClusterModel(
  workspace: Workspace,
  file: FileAnalysis,
  cluster: ClusterObject,
  index: number,
  resolver: NadResolver,
): ClusterModel {
  const view = networkView(cluster);
  const provider = view ? view.provider : '';
  const problems: FlowProblem[] = [];
  const targets: Record<string, FlowLocation> = {};
  const put = (id: string, loc: FlowLocation | undefined) => {
    if (loc && !targets[id]) targets[id] = loc;
  };
  const clusterLoc = location(file, cluster.anchor);
  put('cephcluster', clusterLoc);
  const networkLoc = location(file, cluster.networkNode?.range ?? cluster.networkPair?.key?.range) ?? clusterLoc;
  const selectorLoc = (role: Role) => (view ? location(file, selectionOf(view, role)?.range) : undefined);

  const multus = provider === 'multus';
  const host = provider === 'host' || (provider === '' && !!view?.hostNetwork);
  let pub: FlowNetwork;
  let cl: FlowNetwork;
  if (multus) {
    pub = selected(view!, 'public', file, cluster, resolver, problems) ?? { role: 'public', kind: 'pod' };
    cl = selected(view!, 'cluster', file, cluster, resolver, problems) ?? { role: 'cluster', kind: 'fallback' };
    if (pub.kind === 'pod' && cl.kind === 'fallback') {
      problems.push({
        severity: 'warning',
        message:
          'provider is multus but no public or cluster selector is set: all Ceph traffic stays on the pod network.',
        roles: ['public', 'cluster'],
        target: 'network',
        rule: 'rook/multus-without-selectors',
      });
    }
    if (pub.nad && cl.nad && sameNad(pub, cl)) {
      problems.push({
        severity: 'warning',
        message: `public and cluster select the same NAD ${pub.ref}: replication shares the client network, so nothing is separated.`,
        roles: ['cluster'],
        target: 'cluster',
        rule: 'rook/same-network',
      });
    }
  } else {
    const kind = host ? 'host' : 'pod';
    pub = { role: 'public', kind };
    cl = { role: 'cluster', kind };
    if (provider === undefined || !['', 'host'].includes(provider)) {
      problems.push({
        severity: 'warning',
        message: `Unknown network provider ${JSON.stringify(provider ?? null)}: drawn as the pod network (use multus, host, or leave it empty).`,
        roles: [],
        target: 'network',
        rule: 'rook/unknown-provider',
      });
    }
    const written = view && (['public', 'cluster'] as const).filter((r) => selectionOf(view, r));
    if (written && written.length) {
      problems.push({
        severity: 'warning',
        message: `Selectors are set but ignored: Rook reads them only with provider multus (here: ${host ? 'host network' : 'pod network'}).`,
        roles: [],
        target: 'network',
        rule: 'rook/selectors-without-multus',
      });
    }
  }
  put('network', networkLoc);

  for (const [role, net] of [
    ['public', pub],
    ['cluster', cl],
  ] as const) {
    const sel = selectorLoc(role);
    if (net.nad) put(role, nadLocation(workspace, net.nad));
    put(role, sel);
  }
  put('cluster', view ? location(file, view.selectorsPair?.key?.range) : undefined);
  put('public', networkLoc);
  put('cluster', networkLoc);
  put('osd', selectorLoc('cluster'));
  put('osd', targets.cluster);
  put('client', selectorLoc('public'));
  put('client', targets.public);
  put('daemons', targets.client);
  alignWithEditor(workspace, file, problems, targets);
  problems.forEach((p, i) => {
    const loc = p.target ? targets[p.target] : undefined;
    if (loc) {
      targets[`problem_${i}`] = loc;
      p.target = `problem_${i}`;
    } else delete p.target;
  });

  return {
    index,
    uri: file.uri,
    ...(cluster.name !== undefined ? { name: cluster.name } : {}),
    ...(cluster.namespace !== undefined ? { namespace: cluster.namespace } : {}),
    source: cluster.source,
    ...(provider !== undefined ? { provider } : {}),
    public: pub,
    cluster: cl,
    writes: writeShapes(poolsOf(workspace, cluster)),
    daemons: daemonsOf(workspace, cluster),
    csiNetwork: multus && !atLeast(workspace.settingsFor(file.uri).rookVersion, '1.16') ? 'public' : 'host',
    problems,
    targets,
  };
}

/**
 * A problem that is also an editor diagnostic (same rule, on the same characters) takes the
 * diagnostic's severity, so the preview never calls an error what the Problems panel calls a
 * warning (user severity overrides included).
 */
function alignWithEditor(
  workspace: Workspace,
  file: FileAnalysis,
  problems: FlowProblem[],
  targets: Record<string, FlowLocation>,
): void {
  if (!problems.some((p) => p.rule)) return;
  const editor = workspace.problemsFor(file.uri);
  for (const p of problems) {
    if (!p.rule) continue;
    const at = p.target ? targets[p.target] : undefined;
    const span =
      at && at.uri === file.uri ? [file.lines.offsetAt(at.range.start), file.lines.offsetAt(at.range.end)] : undefined;
    const hit = editor.find((d) => d.code === p.rule && (!span || (d.start <= span[1] && d.end >= span[0])));
    if (hit) p.severity = hit.severity === 'hint' ? 'info' : hit.severity;
  }
}

const DAEMON_ORDER = Object.values(CEPH_SERVICE_DAEMONS);

/**
 * mon and mgr, then the daemons of the cluster's CephFilesystems, CephObjectStores, ... (same
 * namespace, or either without one). Helm values: the rook-ceph-cluster chart creates a filesystem
 * and an object store unless `cephFileSystems` / `cephObjectStores` are set to an empty list.
 */
export function daemonsOf(workspace: Workspace, cluster: ClusterObject): string[] {
  const found = new Set<string>();
  for (const f of workspace.all()) {
    for (const s of f.objects.services ?? []) {
      if (s.namespace === cluster.namespace || s.namespace === undefined || cluster.namespace === undefined)
        found.add(CEPH_SERVICE_DAEMONS[s.crKind]);
    }
  }
  if (cluster.source === 'helm' && cluster.valuesNode) {
    for (const [key, daemon] of [
      ['cephFileSystems', 'mds'],
      ['cephObjectStores', 'rgw'],
    ] as const) {
      const v = mapGet(cluster.valuesNode, key, cluster.doc);
      if (!(isSeq(v) && v.items.length === 0)) found.add(daemon);
    }
  }
  return ['mon', 'mgr', ...DAEMON_ORDER.filter((d) => found.has(d))];
}

function sameNad(a: FlowNetwork, b: FlowNetwork): boolean {
  return (
    !!a.nad && !!b.nad && a.nad.uri === b.nad.uri && a.nad.name === b.nad.name && a.nad.namespace === b.nad.namespace
  );
}

/** The network a selector picks, or undefined when the selector is not set. */
function selected(
  view: NetworkView,
  role: Role,
  file: FileAnalysis,
  cluster: ClusterObject,
  resolver: NadResolver,
  problems: FlowProblem[],
): FlowNetwork | undefined {
  const node = selectionOf(view, role);
  if (!node) return undefined;
  const selector = node.value as string;
  const res = resolver(file, cluster, role);
  if (!res) {
    problems.push({
      severity: 'error',
      message: `The ${role} selector ${JSON.stringify(selector)} is not a NAD reference ([namespace/]name).`,
      roles: [role],
      target: role,
      rule: 'rook/invalid-selector',
    });
    return { role, kind: 'missing', selector };
  }
  const ref = `${res.namespace ? `${res.namespace}/` : ''}${res.ref.name}`;
  const best = res.matches[0];
  if (!best) {
    problems.push({
      severity: 'warning',
      message: `No NetworkAttachmentDefinition ${ref} in the workspace: pods of this cluster cannot start on the ${role} network.`,
      roles: [role],
      target: role,
      rule: 'rook/selector-not-found',
    });
    return { role, kind: 'missing', selector, ref };
  }
  return { role, kind: 'nad', selector, ref, nad: nadInfo(best) };
}

function nadInfo(c: NadCandidate): NadInfo {
  const s = c.analysis?.cni?.summary;
  return {
    name: c.nad.name ?? '',
    ...(c.nad.namespace !== undefined ? { namespace: c.nad.namespace } : {}),
    uri: c.file.uri,
    ...(s?.mainType !== undefined ? { pluginType: s.mainType } : {}),
    ...(s?.master !== undefined ? { master: s.master } : {}),
    ...(s?.ipamTypes[0] !== undefined ? { ipamType: s.ipamTypes[0] } : {}),
    ranges: [...new Set([...(s?.ranges.map((r) => r.cidr) ?? []), ...(c.poolRanges ?? [])])],
    configReadable: !!s,
  };
}

function nadLocation(workspace: Workspace, nad: NadInfo): FlowLocation | undefined {
  const file = workspace.get(nad.uri);
  const obj = [...(file?.objects.nads ?? []), ...(file?.objects.providers ?? [])].find(
    (n) => n.name === nad.name && n.namespace === nad.namespace,
  );
  return file && obj ? location(file, obj.nameNode?.range ?? obj.anchor) : undefined;
}

/** The cluster's CephBlockPools: same namespace (a pool or cluster without one matches any). */
export function poolsOf(workspace: Workspace, cluster: ClusterObject): PoolObject[] {
  const out: PoolObject[] = [];
  for (const f of sortedFiles(workspace)) {
    for (const p of f.objects.pools) {
      if (p.namespace === cluster.namespace || p.namespace === undefined || cluster.namespace === undefined)
        out.push(p);
    }
  }
  return out;
}

/** One shape per distinct replica size / EC profile; Rook's default size when no pool has one. */
export function writeShapes(pools: PoolObject[]): WriteShape[] {
  const shapes = new Map<string, WriteShape>();
  for (const p of pools) {
    const name = p.name ?? '(unnamed pool)';
    const ec = p.erasureCoded;
    if (
      ec &&
      Number.isInteger(ec.dataChunks) &&
      Number.isInteger(ec.codingChunks) &&
      ec.dataChunks > 0 &&
      ec.codingChunks >= 0
    ) {
      const key = `ec:${ec.dataChunks}+${ec.codingChunks}`;
      const s = shapes.get(key) ?? {
        kind: 'erasure',
        dataChunks: ec.dataChunks,
        codingChunks: ec.codingChunks,
        pools: [],
      };
      s.pools.push(name);
      shapes.set(key, s);
    } else if (p.replicatedSize !== undefined && Number.isInteger(p.replicatedSize) && p.replicatedSize > 0) {
      const key = `r:${p.replicatedSize}`;
      const s = shapes.get(key) ?? { kind: 'replicated', size: p.replicatedSize, pools: [], defaulted: false };
      s.pools.push(name);
      shapes.set(key, s);
    }
  }
  if (!shapes.size) return [{ kind: 'replicated', size: DEFAULT_REPLICA_SIZE, pools: [], defaulted: true }];
  const order = (s: WriteShape) =>
    s.kind === 'replicated' ? [0, -s.size, 0] : [1, -(s.dataChunks + s.codingChunks), -s.dataChunks];
  return [...shapes.values()].sort((a, b) => {
    const x = order(a);
    const y = order(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
