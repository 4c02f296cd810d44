// Go to definition: from a selector or an annotation entry to the NAD(s) it resolves to; on a NAD's
// own name, the declaration itself.
import { nadNameSpan, SpanIn, symbolAt } from '../index/symbolAt';
import type { Workspace } from '../workspace';

export function definitionAt(workspace: Workspace, uri: string, offset: number): SpanIn[] {
  const sym = symbolAt(workspace, uri, offset);
  if (!sym) return [];
  const nads = sym.kind === 'nad' ? [sym.nad] : workspace.index.resolve(sym.ref).candidates;
  return nads
    .flatMap((n) => {
      const s = nadNameSpan(n, workspace.get(n.uri)?.text ?? '');
      return s ? [s] : [];
    })
    .sort(bySpan);
}

export function bySpan(a: SpanIn, b: SpanIn): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start;
}
