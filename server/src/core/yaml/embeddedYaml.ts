// YAML inside a YAML string: Argo CD `spec.source.helm.values` holds the chart values as a string.
// The same exact-offset problem as the JSON in a NAD's spec.config, solved the same way: the string
// is decoded with its offset map (embedded/scalarSource.ts), parsed, and every node range of the
// inner document is moved to the file's offsets, so findings land on the exact characters.
import { Composer, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Parser, Scalar } from 'yaml';
import { decodeScalar } from '../embedded/scalarSource';
import { DEFAULT_LIMITS, hitProblem, scanDocument } from '../limits';
import type { Problem } from '../types';

/** At most this many yaml/syntax findings per embedded text (later ones are usually consequences). */
const MAX_ERRORS = 3;

export interface EmbeddedYaml {
  /** The inner document, its ranges in file offsets. */
  doc: Document.Parsed;
  /** yaml/syntax (or limit) findings inside the string, in file offsets. */
  problems: Problem[];
  /** The source span of the string scalar. */
  span: [number, number];
}

export function embeddedValues(text: string, scalar: Scalar): EmbeddedYaml | undefined {
  if (!text) return undefined;
  const decoded = decodeScalar(text, scalar);
  if (!decoded || decoded.exact === false) return undefined;
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  const docs = Array.from(composer.compose(new Parser().parse(decoded.value))) as Document.Parsed[];
  const doc = docs[0];
  if (!doc) return undefined;
  const span: [number, number] = [decoded.sourceStart, decoded.sourceEnd];
  const hit = scanDocument(doc, DEFAULT_LIMITS);
  if (hit) {
    const [s] = decoded.rangeToSource(0, 0);
    return { doc: new Document() as Document.Parsed, problems: [hitProblem({ ...hit, start: s, end: s })], span };
  }
  const map = (a: number, b: number) =>
    decoded.rangeToSource(Math.min(a, decoded.value.length), Math.min(b, decoded.value.length));
  const problems: Problem[] = [];
  for (const err of doc.errors.slice(0, MAX_ERRORS)) {
    const [s, e] = map(err.pos[0], Math.max(err.pos[0], err.pos[1]));
    problems.push({
      code: 'yaml/syntax',
      severity: 'error',
      message: `YAML syntax in the values string: ${err.message.split('\n')[0]}`,
      start: s,
      end: e,
    });
  }
  remap(doc, map);
  return { doc, problems, span };
}

/** Moves every range of a parsed document through `map` (iteratively: documents may nest deeply). */
function remap(doc: Document.Parsed, map: (a: number, b: number) => [number, number]): void {
  const move = (r: number[] | null | undefined) => {
    if (!r || r.length < 2) return;
    const [s, e] = map(r[0], r[1]);
    const end2 = r.length > 2 ? map(r[1], r[2])[1] : undefined;
    r[0] = s;
    r[1] = e;
    if (end2 !== undefined) r[2] = end2;
  };
  move(doc.range);
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (!isScalar(n) && !isAlias(n) && !isMap(n) && !isSeq(n)) continue;
    move((n as Node).range);
    if (isMap(n) || isSeq(n)) for (const item of n.items as unknown[]) stack.push(item);
  }
}
