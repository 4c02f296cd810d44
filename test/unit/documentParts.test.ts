// Part-wise and incremental parsing (core/yaml/documentParts.ts) against the `yaml` package's own
// whole-stream parse as the oracle: the same documents, node ranges, values and errors, for the
// corpus, for random streams built from the characters that end or confuse documents, and after
// random edits that reuse the previous parse.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { documentMarkers, parseParts } from '../../server/src/core/yaml/documentParts';
import { parseYamlFile } from '../../server/src/core/yaml/yamlFile';
import { CORPUS, corpusSkip, yamlFilesUnder } from '../support/workspaceFixtures';

/** Everything a check can read from a parse: document ranges, every node's kind, range and value, errors. */
function shape(docs: Document.Parsed[], loose = false): unknown[] {
  return docs
    .filter((doc) => !isEmptyDocument(doc))
    .map((doc) => {
      const nodes: unknown[] = [];
      const stack: unknown[] = [doc.contents];
      while (stack.length) {
        const n = stack.pop();
        if (isPair(n)) {
          stack.push(n.value, n.key);
          continue;
        }
        // Loose: a null value's node end may differ by the line break of a comment before a marker
        // (`b:\n# c\n---`: the whole-stream parse ends it before the break, the part after it).
        if (isScalar(n))
          nodes.push(['scalar', loose ? n.range?.slice(0, 2) : n.range, n.value, n.type, n.anchor ?? null]);
        else if (isAlias(n)) nodes.push(['alias', n.range, n.source]);
        else if (isMap(n) || isSeq(n)) {
          nodes.push([isMap(n) ? 'map' : 'seq', loose ? n.range?.[0] : n.range, n.flow ?? false, n.anchor ?? null]);
          for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
        } else nodes.push([n === null ? 'null' : typeof n]);
      }
      // Where a document starts differs only after garbage before the first marker (see isEmptyDocument).
      return { range: loose ? null : doc.range.slice(1), nodes };
    });
}

/**
 * A document with nothing in it. Garbage before the first marker (a stray `]`) makes an empty
 * document of its own in a part, while the whole-stream parse files its error under the next one.
 */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return isScalar(c) && c.value === null && c.range[0] === c.range[1];
}

/**
 * The errors of all documents, in order. (The whole-stream parse files an error token that opens
 * a document under the previous document; the positions are the same.)
 */
function errors(docs: Document.Parsed[]): unknown[] {
  return docs
    .flatMap((d) => d.errors.map((e) => [e.code, e.pos[0], e.pos[1]]))
    .sort((a, b) => (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number));
}

function wholeParse(text: string): Document.Parsed[] {
  return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }) as unknown as Document.Parsed[];
}

/**
 * Where the oracle is not the spec: directives (parsed whole on purpose), and a quote left open to
 * the end of the stream, which the `yaml` package lets run over every later `---` (see below): a
 * node or an error that spans a marker.
 */
function comparable(text: string): boolean {
  if (/(?:^\uFEFF?|\n)%/.test(text)) return false;
  const markers = documentMarkers(text);
  const crosses = (a: number, b: number) => markers.some((m) => a < m && m < b);
  for (const doc of wholeParse(text)) {
    if (doc.errors.some((e) => crosses(e.pos[0], e.pos[1]))) return false;
    const stack: unknown[] = [doc.contents];
    while (stack.length) {
      const n = stack.pop();
      if (isPair(n)) stack.push(n.key, n.value);
      else if (isScalar(n) || isAlias(n) || isMap(n) || isSeq(n)) {
        if (n.range && crosses(n.range[0], n.range[2])) return false;
        if (isMap(n) || isSeq(n)) stack.push(...n.items);
      }
    }
  }
  return true;
}

/**
 * Part by part against the whole stream. Where the stream is valid YAML, everything must match.
 * In broken YAML the whole-stream parse is not a reliable oracle past the first error (an unclosed
 * `[` or quote adds errors at the next marker, or hides one after it, or is cut a character short):
 * there the documents must still match and both must see an error.
 */
function assertSameAsWhole(text: string, loose = false): void {
  const parts = parseParts(text, text.length, documentMarkers(text)).parts;
  const partDocs = parts.flatMap((p) => p.docs ?? []);
  const whole = wholeParse(text);
  const wholeErrors = errors(whole);
  if (wholeErrors.length === 0) {
    assert.deepEqual(shape(partDocs, loose), shape(whole, loose), `text: ${JSON.stringify(text)}`);
    assert.deepEqual(errors(partDocs), [], `errors, text: ${JSON.stringify(text)}`);
  } else {
    assert.equal(shape(partDocs).length, shape(whole).length, `documents, text: ${JSON.stringify(text)}`);
    assert.ok(errors(partDocs).length > 0, `errors, text: ${JSON.stringify(text)}`);
  }
}

// ---------------------------------------------------------------------------------------------

test('every corpus file parses part by part exactly as the whole stream does', { skip: corpusSkip }, () => {
  const files = yamlFilesUnder(CORPUS);
  assert.ok(files.length > 20, `${files.length} corpus files`);
  for (const f of files) assertSameAsWhole(fs.readFileSync(f, 'utf8'));
});

test('markers are `---` at a line start followed by a blank, a line break or the end', () => {
  const text = '---\na: 1\n--- # c\nb: 2\n----\nc: 3\n ---\n---\t\n---';
  assert.deepEqual(documentMarkers(text), [0, 9, 37, 42]);
  assert.deepEqual(documentMarkers('a: 1\n---x\n'), []);
});

/** Pieces that open, close or confuse documents: markers, block and flow openers, quotes, comments. */
const piece = fc.constantFrom(
  '---',
  '--- ',
  '...',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '  ',
  '- ',
  'a: ',
  'b:',
  '|',
  '>-',
  '|+',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '# c',
  '&x ',
  '*x',
  '!!str ',
  'k',
  'v 1',
  '? ',
  '\t',
  '%YAML 1.2',
  '\uFEFF',
);
const stream = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

/** Valid documents with the constructs that span lines: block scalars, multi-line quotes and flows, anchors. */
const validDoc = fc.constantFrom(
  'a: 1\n',
  'kind: NetworkAttachmentDefinition\nspec:\n  config: |\n    {"a": [1,\n      2]}\n\n',
  "s: 'one\n  two'\n",
  's: "x\\\n  y"\n',
  'f: [1,\n  2, {a: b}]\n',
  '- &x a\n- *x\n',
  'b: >-\n  folded\n  text\n',
  '# comment\n',
  '',
  'k: ---x\n',
  'q: |+\n  keep\n\n',
  '...\n',
);
const validStream = fc
  .array(fc.tuple(validDoc, fc.constantFrom('---\n', '--- \n', '--- # c\n', '---\r\n')), { maxLength: 8 })
  .map((a) => a.map(([d, m]) => m + d).join(''));

test('random valid streams: part by part equals the whole stream exactly', () => {
  fc.assert(
    fc.property(validStream, (text) => {
      assert.deepEqual(errors(wholeParse(text)), [], `generator made invalid YAML: ${JSON.stringify(text)}`);
      assertSameAsWhole(text);
    }),
    { numRuns: 2000 },
  );
});

test('random streams: part by part equals the whole stream (without directives)', () => {
  fc.assert(
    fc.property(stream, (text) => {
      fc.pre(comparable(text));
      // Loose: where a collection and its document end may differ by a trailing blank line (a
      // mapping whose last `? key` has no value: the whole-stream parse stops before the blank).
      assertSameAsWhole(text, true);
    }),
    { numRuns: 3000 },
  );
});

test('streams with directives are parsed whole (directives carry over to the next document)', () => {
  const text = '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n---\nb: 2\n';
  const parts = parseParts(text, text.length, documentMarkers(text)).parts;
  assert.equal(parts.length, 1);
  assert.deepEqual(shape(parts[0].docs!), shape(wholeParse(text)));
});

test('a quote left open ends at the next document marker, so later documents are still read', () => {
  // The spec forbids `---` at a line start inside any scalar; the yaml package agrees when a
  // closing quote follows somewhere, but an unclosed one swallows the rest of its whole-stream parse.
  const text = "a: 'open\n---\nkind: NetworkAttachmentDefinition\n";
  const parts = parseParts(text, text.length, documentMarkers(text)).parts.flatMap((p) => p.docs ?? []);
  assert.equal(parts.length, 2);
  assert.deepEqual(parts[1].toJS(), { kind: 'NetworkAttachmentDefinition' });
  assert.deepEqual(errors(parts), [['MISSING_CHAR', 9, 10]]);
  // With a quote further on, the whole-stream parse stops at the marker too, but drops the last
  // character of the string ('ope'); parts read it whole.
  const closedLater = "a: 'open\n---\nkind: 'x'\n";
  const closedParts = parseParts(closedLater, closedLater.length, documentMarkers(closedLater)).parts.flatMap(
    (p) => p.docs ?? [],
  );
  assert.deepEqual(
    closedParts.map((d) => d.toJS()),
    [{ a: 'open' }, { kind: 'x' }],
  );
  assert.deepEqual(
    wholeParse(closedLater).map((d) => d.toJS()),
    [{ a: 'ope' }, { kind: 'x' }],
  );
});

test('parts the caller does not want are not parsed, and are counted as documents for the limit', () => {
  const text = 'kind: A\n---\nkind: B\n---\nkind: A\n';
  const parsed = parseYamlFile(text, { maxDocuments: 100 }, { wanted: (p) => p.includes('A') });
  assert.deepEqual(
    parsed.parts.map((p) => [p.start, p.end, p.docs?.length ?? null]),
    [
      [0, 8],
      [8, 20],
      [20, 32],
    ].map(([s, e], i) => [s, e, i === 1 ? null : 1]),
  );
  // A document's range starts at its marker.
  assert.deepEqual(
    parsed.docs.map((d) => d.range[0]),
    [0, 20],
  );
  const limited = parseYamlFile(text, { maxDocuments: 2 }, { wanted: (p) => p.includes('A') });
  assert.deepEqual(
    limited.problems.map((p) => [p.code, p.start]),
    [['yaml/limit', 20]],
  );
  assert.equal(limited.docs.length, 1);
});

// ---------------------------------------------------------------------------------------------
// Incremental: a parse that reuses the previous version's parts equals a fresh one.

const baseStream = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "x"\n',
        'kind: NetworkAttachmentDefinition\nspec:\n  config: |\n    {"a": [1, 2]}\n',
        '- a\n- &r b\n- *r\n',
        'x: [1,\n  2]\n',
        '# only a comment\n',
      ),
      stream,
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((docs) => docs.join('---\n'));
const edit = fc.tuple(
  fc.nat(),
  fc.nat(6),
  fc.oneof(fc.constant(''), piece, fc.constantFrom('---\n', '\n---\n', 'x', ' ')),
);

function applyEdit(text: string, [at, len, insert]: [number, number, string]): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + len));
}

test('random edit sequences: reusing the previous parse gives the same documents as parsing afresh', () => {
  fc.assert(
    fc.property(baseStream, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (text, edits, filter) => {
      const wanted = filter ? (p: string) => p.includes('kind') : undefined;
      let previous = parseYamlFile(text, { maxDocuments: 1000 }, { wanted });
      let cur = text;
      for (const e of edits) {
        cur = applyEdit(cur, e);
        const incremental = parseYamlFile(cur, { maxDocuments: 1000 }, { wanted, previous });
        const fresh = parseYamlFile(cur, { maxDocuments: 1000 }, { wanted });
        assert.deepEqual(shape(incremental.docs), shape(fresh.docs), `after edits, text: ${JSON.stringify(cur)}`);
        assert.deepEqual(errors(incremental.docs), errors(fresh.docs));
        assert.deepEqual(incremental.problems, fresh.problems);
        assert.deepEqual(
          incremental.parts.map((p) => [p.start, p.end, !!p.docs]),
          fresh.parts.map((p) => [p.start, p.end, !!p.docs]),
        );
        previous = incremental;
      }
    }),
    { numRuns: 1500 },
  );
});

test('an edit re-parses only the part it touched; later parts are moved, earlier ones kept', () => {
  const docs = Array.from({ length: 5 }, (_, i) => `kind: NetworkAttachmentDefinition\nmetadata:\n  name: n${i}\n`);
  const text = docs.join('---\n');
  const first = parseYamlFile(text);
  const at = text.indexOf('n2');
  const next = text.slice(0, at) + 'xx' + text.slice(at);
  const second = parseYamlFile(next, undefined, { previous: first });
  const firstDocs = first.parts.map((p) => p.docs![0]);
  const secondDocs = second.parts.map((p) => p.docs![0]);
  assert.deepEqual(
    secondDocs.map((d, i) => d === firstDocs[i]),
    [true, true, false, true, true],
  );
  assert.deepEqual(shape(second.docs), shape(parseYamlFile(next).docs));
  const moved = secondDocs[4].contents!.range[0];
  assert.equal(next.slice(moved, moved + 4), 'kind');
});
