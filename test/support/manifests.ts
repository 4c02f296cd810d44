// One builder per kind of manifest the tests write: a NetworkAttachmentDefinition, a CephCluster, a
// pod with the Multus networks annotation, and rook-ceph-cluster Helm values. Each returns the YAML
// text of one document (ending in a line break); join documents with `---\n`.

/** Indents every non-empty line of `text` by `n` spaces. */
export const indent = (text: string, n: number): string =>
  text
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

const namespaceLine = (namespace?: string) => (namespace ? `  namespace: ${namespace}\n` : '');

/** A macvlan + whereabouts config as a single-quoted YAML scalar; `extra` is inserted after the mode. */
export const macvlanConfig = (range = '10.1.0.0/24', extra = '') =>
  `'{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"${extra}, "ipam": {"type": "whereabouts", "range": "${range}"}}'`;

export interface NadOptions {
  /** metadata.name (default n1). */
  name?: string;
  /** metadata.namespace; none when undefined. */
  namespace?: string;
  /** spec.config as written in the YAML, any scalar style (default: macvlanConfig()). */
  config?: string;
}

/** A NetworkAttachmentDefinition whose spec.config is written as given. */
export const nad = ({ name = 'n1', namespace, config = macvlanConfig() }: NadOptions = {}): string =>
  `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${name}\n${namespaceLine(namespace)}spec:\n  config: ${config}\n`;

/** The `network:` block's body for Multus selectors (omitted selectors are not written). */
export const multusNetwork = (selectors: { public?: string; cluster?: string }, provider = 'multus'): string =>
  `provider: ${provider}\nselectors:\n` +
  (selectors.public !== undefined ? `  public: ${selectors.public}\n` : '') +
  (selectors.cluster !== undefined ? `  cluster: ${selectors.cluster}\n` : '');

export interface ClusterOptions {
  /** metadata.name (default my-cluster). */
  name?: string;
  /** metadata.namespace; none when undefined. */
  namespace?: string;
  /** The body of spec.network, unindented (e.g. multusNetwork({ public: 'p' })). */
  network: string;
  /** More YAML appended after the network block (other spec keys indented by two, or more documents). */
  extra?: string;
}

/** A CephCluster with the given spec.network body. */
export const cephCluster = ({ name = 'my-cluster', namespace, network, extra = '' }: ClusterOptions): string =>
  `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: ${name}\n${namespaceLine(namespace)}spec:\n  network:\n${indent(network.replace(/\n$/, ''), 4)}\n${extra}`;

/** rook-ceph-cluster chart values: `cephClusterSpec.network`, with operatorNamespace / clusterName when given. */
export const helmValues = ({
  operatorNamespace,
  clusterName,
  network,
}: {
  operatorNamespace?: string;
  clusterName?: string;
  network: string;
}): string =>
  (operatorNamespace ? `operatorNamespace: ${operatorNamespace}\n` : '') +
  (clusterName ? `clusterName: ${clusterName}\n` : '') +
  `cephClusterSpec:\n  network:\n${indent(network.replace(/\n$/, ''), 4)}\n`;

/** A pod whose k8s.v1.cni.cncf.io/networks annotation is `networks`, written as given. */
export const podWithNetworks = (
  networks: string,
  { name = 'p', namespace }: { name?: string; namespace?: string } = {},
) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${namespaceLine(namespace)}  annotations:\n    k8s.v1.cni.cncf.io/networks: ${networks}\nspec:\n  containers: []\n`;
