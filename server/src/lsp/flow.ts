// LSP glue for the replication-flow preview (core: core/flow/): the `multus/flow` request answers
// the models and Mermaid diagrams of a document's CephClusters, and a code lens on each cluster
// opens the preview on it.
import { CodeLens } from 'vscode-languageserver';
import { isMap, isScalar, visit } from 'yaml';
import { flowsForDocument } from '../core/flow/flow';
import { hasFlow } from '../core/flow/build';
import {
  FLOW_AVAILABLE_REQUEST,
  FLOW_REQUEST,
  flowParamsFrom,
  FlowResult,
  SHOW_FLOW_COMMAND,
} from '../core/flow/protocol';
import type { Workspace } from '../core/workspace';
import type { ClusterObject } from '../core/yaml/objects';
import { toRange } from './convert';
import type { FeatureRegistration } from './context';

/** The client command the code lens runs, with (document URI, cluster index). */

export function flowResult(workspace: Workspace, raw: unknown): FlowResult | null {
  const params = flowParamsFrom(raw);
  if (!params) return null;
  const { clusters, related } = flowsForDocument(workspace, params.uri, params.kinds);
  return { uri: params.uri, clusters, related };
}

/**
 * One "Show replication flow" lens on each CephCluster / cephClusterSpec of the file, above the
 * object: on the line of its first key (a CephCluster's mapping, wherever apiVersion and kind sit
 * in it), or of the cephClusterSpec key for Helm values.
 */
export function flowCodeLenses(workspace: Workspace, uri: string): CodeLens[] {
  const analysis = workspace.get(uri);
  if (!analysis) return [];
  return analysis.objects.clusters.map((c, index) => {
    const at = objectStart(c);
    return {
      range: toRange(analysis.lines, at, at),
      command: { title: 'Show replication flow', command: SHOW_FLOW_COMMAND, arguments: [uri, index] },
    };
  });
}

/** The offset of the first key of the mapping whose `kind` value is the cluster's anchor (else the anchor). */
function objectStart(c: ClusterObject): number {
  if (c.source !== 'cr' || !c.doc?.contents) return c.anchor[0];
  let start = c.anchor[0];
  visit(c.doc, {
    Map(_key, map) {
      if (!isMap(map)) return undefined;
      const kind = map.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
      const value = kind && isScalar(kind.value) ? kind.value : undefined;
      if (value?.range?.[0] === c.anchor[0] && map.range) {
        start = map.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

export const registerFlow: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(FLOW_REQUEST, (params: unknown) => flowResult(ctx.workspace, params));
  ctx.connection.onRequest(FLOW_AVAILABLE_REQUEST, (params: unknown) => {
    const p = flowParamsFrom(params);
    return !!p && hasFlow(ctx.workspace, p.uri);
  });
  ctx.connection.onCodeLens((p) => flowCodeLenses(ctx.workspace, p.textDocument.uri));
  return { codeLensProvider: { resolveProvider: false } };
};
