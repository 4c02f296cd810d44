// Find references: from a NAD's name or from any reference, every selector and annotation entry
// that resolves to the same NAD(s) (plus the declarations when asked).
import { nadNameSpan, SpanIn, symbolAt } from '../index/symbolAt';
import type { NadEntry } from '../index/workspaceIndex';
import type { RefSite } from '../ref/fileRefs';
import type { Workspace } from '../workspace';
import { bySpan } from './definition';

export interface ReferenceGroup {
  /** The NADs meant (empty when the reference resolves to nothing). */
  nads: NadEntry[];
  refs: RefSite[];
}

/** The NADs at `offset` and every reference to them; for an unresolved reference, its look-alikes. */
export function referenceGroupAt(workspace: Workspace, uri: string, offset: number): ReferenceGroup | undefined {
  const sym = symbolAt(workspace, uri, offset);
  if (!sym) return undefined;
  const index = workspace.index;
  if (sym.kind === 'nad') return { nads: [sym.nad], refs: index.referencesTo(sym.nad) };
  const nads = index.resolve(sym.ref).candidates;
  if (nads.length) {
    const refs = new Set<RefSite>();
    for (const n of nads) for (const r of index.referencesTo(n)) refs.add(r);
    return { nads, refs: [...refs] };
  }
  const same = index
    .refsNamed(sym.ref.name)
    .filter((r) => r.namespace === sym.ref.namespace && index.resolve(r).candidates.length === 0);
  return { nads: [], refs: same };
}

export function referencesAt(workspace: Workspace, uri: string, offset: number, includeDeclaration: boolean): SpanIn[] {
  const g = referenceGroupAt(workspace, uri, offset);
  if (!g) return [];
  const out: SpanIn[] = g.refs.map((r) => ({ uri: r.uri, start: r.nameStart, end: r.nameEnd }));
  if (includeDeclaration) {
    for (const n of g.nads) {
      const s = nadNameSpan(n, workspace.get(n.uri)?.text ?? '');
      if (s) out.push(s);
    }
  }
  return out.sort(bySpan);
}
