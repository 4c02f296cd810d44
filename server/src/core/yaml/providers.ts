// Custom resources from which an operator renders a NetworkAttachmentDefinition (docs/operators.md):
// which objects they are, the name and namespace of the NAD each one renders, and the field that
// names it (what rename edits). The rendering itself is in operators/render.ts.
import { Document, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import type { NadObject, ProviderInfo, ProviderKind } from './objects';
import { getPath, mapGet, scalarString } from './yamlFile';

export const SRIOV_GROUP = 'sriovnetwork.openshift.io/';
export const NVIDIA_GROUP = 'mellanox.com/';
export const SPIDERPOOL_GROUP = 'spiderpool.spidernet.io/';
export const OVNK_GROUP = 'k8s.ovn.org/';
export const OPENSHIFT_OPERATOR_GROUP = 'operator.openshift.io/';

/** Spiderpool: overrides the rendered NAD's name (multusconfig_informer.go generateNetAttachDef). */
export const SPIDER_NAME_ANNOTATION = 'multus.spidernet.io/cr-name';

const KINDS: Record<string, ProviderKind> = {
  [`${SRIOV_GROUP}SriovNetwork`]: 'SriovNetwork',
  [`${SRIOV_GROUP}SriovIBNetwork`]: 'SriovIBNetwork',
  [`${SRIOV_GROUP}OVSNetwork`]: 'OVSNetwork',
  [`${NVIDIA_GROUP}MacvlanNetwork`]: 'MacvlanNetwork',
  [`${NVIDIA_GROUP}HostDeviceNetwork`]: 'HostDeviceNetwork',
  [`${NVIDIA_GROUP}IPoIBNetwork`]: 'IPoIBNetwork',
  [`${SPIDERPOOL_GROUP}SpiderMultusConfig`]: 'SpiderMultusConfig',
  [`${OVNK_GROUP}UserDefinedNetwork`]: 'UserDefinedNetwork',
  [`${OVNK_GROUP}ClusterUserDefinedNetwork`]: 'ClusterUserDefinedNetwork',
  [`${OPENSHIFT_OPERATOR_GROUP}Network`]: 'Network',
};

/** Words whose presence makes a document worth parsing (analyze.ts pre-scan). */
export const PROVIDER_KIND_PATTERN =
  'SriovNetwork|SriovIBNetwork|OVSNetwork|MacvlanNetwork|HostDeviceNetwork|IPoIBNetwork|SpiderMultusConfig|UserDefinedNetwork|additionalNetworks';

/** Provider kind of an object, when it is one we read. */
export function providerKindOf(apiVersion: string, kind: string): ProviderKind | undefined {
  const group = apiVersion.slice(0, apiVersion.indexOf('/') + 1);
  return KINDS[`${group}${kind}`];
}

type Base = Omit<NadObject, 'kind'>;

/**
 * The NADs one provider object renders (one, except OpenShift's Network with several
 * additionalNetworks), as NadObjects whose nameNode is the field that names the NAD.
 */
export function findProviderNads(
  doc: Document.Parsed,
  root: Node,
  apiVersion: string,
  kind: ProviderKind,
  base: Base,
): NadObject[] {
  const spec = mapGet(root, 'spec', doc);
  const info = (extra: Partial<ProviderInfo> = {}): ProviderInfo => ({
    kind,
    apiVersion,
    crName: base.name,
    crNamespace: base.namespace,
    nameField: 'metadata.name',
    source: spec,
    ...extra,
  });
  const str = (node: Node | undefined, key: string) => scalarString(mapGet(node, key, doc)) || undefined;
  const nad = (over: Partial<NadObject>): NadObject => ({ ...base, kind: 'nad', ...over });
  switch (kind) {
    case 'SriovNetwork':
    case 'SriovIBNetwork':
    case 'OVSNetwork': {
      // The NAD lands in spec.networkNamespace, else the CR's namespace (api/v1/helper.go RenderNetAttDef).
      const ns = str(spec, 'networkNamespace');
      return [
        nad({
          namespace: ns ?? base.namespace,
          namespaceNode: ns ? (mapGet(spec, 'networkNamespace', doc) as Scalar) : base.namespaceNode,
          resourceName: str(spec, 'resourceName') ?? '',
          provider: info(),
        }),
      ];
    }
    case 'MacvlanNetwork':
    case 'IPoIBNetwork':
    case 'HostDeviceNetwork': {
      // Cluster-scoped: metadata.namespace means nothing. Macvlan and IPoIB default to "default";
      // HostDevice renders spec.networkNamespace verbatim (the examples always set it).
      const ns = str(spec, 'networkNamespace');
      return [
        nad({
          namespace: ns ?? (kind === 'HostDeviceNetwork' ? undefined : 'default'),
          namespaceNode: ns ? (mapGet(spec, 'networkNamespace', doc) as Scalar) : undefined,
          resourceName: kind === 'HostDeviceNetwork' ? (str(spec, 'resourceName') ?? '') : undefined,
          provider: info(),
        }),
      ];
    }
    case 'SpiderMultusConfig': {
      const ann = getPath(root, ['metadata', 'annotations', SPIDER_NAME_ANNOTATION], doc);
      const override = scalarString(ann);
      const cniType = str(spec, 'cniType') ?? 'custom';
      const sub = cniType === 'ib-sriov' ? 'ibsriov' : cniType;
      const resourceName =
        cniType === 'sriov' || cniType === 'ib-sriov' ? str(mapGet(spec, sub, doc), 'resourceName') : undefined;
      return [
        nad(
          override && isScalar(ann)
            ? { name: override, nameNode: ann, resourceName, provider: info({ nameField: 'annotation' }) }
            : { resourceName, provider: info() },
        ),
      ];
    }
    case 'UserDefinedNetwork':
      return [nad({ provider: info() })];
    case 'ClusterUserDefinedNetwork':
      return [nad({ namespace: undefined, namespaceNode: undefined, provider: info({ everyNamespace: true }) })];
    case 'Network': {
      // Only the cluster-scoped object named "cluster" is reconciled (pkg/names OPERATOR_CONFIG).
      if (base.name !== 'cluster') return [];
      const list = mapGet(spec, 'additionalNetworks', doc);
      if (!isSeq(list)) return [];
      const out: NadObject[] = [];
      list.items.forEach((item, i) => {
        if (!isMap(item)) return;
        // Raw and SimpleMacvlan (case-folded, DeprecatedCanonicalize) render a NAD; other types fail the render.
        const type = (scalarString(mapGet(item, 'type', doc)) ?? '').toLowerCase();
        if (type !== 'raw' && type !== 'simplemacvlan') return;
        const nameNode = mapGet(item, 'name', doc);
        const name = scalarString(nameNode);
        if (!name || !isScalar(nameNode)) return;
        const nsNode = mapGet(item, 'namespace', doc);
        const ns = scalarString(nsNode) || undefined;
        const r = nameNode.range ?? base.anchor;
        out.push(
          nad({
            name,
            nameNode,
            namespace: ns ?? 'default',
            namespaceNode: ns && isScalar(nsNode) ? nsNode : undefined,
            anchor: [r[0], r[1]],
            provider: info({ nameField: 'entry', source: item as Node, entry: i }),
          }),
        );
      });
      return out;
    }
  }
}

/** "SriovNetwork "x"" or "Network "cluster" additionalNetworks entry "x"": the object a user wrote. */
export function providerLabel(p: ProviderInfo, nadName: string): string {
  if (p.kind === 'Network') return `additionalNetworks entry "${nadName}" of the OpenShift Network operator config`;
  return `${p.kind} "${p.crNamespace && !isClusterScoped(p.kind) ? `${p.crNamespace}/` : ''}${p.crName ?? nadName}"`;
}

export function isClusterScoped(kind: ProviderKind): boolean {
  return (
    kind === 'MacvlanNetwork' ||
    kind === 'HostDeviceNetwork' ||
    kind === 'IPoIBNetwork' ||
    kind === 'ClusterUserDefinedNetwork' ||
    kind === 'Network'
  );
}
