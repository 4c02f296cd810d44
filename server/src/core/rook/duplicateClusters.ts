// rook/duplicate-cluster: two CephClusters in one file that land in one namespace. Rook runs one
// Ceph cluster per namespace (its operator keeps its clusters by namespace, and its docs say several
// clusters in one namespace are not supported); the same namespace/name twice keeps only the last.
// Only within one file: files of one folder are often alternatives (Rook's own examples folder has
// cluster.yaml, cluster-test.yaml, ... all "rook-ceph" in "rook-ceph"), not applied together.
import type { FileAnalysis } from '../analyze';
import { problem } from '../types';
import type { ClusterObject } from '../yaml/objects';

/** Same namespace when applied together: equal explicit namespaces, or both without one. */
const sameNamespace = (a: ClusterObject, b: ClusterObject) => a.namespace === b.namespace;

const label = (c: ClusterObject) => `"${c.namespace ? `${c.namespace}/` : ''}${c.name ?? ''}"`;

export function checkDuplicateClusters(analysis: FileAnalysis): void {
  const crs = analysis.objects.clusters.filter((c) => c.source === 'cr' && c.name !== undefined);
  crs.forEach((c, i) => {
    const earlier = crs.slice(0, i).filter((o) => sameNamespace(o, c));
    if (!earlier.length) return;
    const [start, end] = c.nameNode?.range ?? c.anchor;
    const twin = earlier.filter((o) => o.name === c.name);
    const copies = crs.filter((o) => sameNamespace(o, c) && o.name === c.name).length;
    const where = c.namespace ? `namespace "${c.namespace}"` : 'the same namespace (neither sets metadata.namespace)';
    const related = (twin.length ? twin : earlier).map((o) => {
      const [s, e] = o.nameNode?.range ?? o.anchor;
      return { uri: analysis.uri, start: s, end: e, message: `The earlier CephCluster ${label(o)}` };
    });
    analysis.problems.push(
      twin.length
        ? problem('rook/duplicate-cluster', 'error', {
            message: `CephCluster ${label(c)} is defined ${copies} times in this file: applying the file keeps only the last one. Remove the others, or give each cluster its own name and namespace.`,
            start,
            end,
            related,
          })
        : problem('rook/duplicate-cluster', 'warning', {
            message: `Another CephCluster in ${where} in this file (also ${earlier.map(label).join(', ')}): Rook supports one CephCluster per namespace, and both would drive the same Ceph cluster. Put this one in its own namespace, or keep one.`,
            start,
            end,
            related,
          }),
    );
  });
}
