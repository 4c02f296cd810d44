// Which files are applied together, for nad/duplicate across files (docs/namespaces.md):
// - files a kustomization gathers (its resources and components, folders through their own
//   kustomization, transitively) are applied together by that kustomization; kustomize itself
//   refuses two resources with the same id in one build ("may not add resource with an already
//   registered id"), the ids taken as each child kustomization renders them (its namespace,
//   namePrefix, nameSuffix);
// - a file some kustomization gathers, or one in a folder with a kustomization that does not list
//   it (a patch, an unused variant), is applied only through kustomizations: two such files are
//   applied together only when one kustomization gathers both (two overlays each adding their own
//   variant of a NAD are alternatives);
// - other files: `kubectl apply -f <folder>` applies a folder's files together.
import type { RelatedLocation } from '../types';
import { decodedUri, folderOf, Kustomization, resolveEntry } from '../yaml/kustomization';

/** What this needs of a NAD entry of the index (index/workspaceIndex.ts NadEntry). */
export interface NadLike {
  uri: string;
  name: string;
  namespace?: string;
  nad: { provider?: unknown };
}

/** What this needs of a file's contribution (index/workspaceIndex.ts FileContribution). */
export interface ContributionLike<N extends NadLike> {
  uri: string;
  nads: N[];
  kustomization?: Kustomization;
}

/** Two written NADs one kustomization gathers with the same id: kustomize build fails. */
export interface KustomizeClash<N extends NadLike> {
  other: N;
  /** The kustomization that gathers both, at the entry that brings `other` in. */
  at: RelatedLocation;
}

export interface AppliedTogether<N extends NadLike> {
  /** Whether the files `a` and `b` are applied together (see above). */
  together(a: string, b: string): boolean;
  /** Whether a kustomization decides how `uri` is applied (it gathers it, or its folder has one). */
  governed(uri: string): boolean;
  /** The written NADs of other files that a kustomization gathers with `n` under the same id. */
  clashes(n: N): KustomizeClash<N>[];
}

interface Item<N> {
  nad: N;
  name: string;
  namespace?: string;
  /** Where the item entered the kustomization being gathered (for related information). */
  via: RelatedLocation;
}

export function appliedTogether<N extends NadLike>(
  files: ReadonlyMap<string, ContributionLike<N>>,
): AppliedTogether<N> {
  const byDecoded = new Map<string, ContributionLike<N>>();
  const kustomizations = new Map<string, { uri: string; k: Kustomization }>();
  for (const c of files.values()) {
    byDecoded.set(decodedUri(c.uri), c);
    if (c.kustomization) kustomizations.set(decodedUri(folderOf(c.uri)), { uri: c.uri, k: c.kustomization });
  }
  const members = new Map<string, Set<string>>();
  const clashes = new Map<N, KustomizeClash<N>[]>();
  const memo = new Map<string, Item<N>[]>();
  const gathering = new Set<string>();

  /** The items kustomization `dir` outputs (its own transformations applied). */
  const gather = (dir: string): Item<N>[] => {
    const hit = memo.get(dir);
    if (hit) return hit;
    const own = kustomizations.get(dir);
    if (!own || gathering.has(dir)) return [];
    gathering.add(dir);
    const items: Item<N>[] = [];
    const seen = new Map<string, Item<N>[]>();
    const add = (list: Item<N>[]) => {
      for (const i of list) {
        // Only written NADs: an operator's resource has its own kind and id.
        if (!i.nad.nad.provider) {
          const key = `${i.namespace ?? 'default'}\u0000${i.name}`;
          for (const j of seen.get(key) ?? []) {
            if (j.nad === i.nad) continue;
            record(i.nad, { other: j.nad, at: j.via });
            record(j.nad, { other: i.nad, at: i.via });
          }
          seen.set(key, [...(seen.get(key) ?? []), i]);
        }
        items.push(i);
      }
    };
    for (const e of own.k.entries) {
      const target = resolveEntry(dir, e.path);
      const via: RelatedLocation = {
        uri: own.uri,
        start: e.range[0],
        end: e.range[1],
        message: `The kustomization gathers "${e.path}" here`,
      };
      if (kustomizations.has(target)) add(gather(target).map((i) => ({ ...i, via })));
      else {
        const file = byDecoded.get(target);
        if (!file) continue;
        add(file.nads.map((nad) => ({ nad, name: nad.name, namespace: nad.namespace, via })));
      }
    }
    for (const i of items) {
      let m = members.get(i.nad.uri);
      if (!m) members.set(i.nad.uri, (m = new Set()));
      m.add(dir);
    }
    const { namespace, namePrefix = '', nameSuffix = '' } = own.k;
    const out = own.k.isComponent
      ? items
      : items.map((i) => ({ ...i, name: namePrefix + i.name + nameSuffix, namespace: namespace ?? i.namespace }));
    gathering.delete(dir);
    memo.set(dir, out);
    return out;
  };
  const record = (n: N, c: KustomizeClash<N>) => {
    const list = clashes.get(n) ?? [];
    if (!list.some((x) => x.other === c.other)) list.push(c);
    clashes.set(n, list);
  };
  for (const dir of kustomizations.keys()) gather(dir);

  const governed = (uri: string) => members.has(uri) || kustomizations.has(decodedUri(folderOf(uri)));
  return {
    governed,
    together(a, b) {
      if (a === b) return true;
      if (!governed(a) && !governed(b)) return folderOf(a) === folderOf(b);
      const ma = members.get(a);
      const mb = members.get(b);
      return !!ma && !!mb && [...ma].some((d) => mb.has(d));
    },
    clashes: (n) => (clashes.get(n) ?? []).filter((c) => c.other.uri !== n.uri),
  };
}
