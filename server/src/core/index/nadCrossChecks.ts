// nad/duplicate and nad/unused: facts about a NAD that only the whole workspace knows.
import type { FileAnalysis } from '../analyze';
import type { Problem } from '../types';
import { contributionOf, declaredHere, IndexedWorkspace, nadLabel, NadEntry, qualified } from './workspaceIndex';

/**
 * Two NADs are the same object when they have the same name and the same explicit namespace, or
 * both lack a namespace and sit in one file (applied together, they land in one namespace). NADs
 * without a namespace in different files may be applied to different namespaces: not duplicates.
 */
export function sameObject(a: NadEntry, b: NadEntry): boolean {
  if (a === b || a.name !== b.name) return false;
  if (a.namespace !== undefined || b.namespace !== undefined) return a.namespace === b.namespace;
  return a.uri === b.uri;
}

/** The config a NAD applies, compared as JSON where it parses (layout and key order aside). */
function configKey(e: NadEntry): string | undefined {
  const text = e.analysis.rendered ?? e.analysis.decoded?.value;
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return v;
}

function sameConfig(a: NadEntry, b: NadEntry): boolean {
  const ka = configKey(a);
  return ka !== undefined && ka === configKey(b);
}

export function checkNadsAcrossFiles(analysis: FileAnalysis, workspace: IndexedWorkspace, out: Problem[]): void {
  const own = contributionOf(analysis);
  if (!own?.nads.length) return;
  const index = workspace.index;
  const applied = index.appliedTogether();
  for (const n of own.nads) {
    const r = n.nad.nameNode?.range;
    if (!r) continue;
    // One kustomization gathers two written NADs with the same id: kustomize refuses the build.
    const clashes = applied.clashes(n).filter((c) => !c.other.analysis.external);
    if (clashes.length) {
      out.push({
        code: 'nad/duplicate',
        severity: 'error',
        message: `NetworkAttachmentDefinition "${qualified(n)}" is also defined in ${clashes.length === 1 ? 'another file' : `${clashes.length} other files`} that the same kustomization gathers: kustomize build fails with "may not add resource with an already registered id". Keep one, or rename or re-namespace the others.`,
        start: r[0],
        end: r[1],
        related: clashes.flatMap((c) => [
          { ...declaredHere(c.other), message: `The other definition of "${qualified(c.other)}"` },
          c.at,
        ]),
      });
    }
    // Files applied together: the same file, files one kustomization gathers, else the same
    // folder (alternatives elsewhere — ipv4/ipv6 variants, overlays, docs next to CI manifests —
    // are not applied together). Two written NADs one kustomization gathers are compared by their
    // ids above (a child kustomization's namespace or name prefix makes them different objects).
    // A copy with the same config in another file replaces the NAD with itself (a later step of a
    // test, a doc next to its manifest): harmless, so only differing copies count across files.
    const others = index
      .nadsNamed(n.name)
      .filter(
        (o) =>
          sameObject(n, o) &&
          !o.analysis.external &&
          (o.uri === n.uri ||
            (applied.together(n.uri, o.uri) &&
              !sameConfig(n, o) &&
              !((applied.governed(n.uri) || applied.governed(o.uri)) && !n.nad.provider && !o.nad.provider))),
      );
    if (others.length) {
      // In one file they are certainly applied together: the later one replaces the earlier. Across
      // files they may be alternatives (environments, overlays, test cases): a warning.
      const together = others.some((o) => o.uri === n.uri);
      const elsewhere = others.filter((o) => o.uri !== n.uri).length;
      const where = applied.governed(n.uri) ? 'that the same kustomization gathers' : 'of this folder';
      out.push({
        code: 'nad/duplicate',
        severity: together ? 'error' : 'warning',
        message: together
          ? `NetworkAttachmentDefinition "${qualified(n)}" is defined ${others.length + 1 - elsewhere} times in this file${elsewhere ? ` (and in ${elsewhere} other place${elsewhere > 1 ? 's' : ''})` : ''}: applying the file keeps only the last one. Remove or rename the others.`
          : `NetworkAttachmentDefinition "${qualified(n)}" is also defined in ${elsewhere === 1 ? 'another file' : `${elsewhere} other files`} ${where}: if they are applied together, the one applied last silently replaces the others. Keep one, or rename or re-namespace the others.`,
        start: r[0],
        end: r[1],
        related: others.map((o) => ({ ...declaredHere(o), message: `The other definition of "${qualified(o)}"` })),
      });
    }
    if (index.referencesTo(n).length === 0) {
      out.push({
        code: 'nad/unused',
        severity: 'hint',
        message: `No CephCluster selector, pod annotation or KubeVirt network in the workspace refers to ${nadLabel(n)}.`,
        start: r[0],
        end: r[1],
      });
    }
  }
}
