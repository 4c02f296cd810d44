// The ref/ family: pod-template `k8s.v1.cni.cncf.io/networks` and `v1.multus-cni.io/default-network`
// annotations and KubeVirt `networks[].multus.networkName` — their syntax (file-local) and whether
// each entry names a NAD of the workspace (cross-file).
// It lives in index/ because the cross-file half reads the index; the syntax itself is ref/.
import type { FileAnalysis } from '../analyze';
import { problem, type Problem } from '../types';
import { NETWORKS_ANNOTATION } from '../yaml/k8sObjects';
import { fileRefs } from '../ref/fileRefs';
import { describeUnresolved, didYouMean, NO_NADS_ADVICE, quoted } from './unresolved';
import type { IndexedWorkspace } from './workspaceIndex';

export function checkAnnotationSyntax(analysis: FileAnalysis): void {
  for (const site of fileRefs(analysis).sites) {
    if (site.origin === 'selector') continue;
    const where =
      site.origin === 'networkName'
        ? `${site.vm?.workloadKind ?? 'VirtualMachine'} networks[].multus.networkName`
        : `Annotation ${site.annotation?.key ?? NETWORKS_ANNOTATION}`;
    for (const e of site.errors) {
      analysis.problems.push(
        problem(e.code ?? 'ref/annotation-syntax', 'error', {
          message: `${where}: ${e.message}`,
          start: e.start,
          end: e.end,
          ...(e.fix ? { data: { fix: e.fix } } : {}),
        }),
      );
    }
  }
}

export function checkAnnotationTargets(analysis: FileAnalysis, workspace: IndexedWorkspace, out: Problem[]): void {
  const index = workspace.index;
  for (const ref of fileRefs(analysis).refs) {
    if (ref.site.origin === 'selector') continue;
    const res = index.resolve(ref);
    if (res.candidates.length) continue;
    const u = describeUnresolved(ref, res, index);
    const span = { start: ref.entryStart, end: ref.entryEnd };
    const vm = ref.site.origin === 'networkName';
    if (u.kind === 'namespace') {
      out.push({
        code: 'ref/nad-not-found',
        severity: 'warning',
        message: `No NetworkAttachmentDefinition "${ref.name}" in the ${vm ? 'virtual machine' : 'pod'}'s namespace "${ref.namespace}"; it exists only in ${quoted(u.namespaces)}. Qualify it: "${u.qualified}".`,
        ...span,
        data: { qualified: u.qualified, suggestions: u.suggestions },
        related: u.related,
      });
      continue;
    }
    const where = ref.namespace ? `namespace "${ref.namespace}"` : 'the workspace';
    out.push({
      code: 'ref/nad-not-found',
      severity: u.noNads ? 'info' : 'warning',
      message: u.noNads
        ? `No NetworkAttachmentDefinition "${ref.name}" in ${where}. ${NO_NADS_ADVICE}`
        : `No NetworkAttachmentDefinition "${ref.name}" in ${where}${didYouMean(u.suggestions)} ${vm ? 'KubeVirt does not start the virtual machine' : 'The pod stays in ContainerCreating'} until it exists: create the NAD or fix the name.`,
      ...span,
      data: { suggestions: u.suggestions, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
    });
  }
}
