// Rename a network: from a NAD's metadata.name or from any selector/annotation entry, rename the
// NAD(s) and every reference to them. Only the name changes: `ns/` prefixes, `@iface` suffixes and
// the scalar's quoting style stay. The config's JSON "name" follows when it equalled the old name
// (otherwise nad/name-mismatch would appear). New names must be DNS-1123 labels, which the short
// reference form requires.
import type { Scalar } from 'yaml';
import { decodeScalar } from '../embedded/scalarSource';
import { configNameSpan, nadNameSpan, symbolAt } from '../index/symbolAt';
import { isDnsLabel } from '../ref/networkRefs';
import type { Workspace } from '../workspace';
import { referenceGroupAt } from './references';

/** A refusal with a message for the user (the LSP layer turns it into a ResponseError). */
export class RenameError extends Error {
  constructor(
    message: string,
    /** 'invalid-name': the new name is refused; 'no-symbol': nothing renameable here; 'conflict': the name is taken. */
    readonly reason: 'invalid-name' | 'no-symbol' | 'conflict',
  ) {
    super(message);
  }
}

export interface TextEditAt {
  start: number;
  end: number;
  newText: string;
}

export interface PreparedRename {
  start: number;
  end: number;
  placeholder: string;
}

export function prepareRename(workspace: Workspace, uri: string, offset: number): PreparedRename {
  const sym = symbolAt(workspace, uri, offset);
  if (!sym)
    throw new RenameError(
      'Place the cursor on a NetworkAttachmentDefinition name, a CephCluster selector or a networks annotation entry to rename a network.',
      'no-symbol',
    );
  const placeholder = sym.kind === 'nad' ? sym.nad.name : sym.ref.name;
  return { start: sym.start, end: sym.end, placeholder };
}

export function renameEdits(
  workspace: Workspace,
  uri: string,
  offset: number,
  newNameRaw: string,
): Map<string, TextEditAt[]> {
  const newName = newNameRaw.trim();
  if (!isDnsLabel(newName)) {
    throw new RenameError(
      `"${newNameRaw}" cannot be a network name: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (a DNS-1123 label, which selectors and annotations require).`,
      'invalid-name',
    );
  }
  const group = referenceGroupAt(workspace, uri, offset);
  if (!group) throw new RenameError('There is no network name here to rename.', 'no-symbol');
  const index = workspace.index;
  for (const n of group.nads) {
    const clash = index
      .nadsNamed(newName)
      .find((o) => o.namespace === n.namespace && (n.namespace !== undefined || o.uri === n.uri));
    if (clash && clash !== n) {
      throw new RenameError(
        `A NetworkAttachmentDefinition "${n.namespace ? `${n.namespace}/` : ''}${newName}" already exists (${clash.uri}); choose another name.`,
        'conflict',
      );
    }
  }
  const edits = new Map<string, TextEditAt[]>();
  const push = (u: string, e: TextEditAt) => {
    const list = edits.get(u) ?? [];
    if (!list.some((x) => x.start === e.start && x.end === e.end)) list.push(e);
    edits.set(u, list);
  };
  const textOf = (u: string) => workspace.get(u)?.text ?? '';
  for (const n of group.nads) {
    if (n.name === newName) continue;
    const text = textOf(n.uri);
    const span = nadNameSpan(n, text);
    if (span) push(n.uri, scalarPartEdit(text, n.nad.nameNode as Scalar, 0, n.name.length, span, n.name, newName));
    const cfg = configNameSpan(n, n.name);
    if (cfg && text.slice(cfg.start, cfg.end) === n.name)
      push(n.uri, { start: cfg.start, end: cfg.end, newText: newName });
  }
  for (const r of group.refs) {
    if (r.name === newName) continue;
    const text = textOf(r.uri);
    push(
      r.uri,
      scalarPartEdit(
        text,
        r.site.scalar,
        r.ref.nameStart,
        r.ref.nameEnd,
        { start: r.nameStart, end: r.nameEnd },
        r.name,
        newName,
      ),
    );
  }
  for (const list of edits.values()) list.sort((a, b) => a.start - b.start);
  return edits;
}

/**
 * Replaces value[from, to) (whose source is `span`) by `newName`. The name's characters normally
 * appear verbatim in the source, so only they change; when they are escaped or folded, the whole
 * scalar is rewritten in its own quoting style.
 */
function scalarPartEdit(
  text: string,
  scalar: Scalar,
  from: number,
  to: number,
  span: { start: number; end: number },
  oldName: string,
  newName: string,
): TextEditAt {
  if (text.slice(span.start, span.end) === oldName) return { start: span.start, end: span.end, newText: newName };
  const d = decodeScalar(text, scalar);
  const value = d ? d.value : String(scalar.value);
  const next = value.slice(0, from) + newName + value.slice(to);
  const r = scalar.range ?? [span.start, span.end];
  return { start: r[0], end: r[1], newText: encodeLike(scalar.type, next) };
}

function encodeLike(style: Scalar['type'], value: string): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'PLAIN' && /^[a-z0-9][-a-z0-9/@,. ]*$/.test(value) && !/\s$/.test(value)) return value;
  return JSON.stringify(value);
}
