// Resolves a CephCluster's network selector to the NADs of the workspace. Kept to one function
// type (NadResolver) so that the workspace index's resolver can replace it without touching the
// model builder.
import type { FileAnalysis } from '../analyze';
import type { NadAnalysis } from '../nad/nadChecks';
import type { Workspace } from '../workspace';
import type { NadObject } from '../yaml/k8sObjects';

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
}

export interface Resolution {
  ref: SelectorRef;
  /** The namespace the NAD is looked up in: the selector's, else the cluster's (undefined: any). */
  namespace?: string;
  /** Best match first: same namespace before NADs without `metadata.namespace`. */
  matches: NadCandidate[];
}

/** undefined: the selector value cannot be read as a NAD reference. */
export type NadResolver = (selector: string, clusterNamespace: string | undefined) => Resolution | undefined;

/**
 * Reads `[namespace/]name[@interface]`, or the JSON form Rook also accepts (a selection object or
 * a one-element list of them: `{"name": ..., "namespace": ..., "interface": ...}`).
 */
export function parseSelector(value: string): SelectorRef | undefined {
  const text = value.trim();
  if (!text) return undefined;
  if (text.startsWith('{') || text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!first || typeof first !== 'object') return undefined;
    const o = first as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name) return undefined;
    return {
      name: o.name,
      ...(typeof o.namespace === 'string' && o.namespace ? { namespace: o.namespace } : {}),
      ...(typeof o.interface === 'string' && o.interface ? { iface: o.interface } : {}),
    };
  }
  const at = text.indexOf('@');
  const qualified = at >= 0 ? text.slice(0, at) : text;
  const iface = at >= 0 ? text.slice(at + 1) : undefined;
  const slash = qualified.indexOf('/');
  const namespace = slash >= 0 ? qualified.slice(0, slash) : undefined;
  const name = slash >= 0 ? qualified.slice(slash + 1) : qualified;
  if (!name || namespace === '') return undefined;
  return { name, ...(namespace ? { namespace } : {}), ...(iface ? { iface } : {}) };
}

/** Every NAD of the workspace, files in URI order. */
export function workspaceNads(workspace: Workspace): NadCandidate[] {
  const out: NadCandidate[] = [];
  const files = [...workspace.all()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const file of files) {
    for (const nad of file.objects.nads) out.push({ nad, analysis: file.nads.find((n) => n.nad === nad), file });
    // NADs that operators render from their resources (docs/operators.md).
    for (const nad of file.objects.providers)
      out.push({ nad, analysis: file.providerNads.find((n) => n.nad === nad), file });
  }
  return out;
}

/**
 * The resolver over `workspace.all()`: a bare name means the cluster's namespace; a NAD without
 * `metadata.namespace` matches any namespace (it lands wherever it is applied); a cluster without a
 * namespace (Helm values) matches NADs of any namespace.
 */
export function workspaceResolver(workspace: Workspace): NadResolver {
  let nads: NadCandidate[] | undefined;
  return (selector, clusterNamespace) => {
    const ref = parseSelector(selector);
    if (!ref) return undefined;
    nads ??= workspaceNads(workspace);
    const namespace = ref.namespace ?? clusterNamespace;
    const exact: NadCandidate[] = [];
    const loose: NadCandidate[] = [];
    for (const c of nads) {
      if (c.nad.name !== ref.name) continue;
      if (namespace === undefined || c.nad.namespace === namespace) exact.push(c);
      else if (c.nad.namespace === undefined) loose.push(c);
    }
    return { ref, namespace, matches: [...exact, ...loose] };
  };
}
