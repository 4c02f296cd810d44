// LSP glue for the replication-flow preview (core: core/flow/): the `multus/flow` request answers
// the models and Mermaid diagrams of a document's CephClusters, and a code lens on each cluster
// opens the preview on it.
import { CodeLens } from 'vscode-languageserver';
import { flowsForDocument } from '../core/flow/flow';
import { FLOW_REQUEST, flowParamsFrom, FlowResult, SHOW_FLOW_COMMAND } from '../core/flow/protocol';
import type { Workspace } from '../core/workspace';
import { toRange } from './convert';
import type { FeatureRegistration } from './context';

/** The client command the code lens runs, with (document URI, cluster index). */

export function flowResult(workspace: Workspace, raw: unknown): FlowResult | null {
  const params = flowParamsFrom(raw);
  if (!params) return null;
  const { clusters, related } = flowsForDocument(workspace, params.uri, params.kinds);
  return { uri: params.uri, clusters, related };
}

/** One "Show replication flow" lens on each CephCluster / cephClusterSpec of the file. */
export function flowCodeLenses(workspace: Workspace, uri: string): CodeLens[] {
  const analysis = workspace.get(uri);
  if (!analysis) return [];
  return analysis.objects.clusters.map((c, index) => ({
    range: toRange(analysis.lines, c.anchor[0], c.anchor[1]),
    command: { title: 'Show replication flow', command: SHOW_FLOW_COMMAND, arguments: [uri, index] },
  }));
}

export const registerFlow: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(FLOW_REQUEST, (params: unknown) => flowResult(ctx.workspace, params));
  ctx.connection.onCodeLens((p) => flowCodeLenses(ctx.workspace, p.textDocument.uri));
  return { codeLensProvider: { resolveProvider: false } };
};
