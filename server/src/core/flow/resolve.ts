// Resolves a CephCluster's network selector to the NADs it names, through the workspace index: the
// same reference parsing (ref/networkRefs.ts, read per file by ref/fileRefs.ts) and the same
// namespace semantics (docs/namespaces.md) as the checks, go to definition, references and rename,
// so the picture always shows the NAD that go to definition jumps to.
import type { FileAnalysis } from '../analyze';
import type { NadAnalysis } from '../nad/nadChecks';
import { fileRefs } from '../ref/fileRefs';
import type { Workspace } from '../workspace';
import type { ClusterObject, NadObject } from '../yaml/objects';

export interface SelectorRef {
  namespace?: string;
  name: string;
  iface?: string;
}

export interface NadCandidate {
  nad: NadObject;
  /** The NAD's file-local analysis (its CNI summary), when it ran. */
  analysis?: NadAnalysis;
  file: FileAnalysis;
  /** Ranges other files give the NAD (the SpiderIPPools its spiderpool IPAM names). */
  poolRanges?: string[];
}

export interface Resolution {
  ref: SelectorRef;
  /** The namespace the NAD is looked up in: the selector's, else the cluster's (undefined: any). */
  namespace?: string;
  /** What the index resolves the selector to; the first is drawn (several: files in URI order). */
  matches: NadCandidate[];
}

/** undefined: the selector is not set, or its value cannot be read as a NAD reference. */
export type NadResolver = (
  file: FileAnalysis,
  cluster: ClusterObject,
  role: 'public' | 'cluster',
) => Resolution | undefined;

/** The resolver of the workspace index (WorkspaceIndex.resolve). */
export function indexResolver(workspace: Workspace): NadResolver {
  return (file, cluster, role) => {
    const site = fileRefs(file).refs.find(
      (r) => r.site.origin === 'selector' && r.site.cluster === cluster && r.site.selectorKey === role,
    );
    if (!site) return undefined;
    const matches: NadCandidate[] = [];
    for (const n of workspace.index.resolve(site).candidates) {
      const f = workspace.get(n.uri);
      const poolRanges = workspace.index
        .factsOf(n)
        .ranges.filter((r) => r.source)
        .map((r) => r.network);
      if (f) matches.push({ nad: n.nad, analysis: n.analysis, file: f, ...(poolRanges.length ? { poolRanges } : {}) });
    }
    matches.sort((a, b) =>
      a.file.uri < b.file.uri ? -1 : a.file.uri > b.file.uri ? 1 : a.nad.anchor[0] - b.nad.anchor[0],
    );
    return {
      ref: {
        name: site.name,
        ...(site.ref.namespace !== undefined ? { namespace: site.ref.namespace } : {}),
        ...(site.ref.iface !== undefined ? { iface: site.ref.iface } : {}),
      },
      ...(site.namespace !== undefined ? { namespace: site.namespace } : {}),
      matches,
    };
  };
}
