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

const folderOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/'));

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
  for (const n of own.nads) {
    const r = n.nad.nameNode?.range;
    if (!r) continue;
    // Across folders they are alternatives (ipv4/ipv6 variants, overlays, docs next to CI
    // manifests) that are not applied together: only the same file or folder counts.
    // A copy with the same config in another file replaces the NAD with itself (a later step of a
    // test, a doc next to its manifest): harmless, so only differing copies count across files.
    const others = index
      .nadsNamed(n.name)
      .filter(
        (o) =>
          sameObject(n, o) &&
          !o.analysis.external &&
          folderOf(o.uri) === folderOf(n.uri) &&
          (o.uri === n.uri || !sameConfig(n, o)),
      );
    if (others.length) {
      // In one file they are certainly applied together: the later one replaces the earlier. Across
      // files they may be alternatives (environments, overlays, test cases): a warning.
      const together = others.some((o) => o.uri === n.uri);
      const elsewhere = others.filter((o) => o.uri !== n.uri).length;
      out.push({
        code: 'nad/duplicate',
        severity: together ? 'error' : 'warning',
        message: together
          ? `NetworkAttachmentDefinition "${qualified(n)}" is defined ${others.length + 1 - elsewhere} times in this file${elsewhere ? ` (and in ${elsewhere} other place${elsewhere > 1 ? 's' : ''})` : ''}: applying the file keeps only the last one. Remove or rename the others.`
          : `NetworkAttachmentDefinition "${qualified(n)}" is also defined in ${elsewhere === 1 ? 'another file' : `${elsewhere} other files`} of this folder: if they are applied together, the one applied last silently replaces the others. Keep one, or rename or re-namespace the others.`,
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
