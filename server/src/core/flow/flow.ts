// Entry points of the replication-flow feature: models plus their Mermaid diagrams, for the
// language server's `multus/flow` request and the CLI's `flow` command.
import type { Workspace } from '../workspace';
import { allClusterModels, clusterModelsFor } from './build';
import { clusterTitle } from './labels';
import type { ClusterFlow, ClusterModel, DiagramKind, FlowDiagram } from './model';
import { sequenceDiagram } from './sequence';
import { topologyDiagram } from './topology';

/** The diagrams of one cluster: a sequence diagram per write shape, then the topology. */
export function diagramsOf(
  model: ClusterModel,
  kinds: readonly DiagramKind[] = ['sequence', 'topology'],
): FlowDiagram[] {
  const out: FlowDiagram[] = [];
  if (kinds.includes('sequence')) for (const shape of model.writes) out.push(sequenceDiagram(model, shape));
  if (kinds.includes('topology')) out.push(topologyDiagram(model));
  return out;
}

export function clusterFlow(model: ClusterModel, kinds?: readonly DiagramKind[]): ClusterFlow {
  return { model, title: clusterTitle(model), diagrams: diagramsOf(model, kinds) };
}

/** The flows for a document (its clusters, or the clusters using its NADs; see clusterModelsFor). */
export function flowsForDocument(
  workspace: Workspace,
  uri: string,
  kinds?: readonly DiagramKind[],
): { clusters: ClusterFlow[]; related: boolean } {
  const { models, related } = clusterModelsFor(workspace, uri);
  return { clusters: models.map((m) => clusterFlow(m, kinds)), related };
}

export function flowsForWorkspace(workspace: Workspace, kinds?: readonly DiagramKind[]): ClusterFlow[] {
  return allClusterModels(workspace).map((m) => clusterFlow(m, kinds));
}
