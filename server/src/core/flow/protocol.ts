// The `multus/flow` request between the extension and the language server (types only; the
// client imports this file too).
import type { ClusterFlow, DiagramKind } from './model';

export const FLOW_REQUEST = 'multus/flow';

/**
 * `multus/flowAvailable` ({ uri }): whether the document has a replication flow to show (a cluster,
 * or a NAD a cluster uses); answers a boolean. The client keys the editor title button on it.
 */
export const FLOW_AVAILABLE_REQUEST = 'multus/flowAvailable';

/** The VS Code command that opens the preview (also the code lens's command). */
export const SHOW_FLOW_COMMAND = 'multusNetworks.showReplicationFlow';

export interface FlowParams {
  /** The document whose CephClusters are drawn. */
  uri: string;
  /** Which diagrams (default: both). */
  kinds?: DiagramKind[];
}

export interface FlowResult {
  uri: string;
  /**
   * The document's clusters in file order (ClusterModel.index), or, when it defines none, the
   * workspace clusters that use one of its NADs (`related: true`).
   */
  clusters: ClusterFlow[];
  related: boolean;
}

/** Reads untrusted request parameters; undefined when they are not usable. */
export function flowParamsFrom(raw: unknown): FlowParams | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  if (typeof o.uri !== 'string' || !o.uri) return undefined;
  const kinds = Array.isArray(o.kinds)
    ? o.kinds.filter((k): k is DiagramKind => k === 'sequence' || k === 'topology')
    : undefined;
  return { uri: o.uri, ...(kinds && kinds.length ? { kinds } : {}) };
}
