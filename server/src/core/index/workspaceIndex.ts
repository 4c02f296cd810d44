// The workspace index: every file's contribution (NADs, CephClusters, CephBlockPools, network
// references), looked up by name. A file's contribution is replaced whole when it changes, so the
// index never needs a full rescan; lookups are by name, never by scanning every file.
import type { FileAnalysis } from '../analyze';
import type { NadAnalysis } from '../nad/nadChecks';
import { fileRefs, RefSite, RefValueSite } from '../ref/fileRefs';
import { closest } from '../text/suggest';
import type { RelatedLocation } from '../types';
import type { ClusterObject, IpPoolObject, NadObject, PoolObject } from '../yaml/objects';
import { providerLabel } from '../yaml/providers';
import { NadFacts, nadFacts, toRanges } from './nadFacts';
import { AppliedTogether, appliedTogether } from './appliedTogether';
import type { Kustomization } from '../yaml/kustomization';

/**
 * What the index's lookups and cross-file checks read of the workspace: core/workspace.ts's
 * `Workspace` is one (it sits above the index, which must not import it).
 */
export interface IndexedWorkspace {
  readonly index: WorkspaceIndex;
  get(uri: string): FileAnalysis | undefined;
}

export interface NadEntry {
  uri: string;
  nad: NadObject;
  analysis: NadAnalysis;
  name: string;
  /** undefined: the manifest has no metadata.namespace and takes the one it is applied to. */
  namespace?: string;
  facts: NadFacts;
  /** Changes whenever anything another file may show about this NAD changes. */
  fingerprint: string;
}

export interface ClusterEntry {
  uri: string;
  cluster: ClusterObject;
}

export interface IpPoolEntry {
  uri: string;
  pool: IpPoolObject;
}

export interface PoolEntry {
  uri: string;
  pool: PoolObject;
}

export interface FileContribution {
  uri: string;
  nads: NadEntry[];
  clusters: ClusterEntry[];
  pools: PoolEntry[];
  /** Spiderpool SpiderIPPools. */
  ipPools: IpPoolEntry[];
  refSites: RefValueSite[];
  refs: RefSite[];
  /** Set for a kustomization.yaml: the files it gathers (yaml/kustomization.ts). */
  kustomization?: Kustomization;
}

/** What a reference resolves to. */
export interface Resolution {
  /** The NADs it may mean (several when the namespace is not known, or duplicates). Empty: not found. */
  candidates: NadEntry[];
  /** When not found: NADs of that name in namespaces the reference cannot reach. */
  elsewhere: NadEntry[];
}

/** The parts of a reference that decide what it resolves to. */
export interface RefTarget {
  name: string;
  namespace?: string;
  preferredNamespace?: string;
}

const contributions = new WeakMap<FileAnalysis, FileContribution>();

/** The contribution of one analysis (cached: analyses are immutable). */
export function contributionOf(analysis: FileAnalysis | undefined): FileContribution | undefined {
  if (!analysis) return undefined;
  let c = contributions.get(analysis);
  if (!c) {
    c = build(analysis);
    contributions.set(analysis, c);
  }
  return c;
}

function build(a: FileAnalysis): FileContribution {
  const nads: NadEntry[] = [];
  for (const n of [...a.nads, ...a.providerNads]) {
    const nad = n.nad;
    if (nad.name === undefined) continue;
    const facts = nadFacts(n);
    nads.push({
      uri: a.uri,
      nad,
      analysis: n,
      name: nad.name,
      namespace: nad.namespace,
      facts,
      fingerprint: JSON.stringify([nad.namespace ?? null, nad.name, nad.nameNode?.range ?? null, factsKey(facts)]),
    });
  }
  const refs = fileRefs(a);
  return {
    uri: a.uri,
    nads,
    clusters: a.objects.clusters.map((cluster) => ({ uri: a.uri, cluster })),
    pools: a.objects.pools.map((pool) => ({ uri: a.uri, pool })),
    ipPools: (a.objects.ipPools ?? []).map((pool) => ({ uri: a.uri, pool })),
    refSites: refs.sites,
    refs: refs.refs,
    kustomization: a.kustomization,
  };
}

function factsKey(f: NadFacts): unknown {
  return { ...f, ranges: f.ranges.map((r) => r.text) };
}

const refKey = (r: RefSite) =>
  JSON.stringify([r.name, r.namespace ?? null, r.namespaceSource, r.preferredNamespace ?? null]);

export class WorkspaceIndex {
  private readonly files = new Map<string, FileContribution>();
  private readonly nadsByName = new Map<string, Set<NadEntry>>();
  private readonly refsByName = new Map<string, Set<RefSite>>();
  private readonly ipPoolsByName = new Map<string, Set<IpPoolEntry>>();
  /** Which files are applied together (kustomizations, folders); computed when first asked. */
  private applied: AppliedTogether<NadEntry> | undefined;
  private kustomizations = 0;

  /** Replaces the contribution of `uri` (removes it when `analysis` is undefined). */
  update(uri: string, analysis: FileAnalysis | undefined): void {
    this.applied = undefined;
    const old = this.files.get(uri);
    if (old) {
      if (old.kustomization) this.kustomizations--;
      for (const n of old.nads) removeFrom(this.nadsByName, n.name, n);
      for (const r of old.refs) removeFrom(this.refsByName, r.name, r);
      for (const p of old.ipPools) if (p.pool.name !== undefined) removeFrom(this.ipPoolsByName, p.pool.name, p);
      this.files.delete(uri);
    }
    const c = contributionOf(analysis);
    if (!c) return;
    this.files.set(uri, c);
    if (c.kustomization) this.kustomizations++;
    for (const n of c.nads) addTo(this.nadsByName, n.name, n);
    for (const r of c.refs) addTo(this.refsByName, r.name, r);
    for (const p of c.ipPools) if (p.pool.name !== undefined) addTo(this.ipPoolsByName, p.pool.name, p);
  }

  /** Which files are applied together: by one kustomization, or as one folder (index/appliedTogether.ts). */
  appliedTogether(): AppliedTogether<NadEntry> {
    return (this.applied ??= appliedTogether(this.files));
  }

  contribution(uri: string): FileContribution | undefined {
    return this.files.get(uri);
  }

  contributions(): IterableIterator<FileContribution> {
    return this.files.values();
  }

  /** True when at least one NAD (manifest, operator resource or externalNetworks entry) is known. */
  hasNads(): boolean {
    return this.nadsByName.size > 0;
  }

  /**
   * A NAD's facts with what other files add: the ranges of the SpiderIPPools its spiderpool IPAM
   * names (each pool's spec.subnet). When a named pool is missing, not unique or has no readable
   * subnet, the ranges stay unknown (empty), so no range finding rests on a guess.
   */
  factsOf(n: NadEntry): NadFacts {
    const f = n.facts;
    if (!f.known || !f.spiderPools.length || f.ranges.length) return f;
    const ranges: NadFacts['ranges'] = [];
    for (const name of f.spiderPools) {
      const pools = [...(this.ipPoolsByName.get(name) ?? [])];
      const subnets = new Set(pools.map((p) => p.pool.subnet));
      const p = pools[0];
      if (subnets.size !== 1 || !p?.pool.subnet || !p.pool.subnetNode?.range) return f;
      const [r] = toRanges([p.pool.subnet]);
      if (!r) return f;
      const [start, end] = p.pool.subnetNode.range;
      ranges.push({ ...r, source: { uri: p.uri, start, end, what: `SpiderIPPool "${name}"` } });
    }
    return { ...f, ranges };
  }

  nadsNamed(name: string): NadEntry[] {
    return [...(this.nadsByName.get(name) ?? [])];
  }

  refsNamed(name: string): RefSite[] {
    return [...(this.refsByName.get(name) ?? [])];
  }

  nadNames(): IterableIterator<string> {
    return this.nadsByName.keys();
  }

  *allNads(): IterableIterator<NadEntry> {
    for (const set of this.nadsByName.values()) yield* set;
  }

  *allRefs(): IterableIterator<RefSite> {
    for (const set of this.refsByName.values()) yield* set;
  }

  *clusters(): IterableIterator<ClusterEntry> {
    for (const c of this.files.values()) yield* c.clusters;
  }

  *pools(): IterableIterator<PoolEntry> {
    for (const c of this.files.values()) yield* c.pools;
  }

  /**
   * Namespace semantics (docs/namespaces.md): a reference with a namespace (written, or its owner's)
   * matches NADs of that namespace; failing those, NADs without metadata.namespace (they take the
   * namespace they are applied to). A reference whose namespace is unknown (Helm values, manifests
   * without a namespace) matches the name in any namespace, preferring its preferred namespace.
   */
  resolve(t: RefTarget): Resolution {
    const all = this.nadsNamed(t.name);
    if (t.namespace !== undefined) {
      const exact = all.filter((n) => n.namespace === t.namespace);
      if (exact.length) return { candidates: exact, elsewhere: [] };
      const floating = all.filter((n) => n.namespace === undefined);
      if (floating.length) return { candidates: floating, elsewhere: [] };
      return { candidates: [], elsewhere: all };
    }
    if (t.preferredNamespace !== undefined) {
      const preferred = all.filter((n) => n.namespace === t.preferredNamespace);
      if (preferred.length) return { candidates: preferred, elsewhere: [] };
    }
    return { candidates: all, elsewhere: [] };
  }

  /**
   * "Did you mean" replacements for the `[ns/]name` part of an unresolved reference: close names
   * that resolve where the reference looks (kept bare, or with the reference's own namespace), and
   * exact or close names that exist only in other namespaces (qualified).
   */
  suggest(t: RefTarget & { namespaceSource?: string }, limit = 3): string[] {
    const out: string[] = [];
    const names = [t.name, ...closest(t.name, this.nadNames(), 5)];
    for (const name of names) {
      const r = this.resolve({ ...t, name });
      if (r.candidates.length && name !== t.name)
        out.push(t.namespaceSource === 'explicit' ? `${t.namespace}/${name}` : name);
      for (const n of r.elsewhere) out.push(`${n.namespace}/${name}`);
    }
    return [...new Set(out)].slice(0, limit);
  }

  /** Every reference that resolves to `nad`. */
  referencesTo(nad: NadEntry): RefSite[] {
    return this.refsNamed(nad.name).filter((r) => this.resolve(r).candidates.includes(nad));
  }

  /**
   * Files (other than `uri`) whose findings may change because `uri` went from `before` to `after`:
   * files referring to a NAD name whose declarations changed, files declaring a NAD whose references
   * changed, other declarations of a changed name (duplicates), and — when the set of NAD names
   * changed — files with unresolved references (their "did you mean" suggestions).
   */
  dependentsOf(uri: string, before: FileAnalysis | undefined, after: FileAnalysis | undefined): string[] {
    const b = contributionOf(before);
    const a = contributionOf(after);
    const changedNads = changedKeys(
      b?.nads ?? [],
      a?.nads ?? [],
      (n) => n.name,
      (n) => n.fingerprint,
    );
    const changedRefs = changedKeys(b?.refs ?? [], a?.refs ?? [], (r) => r.name, refKey);
    const out = new Set<string>();
    for (const name of changedNads) {
      for (const n of this.nadsByName.get(name) ?? []) out.add(n.uri);
      for (const r of this.refsByName.get(name) ?? []) out.add(r.uri);
    }
    for (const name of changedRefs) for (const n of this.nadsByName.get(name) ?? []) out.add(n.uri);
    const namesBefore = new Set((b?.nads ?? []).map((n) => n.name));
    const namesAfter = new Set((a?.nads ?? []).map((n) => n.name));
    // A kustomization changed, or a file it may name came or went: what is applied together changed.
    if (
      JSON.stringify(b?.kustomization ?? null) !== JSON.stringify(a?.kustomization ?? null) ||
      (!b !== !a && this.kustomizations > 0)
    ) {
      for (const set of this.nadsByName.values()) if (set.size > 1) for (const n of set) out.add(n.uri);
    }
    // SpiderIPPools changed: the ranges of NADs naming them, which CephCluster selectors check.
    if (
      JSON.stringify((b?.ipPools ?? []).map((p) => [p.pool.name, p.pool.subnet])) !==
      JSON.stringify((a?.ipPools ?? []).map((p) => [p.pool.name, p.pool.subnet]))
    ) {
      for (const c of this.files.values()) if (c.clusters.length) out.add(c.uri);
    }
    const nameSetChanged = namesBefore.size !== namesAfter.size || [...namesBefore].some((n) => !namesAfter.has(n));
    if (nameSetChanged) {
      for (const [name, refs] of this.refsByName) {
        for (const r of refs)
          if (!out.has(r.uri) && (!this.nadsByName.has(name) || this.resolve(r).candidates.length === 0))
            out.add(r.uri);
      }
    }
    out.delete(uri);
    return [...out].sort();
  }
}

function addTo<T>(m: Map<string, Set<T>>, k: string, v: T): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom<T>(m: Map<string, Set<T>>, k: string, v: T): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (!s.size) m.delete(k);
}

/** Names whose multiset of fingerprints differs between two lists. */
function changedKeys<T>(before: T[], after: T[], name: (x: T) => string, fp: (x: T) => string): Set<string> {
  const count = new Map<string, number>();
  const key = (x: T) => `${name(x)}\u0000${fp(x)}`;
  for (const x of before) count.set(key(x), (count.get(key(x)) ?? 0) + 1);
  for (const x of after) count.set(key(x), (count.get(key(x)) ?? 0) - 1);
  const out = new Set<string>();
  for (const [k, n] of count) if (n !== 0) out.add(k.slice(0, k.indexOf('\u0000')));
  return out;
}

/** `ns/name`, or the bare name of a NAD without a namespace. */
export function qualified(n: NadEntry): string {
  return n.namespace ? `${n.namespace}/${n.name}` : n.name;
}

/** A related location pointing at the NAD's metadata.name (or the field of the resource rendering it). */
export function declaredHere(n: NadEntry): RelatedLocation {
  const r = n.nad.nameNode?.range ?? n.nad.anchor;
  const p = n.nad.provider;
  return {
    uri: n.uri,
    start: r[0],
    end: r[1],
    message: p
      ? `${providerLabel(p, n.name)} renders NetworkAttachmentDefinition "${qualified(n)}"${n.namespace ? '' : p.everyNamespace ? ' in every namespace it selects' : ''} here`
      : `NetworkAttachmentDefinition "${qualified(n)}"${n.namespace ? '' : ' (no metadata.namespace)'} is declared here`,
  };
}

/** `NetworkAttachmentDefinition "ns/x"`, naming the resource that renders it, if any. */
export function nadLabel(n: NadEntry): string {
  const p = n.nad.provider;
  return `NetworkAttachmentDefinition "${qualified(n)}"${p ? ` (rendered from ${providerLabel(p, n.name)})` : ''}`;
}
