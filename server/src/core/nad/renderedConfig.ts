// The CNI config an operator renders from its custom resource, assembled piece by piece with a map
// from every character of the rendered JSON back to the file: text the operator writes itself
// (braces, "cniVersion", "type") maps nowhere the user can change; a value taken from a YAML field
// maps to that field's value; a JSON string the user wrote (spec.ipam, spec.metaPlugins, …) maps
// character by character into its YAML scalar, after the operator's own transformation of it
// (whitespace deleted, or pasted verbatim). Findings of the CNI checker on the rendered config are
// kept only where they lie on characters the user wrote, and are reported there.
import type { Node } from 'yaml';
import { parseStrictJson } from '../cni/json';
import type { DecodedScalar } from '../embedded/types';
import type { JsonProblem } from '../types';

/** How the operator pastes a user-written string into its template. */
export type SpliceMode =
  /** As written. */
  | 'verbatim'
  /** Every whitespace run deleted, even inside JSON strings (Go `strings.Join(strings.Fields(s), "")`). */
  | 'strip-whitespace';

/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** One user-written piece: its text after the operator's transformation, mapped to the file. */
export interface Piece {
  text: string;
  /** File span of text[i]. */
  starts: number[];
  ends: number[];
  /** The scalar the piece was taken from, and the offset in its decoded value of text[i]. */
  decoded?: DecodedScalar;
  src?: number[];
}

/** An edit of a JSON text (the rendered config, or a piece's decoded value). */
export interface JsonTextEdit {
  start: number;
  end: number;
  newText: string;
}

/** The piece the operator pastes for a decoded scalar. */
export function pieceOf(decoded: DecodedScalar, mode: SpliceMode): Piece {
  const piece: Piece = { text: '', starts: [], ends: [], decoded, src: [] };
  const v = decoded.value;
  for (let i = 0; i < v.length; i++) {
    if (mode === 'strip-whitespace' && GO_SPACE.test(v[i])) continue;
    const [s, e] = decoded.rangeToSource(i, i + 1);
    piece.text += v[i];
    piece.starts.push(s);
    piece.ends.push(e);
    piece.src!.push(i);
  }
  return piece;
}

/** Maps a range of a piece to the file (empty ranges to a point). */
export function pieceRange(p: Piece, start: number, end: number): [number, number] {
  const n = p.text.length;
  if (n === 0) return [0, 0];
  const s = Math.min(Math.max(start, 0), n - 1);
  if (end <= start) {
    const at = start >= n ? p.ends[n - 1] : p.starts[s];
    return [at, at];
  }
  const e = Math.min(Math.max(end, 1), n) - 1;
  return [p.starts[s], Math.max(p.ends[e], p.starts[s])];
}

/**
 * Strict JSON syntax of a piece on its own, as the operator will see it. `wrap` parses it inside
 * `[` `]` (a comma-separated list of plugin objects). Returns the syntax findings in file offsets.
 */
export function pieceSyntax(p: Piece, wrap = false): { start: number; end: number; problem: JsonProblem }[] {
  const text = wrap ? `[${p.text}]` : p.text;
  const shift = wrap ? 1 : 0;
  const parsed = parseStrictJson(text);
  return parsed.problems
    .filter((x) => x.code === 'json/syntax')
    .map((problem) => {
      const [start, end] = pieceRange(p, problem.start - shift, problem.end - shift);
      return { start, end, problem };
    });
}

export class RenderedConfig {
  private text = '';
  private starts: number[] = [];
  private ends: number[] = [];
  private user: boolean[] = [];
  /** For each character taken from a user piece: the piece and the index in it. */
  private origin: ({ piece: Piece; i: number } | undefined)[] = [];

  /** Text the operator writes itself. */
  gen(text: string): this {
    for (let i = 0; i < text.length; i++) {
      this.starts.push(-1);
      this.ends.push(-1);
      this.user.push(false);
      this.origin.push(undefined);
    }
    this.text += text;
    return this;
  }

  /** A JSON value rendered from a YAML field: every character maps to the field's value. */
  field(json: string, node: Node | undefined): this {
    const r = node?.range;
    if (!r) return this.gen(json);
    for (let i = 0; i < json.length; i++) {
      this.starts.push(r[0]);
      this.ends.push(r[1]);
      this.user.push(true);
      this.origin.push(undefined);
    }
    this.text += json;
    return this;
  }

  /** A user-written piece, pasted as transformed. */
  piece(p: Piece): this {
    this.text += p.text;
    this.starts.push(...p.starts);
    this.ends.push(...p.ends);
    for (let i = 0; i < p.text.length; i++) {
      this.user.push(true);
      this.origin.push({ piece: p, i });
    }
    return this;
  }

  /** Where a piece starts in the rendered JSON (undefined when it was not pasted). */
  pieceStart(p: Piece): number | undefined {
    const i = this.origin.findIndex((o) => o?.piece === p);
    return i < 0 ? undefined : i;
  }

  /**
   * The rendered config seen from the user piece whose string holds `fileOffset`: a decoded scalar
   * whose value is the whole rendered JSON (so completion knows where in the config the cursor
   * is) and whose offsets map into that piece's string (text outside the piece maps to its ends).
   */
  pieceScalarAt(fileOffset: number): DecodedScalar | undefined {
    const seen = new Set<Piece>();
    for (const o of this.origin) {
      if (!o || seen.has(o.piece)) continue;
      seen.add(o.piece);
      const d = o.piece.decoded;
      if (!d || !o.piece.src || d.exact === false) continue;
      const from = d.contentStart ?? d.sourceStart;
      const to = d.contentEnd ?? d.sourceEnd;
      if (fileOffset < from || fileOffset > to) continue;
      return this.viewOf(o.piece, d);
    }
    return undefined;
  }

  private viewOf(piece: Piece, d: DecodedScalar): DecodedScalar {
    const first = this.origin.findIndex((o) => o?.piece === piece);
    const last = this.origin.length - 1 - [...this.origin].reverse().findIndex((o) => o?.piece === piece);
    const src = piece.src!;
    const toSource = (i: number): number => {
      if (i < first) return d.toSource(0);
      if (i > last) return d.toSource(d.value.length);
      const o = this.origin[i];
      return o?.piece === piece ? d.toSource(src[o.i]) : d.toSource(src[this.origin[i - 1]!.i] + 1);
    };
    return {
      ...d,
      value: this.text,
      toSource,
      rangeToSource: (start: number, end: number): [number, number] => {
        if (end <= start) {
          const at = toSource(start);
          return [at, at];
        }
        const a = this.origin[start];
        const b = this.origin[end - 1];
        if (a?.piece === piece && b?.piece === piece) return d.rangeToSource(src[a.i], src[b.i] + 1);
        return [toSource(start), toSource(end)];
      },
    };
  }

  /**
   * Edits of the rendered JSON as edits of the decoded value of the one user piece they all lie in
   * (an insertion next to its characters counts), so a quick fix computed on the rendered config
   * can be written into the user's string. Undefined when an edit touches text the operator writes
   * or another piece.
   */
  pieceEdits(edits: readonly JsonTextEdit[]): { decoded: DecodedScalar; edits: JsonTextEdit[] } | undefined {
    let piece: Piece | undefined;
    const out: JsonTextEdit[] = [];
    for (const e of edits) {
      let at: { piece: Piece; i: number } | undefined;
      let start: number;
      let end: number;
      if (e.end > e.start) {
        at = this.origin[e.start];
        const last = this.origin[e.end - 1];
        if (!at || !last || last.piece !== at.piece || last.i - at.i !== e.end - 1 - e.start) return undefined;
        start = at.piece.src![at.i];
        end = at.piece.src![last.i] + 1;
      } else {
        const next = this.origin[e.start];
        const prev = this.origin[e.start - 1];
        if (next && (!piece || next.piece === piece)) {
          at = next;
          start = end = next.piece.src![next.i];
        } else if (prev) {
          at = prev;
          start = end = prev.piece.src![prev.i] + 1;
        } else return undefined;
      }
      if (!at.piece.decoded || !at.piece.src || (piece && piece !== at.piece)) return undefined;
      piece = at.piece;
      out.push({ start, end, newText: e.newText });
    }
    return piece?.decoded ? { decoded: piece.decoded, edits: out } : undefined;
  }

  get value(): string {
    return this.text;
  }

  /** The offset in the rendered JSON of the user's character at a file offset (hover), if any. */
  renderedOffsetAt(fileOffset: number): number | undefined {
    for (let i = 0; i < this.text.length; i++)
      if (this.user[i] && this.starts[i] <= fileOffset && fileOffset < this.ends[i]) return i;
    return undefined;
  }

  /**
   * The file span of a range of the rendered JSON when its first and last characters are the
   * user's (the smallest span covering the user's characters in it); undefined otherwise.
   */
  userRange(start: number, end: number): [number, number] | undefined {
    const n = this.text.length;
    if (start < 0 || start >= n) return undefined;
    const last = Math.max(start, Math.min(end, n) - 1);
    if (!this.user[start] || !this.user[last]) return undefined;
    let s = Infinity;
    let e = -Infinity;
    for (let i = start; i <= last; i++) {
      if (!this.user[i]) continue;
      s = Math.min(s, this.starts[i]);
      e = Math.max(e, this.ends[i]);
    }
    return end <= start ? [s, s] : [s, e];
  }
}
