// What to say about a reference that resolves to no NAD: either the name exists only in other
// namespaces than the one a bare name looks in (qualify it), or nothing like it is reachable
// (suggest close names). Shared by rook/selector-* and ref/nad-not-found.
import { declaredHere, Resolution, WorkspaceIndex } from './workspaceIndex';
import type { RelatedLocation } from '../types';
import type { RefSite } from '../ref/fileRefs';

export type Unresolved =
  | { kind: 'namespace'; namespaces: string[]; qualified: string; suggestions: string[]; related: RelatedLocation[] }
  | { kind: 'missing'; suggestions: string[]; noNads: boolean };

export function describeUnresolved(ref: RefSite, res: Resolution, index: WorkspaceIndex): Unresolved {
  const suggestions = index.suggest(ref);
  if (res.elsewhere.length && ref.namespaceSource === 'owner') {
    const namespaces = [...new Set(res.elsewhere.map((n) => n.namespace!))].sort();
    return {
      kind: 'namespace',
      namespaces,
      qualified: `${namespaces[0]}/${ref.name}`,
      suggestions,
      related: res.elsewhere.map(declaredHere),
    };
  }
  return { kind: 'missing', suggestions, noNads: !index.hasNads() };
}

/**
 * A reference that cannot resolve because the workspace holds no NAD at all (they live in another
 * repository) is advice, not a warning: it says how to declare them.
 */
export const NO_NADS_ADVICE =
  'No NetworkAttachmentDefinition is declared anywhere in these files; if they live in another repository, list them under externalNetworks in .multus-networks.yaml so references to them resolve.';

export const quoted = (xs: string[], sep = ', ') => xs.map((x) => `"${x}"`).join(sep);

export const didYouMean = (suggestions: string[]) =>
  suggestions.length ? `. Did you mean ${quoted(suggestions, ' or ')}?` : '.';
