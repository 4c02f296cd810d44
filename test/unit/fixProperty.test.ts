// Property test: take a real NAD from the corpus (../shared/corpus/valid, test/support/shared.ts), re-encode its config
// in a random scalar style (one-line quoted, multi-line single-quoted, literal, folded), break its JSON in a known way, apply the preferred quick fix for the
// finding that causes, and check: the file still parses with no more YAML errors, the config is
// strict JSON again (equal to the original for reversible mistakes), the finding is gone, and
// nothing outside the config scalar changed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseStrictJson } from '../../server/src/core/cni/json';
import { applyEdits } from '../../server/src/core/edits';
import type { DecodedScalar, ScalarStyle } from '../../server/src/core/embedded/types';
import { fixesFor } from '../../server/src/core/features/codeActions';
import { jsonTree, memberIndex, removeProperty } from '../../server/src/core/features/fixes/jsonEdits';
import { compactJson, prettyJson } from '../../server/src/core/features/fixes/layoutFixes';
import { editScalarValue, replaceScalarValue, ValueEdit } from '../../server/src/core/features/fixes/scalarEdit';
import type { Problem } from '../../server/src/core/types';
import type { Workspace } from '../../server/src/core/workspace';
import { parseYamlFile } from '../../server/src/core/yaml/yamlFile';
import { CORPUS, corpusSkip, memoryWorkspace, yamlFilesUnder } from '../support/workspaceFixtures';

interface Sample {
  file: string;
  text: string;
  nad: number;
}

const URI = 'file:///mem/sample.yaml';

/** Corpus NADs whose config is a strict JSON object. */
function samples(): Sample[] {
  if (corpusSkip) return [];
  const dir = path.join(CORPUS, 'valid');
  const out: Sample[] = [];
  for (const file of yamlFilesUnder(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const ws = memoryWorkspace({ 'sample.yaml': text });
    const a = ws.get(URI)!;
    if (a.text !== a.source || parseYamlFile(a.text).problems.length) continue;
    a.nads.forEach((n, i) => {
      const d = n.decoded;
      if (d && d.exact !== false && d.value.trim().startsWith('{') && !parseStrictJson(d.value).problems.length)
        out.push({ file, text, nad: i });
    });
  }
  return out;
}

type Mutation = { kind: string; code: string; reversible: boolean; edits: (json: string) => ValueEdit[] | undefined };

const firstMatch = (json: string, re: RegExp): RegExpExecArray | null => re.exec(json);

const MUTATIONS: Mutation[] = [
  {
    kind: 'trailing comma',
    code: 'json/syntax',
    reversible: true,
    edits: (json) => {
      const root = jsonTree(json);
      const last = root?.children?.[root.children.length - 1];
      return last ? [{ start: last.offset + last.length, end: last.offset + last.length, newText: ',' }] : undefined;
    },
  },
  {
    kind: 'block comment',
    code: 'json/syntax',
    reversible: true,
    edits: (json) => {
      const root = jsonTree(json);
      const first = root?.children?.[0];
      return first
        ? [{ start: first.offset + first.length, end: first.offset + first.length, newText: ' /* added */' }]
        : undefined;
    },
  },
  {
    kind: 'missing comma',
    code: 'json/syntax',
    reversible: true,
    edits: (json) => {
      const root = jsonTree(json);
      const [a, b] = root?.children ?? [];
      if (!a || !b) return undefined;
      const comma = json.indexOf(',', a.offset + a.length);
      return comma >= 0 && comma < b.offset ? [{ start: comma, end: comma + 1, newText: '' }] : undefined;
    },
  },
  {
    kind: 'unquoted key',
    code: 'json/syntax',
    reversible: true,
    edits: (json) => {
      const key = jsonTree(json)?.children?.[0]?.children?.[0];
      return key && /^[A-Za-z_]\w*$/.test(String(key.value))
        ? [{ start: key.offset, end: key.offset + key.length, newText: String(key.value) }]
        : undefined;
    },
  },
  {
    kind: 'python quotes',
    code: 'json/syntax',
    reversible: true,
    edits: (json) =>
      json.includes("'") || json.includes('\\')
        ? undefined
        : [{ start: 0, end: json.length, newText: json.replace(/"/g, "'") }],
  },
  {
    kind: 'bad version',
    code: 'cni/unsupported-cniVersion',
    reversible: false,
    edits: (json) => {
      const m = firstMatch(json, /"cniVersion"\s*:\s*"(\d+)\.(\d+)\.\d+"/);
      if (!m) return undefined;
      const at = m.index + m[0].lastIndexOf('"', m[0].length - 2);
      return [{ start: at, end: m.index + m[0].length, newText: `"${m[1]}.${m[2]}"` }];
    },
  },
  {
    kind: 'no version',
    code: 'cni/missing-cniVersion',
    reversible: false,
    edits: (json) => {
      const root = jsonTree(json);
      const i = root ? memberIndex(root, 'cniVersion') : -1;
      const e = root && i >= 0 && root.children!.length > 1 ? removeProperty(json, root.children![i]) : undefined;
      return e ? [e] : undefined;
    },
  },
  {
    kind: 'mode letter case',
    code: 'cni/invalid-value',
    reversible: true,
    edits: (json) => {
      const m = firstMatch(json, /"mode"\s*:\s*"([a-z0-9]+)"/);
      if (!m) return undefined;
      const at = m.index + m[0].length - m[1].length - 1;
      return [{ start: at, end: at + m[1].length, newText: m[1].toUpperCase() }];
    },
  },
  {
    kind: 'misspelled master',
    code: 'cni/unknown-field',
    reversible: true,
    edits: (json) => {
      const m = firstMatch(json, /"master"\s*:/);
      return m ? [{ start: m.index, end: m.index + '"master"'.length, newText: '"mastr"' }] : undefined;
    },
  },
  {
    kind: 'misspelled plugin type',
    code: 'cni/unknown-type',
    reversible: true,
    edits: (json) => {
      const m = firstMatch(json, /"type"\s*:\s*"(macvlan|ipvlan|bridge|host-device|sriov)"/);
      if (!m) return undefined;
      const at = m.index + m[0].length - 2;
      return [{ start: at, end: at + 1, newText: m[1].endsWith('n') ? 'm' : 'x' }];
    },
  },
];

type Style = ScalarStyle | 'QUOTE_SINGLE_MULTILINE';
const STYLES: Style[] = ['QUOTE_SINGLE', 'QUOTE_SINGLE_MULTILINE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

/**
 * The config re-encoded in `style`: one-line JSON in quotes, formatted JSON in blocks, and the
 * common hand-written form of a single-quoted string over several lines (which folds to spaces).
 */
function restyle(text: string, d: DecodedScalar, style: Style): string | undefined {
  if (style === 'QUOTE_SINGLE_MULTILINE') {
    const lines = prettyJson(d.value).trimEnd().split('\n');
    const source = `'${lines[0]}\n${lines
      .slice(1)
      .map((l) => `    ${l.replace(/'/g, "''")}`)
      .join('\n')}'`;
    const end =
      /\n$/.test(text.slice(d.sourceStart, d.sourceEnd)) && (d.style === 'BLOCK_LITERAL' || d.style === 'BLOCK_FOLDED')
        ? d.sourceEnd - 1
        : d.sourceEnd;
    return applyEdits(text, [{ start: d.sourceStart, end, newText: source }]);
  }
  if (d.style === style) return text;
  const value = style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE' ? compactJson(d.value) : prettyJson(d.value);
  const r = replaceScalarValue(text, d, value, style);
  return r && r.style === style ? applyEdits(text, r.edits) : undefined;
}

function nadOf(ws: Workspace, i: number): DecodedScalar {
  return ws.get(URI)!.nads[i].decoded!;
}

const SAMPLES = samples();

test('the corpus has NADs to mutate', { skip: corpusSkip }, () => {
  assert.ok(SAMPLES.length >= 20, `${SAMPLES.length} samples`);
});

test(
  'property: the preferred fix for a mutated corpus config repairs it and touches nothing else',
  { skip: corpusSkip },
  () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.constantFrom(...STYLES),
        fc.constantFrom(...MUTATIONS),
        (sample, style, mutation) => {
          // 1. The sample's config in the chosen style.
          let ws = memoryWorkspace({ 'sample.yaml': sample.text });
          let d = nadOf(ws, sample.nad);
          const original = d.value;
          const styledText = restyle(ws.get(URI)!.text, d, style);
          if (styledText === undefined) return;
          ws = memoryWorkspace({ 'sample.yaml': styledText });
          d = nadOf(ws, sample.nad);
          assert.deepEqual(JSON.parse(d.value), JSON.parse(original), 'restyling keeps the config');
          assert.equal(d.style, style === 'QUOTE_SINGLE_MULTILINE' ? 'QUOTE_SINGLE' : style);
          // 2. The mistake.
          const edits = mutation.edits(d.value);
          if (!edits) return;
          const mutated = editScalarValue(styledText, d, edits);
          if (!mutated) return;
          const broken = applyEdits(styledText, mutated.edits);
          ws = memoryWorkspace({ 'sample.yaml': broken });
          d = nadOf(ws, sample.nad);
          const inNad = (p: Problem) => p.code === mutation.code && p.start >= d.sourceStart && p.end <= d.sourceEnd;
          const target = ws.problemsFor(URI).find(inNad);
          if (!target) return;
          // 3. The fix.
          const fix = fixesFor({ uri: URI, analysis: ws.get(URI)!, workspace: ws }, target).find((f) => f.isPreferred);
          assert.ok(
            fix,
            `a preferred fix for ${mutation.kind} (${target.code}: ${target.message}) in ${path.basename(sample.file)} as ${style}`,
          );
          const fe = fix.change.edits.get(URI)!;
          for (const e of fe)
            assert.ok(
              e.start >= d.sourceStart && e.end <= d.sourceEnd + 1,
              `${fix.title}: edit ${e.start}-${e.end} inside the scalar ${d.sourceStart}-${d.sourceEnd}`,
            );
          const fixed = applyEdits(broken, fe);
          // Nothing outside the scalar changed.
          const delta = fixed.length - broken.length;
          assert.equal(fixed.slice(0, d.sourceStart), broken.slice(0, d.sourceStart));
          assert.equal(fixed.slice(d.sourceEnd + delta), broken.slice(d.sourceEnd));
          // Valid YAML, valid JSON, the finding gone.
          assert.ok(
            parseYamlFile(fixed).problems.length <= parseYamlFile(broken).problems.length,
            'no new YAML errors',
          );
          const after = memoryWorkspace({ 'sample.yaml': fixed });
          const nd = nadOf(after, sample.nad);
          assert.deepEqual(
            parseStrictJson(nd.value).problems.filter((p) => p.code === 'json/syntax'),
            [],
            `${mutation.kind}: strict JSON again`,
          );
          const same = (p: Problem) => p.code === target.code && p.message === target.message;
          assert.ok(
            after.problemsFor(URI).filter(same).length < ws.problemsFor(URI).filter(same).length,
            `${mutation.kind}: the finding is gone`,
          );
          if (mutation.reversible)
            assert.deepEqual(
              JSON.parse(nd.value),
              JSON.parse(original),
              `${mutation.kind}: the original config is back`,
            );
          checked++;
        },
      ),
      {
        seed: Number(process.env.FIX_PROPERTY_SEED ?? 20261129),
        numRuns: Number(process.env.FIX_PROPERTY_RUNS ?? 400),
      },
    );
    assert.ok(checked > Number(process.env.FIX_PROPERTY_RUNS ?? 400) / 3, `${checked} fixes checked`);
    if (process.env.DEBUG_PROPERTY) console.log(checked, SAMPLES.length);
  },
);
