// rook/unknown-chart-key: the top-level keys of rook-ceph-cluster chart values, checked against the
// keys the chart reads (deploy/charts/rook-ceph-cluster: values.yaml and the `.Values.*` its
// templates use, v1.9 to v1.19). Real releases put `network:` beside `cephClusterSpec` instead of
// inside it, or break the indentation of `cephClusterSpec` so that `network`, `storage` and more fall
// out of it: the chart ignores them silently and the cluster runs on the pod network. Checked only
// where a GitOps wrapper names the chart (a bare values file may belong to an umbrella chart).
import { isScalar, Node, Pair, YAMLMap, isMap } from 'yaml';
import type { FileAnalysis } from '../analyze';
import { closest } from '../text/suggest';
import { hasUnknown } from '../text/unknown';

/** Top-level values the rook-ceph-cluster chart reads (plus Helm's own `global`). */
export const CHART_KEYS: readonly string[] = [
  'operatorNamespace',
  'clusterName',
  'kubeVersion',
  'configOverride',
  'toolbox',
  'monitoring',
  'pspEnable',
  'imagePullSecrets',
  'revisionHistoryLimit',
  'cephClusterMetadata',
  'cephImage',
  'cephClusterSpec',
  'ingress',
  'route',
  'cephBlockPools',
  'cephECBlockPools',
  'cephECStorageClass',
  'cephFileSystems',
  'cephFileSystemVolumeSnapshotClass',
  'cephBlockPoolsVolumeSnapshotClass',
  'cephObjectStores',
  'cephObjectRealms',
  'cephObjectZoneGroups',
  'cephObjectZones',
  'cephObjectStoreUsers',
  'csiDriverNamePrefix',
  'global',
];

/** Fields of a CephCluster spec (Rook's CRD) that are not chart values: they belong in cephClusterSpec. */
const CLUSTER_SPEC_FIELDS: readonly string[] = [
  'annotations',
  'cephConfig',
  'cephConfigFromSecret',
  'cephVersion',
  'cleanupPolicy',
  'continueUpgradeAfterChecksEvenIfNotHealthy',
  'crashCollector',
  'csi',
  'dashboard',
  'dataDirHostPath',
  'disruptionManagement',
  'external',
  'healthCheck',
  'labels',
  'logCollector',
  'mgr',
  'mon',
  'network',
  'placement',
  'priorityClassNames',
  'removeOSDsIfOutOfDiskSpace',
  'resources',
  'security',
  'skipUpgradeChecks',
  'storage',
  'upgradeOSDRequiresHealthyPGs',
  'waitTimeoutForHealthyOSDInMinutes',
];

export function checkChartValues(analysis: FileAnalysis): void {
  for (const cluster of analysis.objects.clusters) {
    if (cluster.source !== 'helm' || !cluster.chart || !isMap(cluster.valuesNode)) continue;
    for (const pair of (cluster.valuesNode as YAMLMap<Node, Node>).items as Pair<Node, Node>[]) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
      const name = key.value;
      if (CHART_KEYS.includes(name) || hasUnknown(name)) continue;
      const belongs = CLUSTER_SPEC_FIELDS.includes(name);
      const suggestion = belongs ? undefined : closest(name, CHART_KEYS, 1)[0];
      analysis.problems.push({
        code: 'rook/unknown-chart-key',
        severity: 'warning',
        message: belongs
          ? `"${name}" is a field of the CephCluster spec, but here it sits at the top level of the rook-ceph-cluster values (in this ${cluster.chart.wrapper}), where the chart ignores it. Move it under cephClusterSpec (indent it there), or the cluster runs without it.`
          : `"${name}" is not a value of the rook-ceph-cluster chart (in this ${cluster.chart.wrapper}), so the chart ignores it.${suggestion ? ` Did you mean "${suggestion}"?` : ` Its top-level values are cephClusterSpec, cephBlockPools, cephFileSystems, cephObjectStores, toolbox, monitoring and a few more.`}`,
        start: key.range[0],
        end: key.range[1],
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
  }
}
