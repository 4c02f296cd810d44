// Bad input: one case per hostile input, each run through the CLI (in-process runCli: exit code and
// the exact rule ids) and through the real language server over stdio (the exact ids published,
// then a normal document still answered). Small fixtures live in test/fixtures/hostile; the big
// ones are generated at test time in os.tmpdir().
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { analyzeFile } from '../../server/src/core/analyze';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { runCli } from '../../server/src/cli/cli';
import { checkCniConfig } from '../../server/src/core/cni/checkConfig';
import { DEFAULT_LIMITS, jsonNestingDepth, prescanText, scanDocument } from '../../server/src/core/limits';
import { DEFAULT_SETTINGS, settingsFrom } from '../../server/src/core/settings';
import { deref, mapGet } from '../../server/src/core/yaml/yamlFile';
import { LspDiagnostic, TestLspClient } from '../support/lspClient';
import { cpuTimed } from '../support/cpuTime';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = path.join(ROOT, 'test/fixtures/hostile');
/** Generous: the point is "finishes", not a benchmark; each case takes well under a second here. */
const CASE_BUDGET_MS = 10_000;

const GOOD_NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: good-net
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "name": "good-net",
      "type": "macvlan",
      "master": "eth1",
      "ipam": { "type": "whereabouts", "range": "10.10.0.0/24" }
    }
`;

const nadWithConfig = (name: string, config: string) => `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
spec:
  config: ${config}
`;

/** A JSON config whose `x` is `depth` nested arrays. */
const deepJson = (depth: number) =>
  `{"cniVersion": "0.3.1", "name": "deep", "type": "macvlan", "master": "eth1", "x": ${'['.repeat(depth)}${']'.repeat(depth)}}`;

interface Case {
  name: string;
  /** File path (fixture or generated). */
  file: string;
  /** CLI exit code. */
  exit: 0 | 1;
  /** Exact rule ids, sorted, with repeats. */
  ids: string[];
  /** Further assertions on the CLI's JSON diagnostics. */
  cli?: (diags: CliDiag[], text: string) => void;
  /** The text the server is sent (default: the file decoded as UTF-8, as an editor would). */
  text?: () => string;
}

interface CliDiag {
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

let tmp: string;
const cases: Case[] = [];

function generate(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-hostile-'));
  const fixture = (f: string) => path.join(FIX, f);

  cases.push(
    {
      name: 'broken YAML',
      file: fixture('broken-yaml.yaml'),
      exit: 1,
      ids: ['nad/config-not-string', 'yaml/syntax', 'yaml/syntax'],
    },
    {
      name: 'broken JSON in spec.config',
      file: fixture('broken-json.yaml'),
      exit: 1,
      ids: ['json/syntax'],
      cli: (d) => assert.match(d[0].message, /ends before its object is closed/),
    },
    { name: 'empty file', file: fixture('empty.yaml'), exit: 0, ids: [] },
  );

  // Over the default multusNetworks.maxFileSize (5,000,000 bytes): a NAD with a real error, then
  // comment padding. Not a finding from the NAD: the file is not checked at all.
  const padding = `# ${'x'.repeat(98)}\n`.repeat(51_000);
  cases.push({
    name: 'huge file (over the size setting)',
    file: generate('huge.yaml', nadWithConfig('huge', `'${deepJson(1).replace('"eth1"', '"eth1",')}'`) + padding),
    exit: 0,
    ids: ['yaml/too-large'],
    cli: (d) => {
      assert.equal(d[0].line, 1);
      assert.match(
        d[0].message,
        /5,\d{3},\d{3} bytes, over the 5,000,000-byte limit \(maxFileSize in \.multus-networks\.yaml, or the editor setting multusNetworks\.maxFileSize\)/,
      );
    },
  });

  cases.push(
    {
      name: 'alias bomb (billion laughs)',
      file: fixture('alias-bomb.yaml'),
      exit: 1,
      ids: ['yaml/alias-limit'],
      cli: (d, text) => {
        // Reported at the first alias, and the NAD's own (valid) config is not checked.
        assert.deepEqual(
          [d[0].line, d[0].column],
          [lineCol(text, text.indexOf('*a')).line, lineCol(text, text.indexOf('*a')).column],
        );
        assert.equal(d[0].severity, 'error');
      },
    },
    { name: 'binary file named .yaml', file: fixture('binary.yaml'), exit: 0, ids: ['yaml/limit'] },
    { name: 'binary file without any of our kinds', file: fixture('binary-unrelated.yaml'), exit: 0, ids: [] },
  );

  cases.push(
    {
      name: 'JSON nested 10,000 deep inside spec.config',
      file: generate('json-deep.yaml', nadWithConfig('deep', `'${deepJson(10_000)}'`)),
      exit: 0,
      ids: ['yaml/limit'],
      cli: (d) => assert.match(d[0].message, /nested more than 1,000 levels/),
    },
    {
      // Under the raw bracket pre-scan, over the JSON depth limit: only that document is skipped.
      name: 'JSON nested 600 deep in one document, a normal NAD in the next',
      file: generate(
        'json-deep-600.yaml',
        `${nadWithConfig('deep', `'${deepJson(600)}'`)}---\n${fs.readFileSync(fixture('normal.yaml'), 'utf8')}`,
      ),
      exit: 1,
      ids: ['json/syntax', 'yaml/limit'],
      cli: (d) =>
        assert.match(
          d.find((x) => x.code === 'yaml/limit')!.message,
          /more than 500 levels deep \(JSON nesting limit\); this document is not checked/,
        ),
    },
    {
      // Escaped brackets (`\x5b`) are invisible to the raw pre-scan; the decoded string is caught.
      name: 'JSON nested 10,000 deep behind YAML escapes',
      file: generate(
        'json-deep-escaped.yaml',
        nadWithConfig(
          'deep',
          `"${deepJson(10_000).replace(/"/g, '\\"').replace(/\[/g, '\\x5b').replace(/\]/g, '\\x5d')}"`,
        ),
      ),
      exit: 0,
      ids: ['yaml/limit'],
      cli: (d) => assert.match(d[0].message, /JSON nesting limit/),
    },
    {
      name: 'YAML flow collections nested 100,000 deep',
      file: generate(
        'yaml-deep-flow.yaml',
        nadWithConfig('deep', `'${deepJson(1)}'`) + `  extra: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      ),
      exit: 0,
      ids: ['yaml/limit'],
    },
    {
      name: 'YAML block sequences nested 100,000 deep',
      file: generate(
        'yaml-deep-block.yaml',
        nadWithConfig('deep', `'${deepJson(1)}'`) + `  extra:\n  ${'- '.repeat(100_000)}x\n`,
      ),
      exit: 0,
      ids: ['yaml/limit'],
      cli: (d) => assert.match(d[0].message, /100,000 nested block collections/),
    },
  );

  // Network references are parsed as JSON too: an annotation and a CephCluster selector.
  const escapedDeep = `"${'\\x5b'.repeat(10_000)}"`;
  cases.push({
    name: 'pod annotation and CephCluster selector holding JSON nested 10,000 deep',
    file: generate(
      'refs-deep.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: ${escapedDeep}\n---\n` +
        `apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata:\n  name: c\n  namespace: rook-ceph\nspec:\n  network:\n    provider: multus\n    selectors:\n      public: ${escapedDeep}\n`,
    ),
    exit: 0,
    ids: ['yaml/limit', 'yaml/limit'],
  });

  // 20,000 documents: a clean NAD first, ConfigMaps, and a broken NAD at document 15,000 that is
  // past the 10,000-document limit (a json/syntax finding would mean it was checked).
  const docs = [GOOD_NAD];
  for (let i = 1; i < 20_000; i++) {
    docs.push(
      i === 15_000
        ? nadWithConfig(`late-${i}`, `'{"cniVersion": "0.3.1",'`)
        : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`,
    );
  }
  cases.push({
    name: '20,000 documents in one file',
    file: generate('many-docs.yaml', docs.join('---\n')),
    exit: 0,
    ids: ['yaml/limit'],
    cli: (d, text) => {
      assert.match(
        d[0].message,
        /more than 10,000 YAML documents, over the limit of 10,000; only the first 10,000 are checked/,
      );
      // At the marker that opens document 10,001.
      let at = -1;
      for (let n = 0; n < 10_000; n++) at = text.indexOf('\n---\n', at + 1);
      assert.equal(d[0].line, lineCol(text, at + 1).line);
    },
  });

  cases.push({
    name: 'a 2,000,000-character line',
    file: generate(
      'long-line.yaml',
      nadWithConfig(
        'long',
        `'{"cniVersion": "0.3.1", "name": "long", "type": "macvlan", "master": "eth1", "x": "${'a'.repeat(2_000_000)}"}'`,
      ),
    ),
    exit: 0,
    ids: ['yaml/limit'],
    cli: (d) => {
      assert.equal(d[0].line, 6);
      assert.match(d[0].message, /Line 6 is 2,000,\d{3} characters long, over the 1,000,000-character limit/);
    },
  });

  cases.push(
    {
      name: 'invalid UTF-8',
      file: fixture('invalid-utf8.yaml'),
      exit: 1,
      ids: ['cni/invalid-value'],
      // Positions count the replacement characters the bytes decode to.
      cli: (d, text) => assert.deepEqual([d[0].line, d[0].column], [8, text.split('\n')[7].indexOf('"bridges"') + 1]),
    },
    {
      name: 'CRLF line ends',
      file: fixture('crlf.yaml'),
      exit: 1,
      ids: ['json/syntax'],
      cli: (d, text) => {
        const comma = text.indexOf('},\r\n') + 1;
        assert.deepEqual([d[0].line, d[0].column], [lineCol(text, comma).line, lineCol(text, comma).column]);
        assert.match(d[0].message, /Trailing comma/);
      },
    },
    {
      name: 'UTF-8 byte order mark',
      file: fixture('bom.yaml'),
      exit: 1,
      ids: ['cni/invalid-value'],
      cli: (d, text) => assert.deepEqual([d[0].line, d[0].column], [6, text.split('\n')[5].indexOf('"bridges"') + 1]),
    },
  );
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function runCheck(file: string): { code: number; diags: CliDiag[]; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(['check', '--format', 'json', file], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: tmp,
  });
  const json = JSON.parse(out) as { files: number; diagnostics: CliDiag[] };
  assert.equal(json.files, 1);
  return { code, diags: json.diagnostics, out, err };
}

const ids = (d: { code?: string | number }[]) => d.map((x) => String(x.code)).sort();

describe('bad input through the CLI', () => {
  test('every hostile case: exit code and exact rule ids, in bounded time', () => {
    assert.equal(cases.length, 18);
    for (const c of cases) {
      const t0 = performance.now();
      const r = runCheck(c.file);
      const ms = performance.now() - t0;
      assert.deepEqual(ids(r.diags), c.ids, c.name);
      assert.equal(r.code, c.exit, c.name);
      assert.equal(r.err, '', c.name);
      assert.ok(ms < CASE_BUDGET_MS, `${c.name}: ${ms.toFixed(0)} ms`);
      c.cli?.(r.diags, fs.readFileSync(c.file, 'utf8'));
    }
  });

  test('the size limit is said once, in plain words, in the text format', () => {
    const huge = cases.find((c) => c.name.startsWith('huge'))!;
    let out = '';
    const code = runCli(['check', huge.file, path.join(FIX, 'normal.yaml')], {
      out: (s) => (out += s),
      err: () => undefined,
      cwd: tmp,
    });
    assert.equal(code, 1, 'the other file is still checked');
    assert.equal(out.split('yaml/too-large').length - 1, 1, out);
    assert.match(out, /huge\.yaml:1:1: info yaml\/too-large: This file is [\d,]+ bytes, over the 5,000,000-byte limit/);
    assert.match(out, /normal\.yaml:6:\d+: error json\/syntax/);
  });

  test('all hostile files in one run: one verdict per file, no cross-talk', () => {
    let out = '';
    const files = cases.map((c) => c.file);
    const code = runCli(['check', '--format', 'json', ...files], {
      out: (s) => (out += s),
      err: () => undefined,
      cwd: tmp,
    });
    const json = JSON.parse(out) as { files: number; diagnostics: (CliDiag & { file: string })[] };
    assert.equal(json.files, new Set(files).size);
    assert.equal(code, 1);
    for (const c of cases) {
      // Reports name files outside the working directory by their absolute path (never ../../..).
      const rel = c.file.startsWith(tmp + path.sep) ? path.relative(tmp, c.file) : c.file;
      assert.deepEqual(ids(json.diagnostics.filter((d) => d.file === rel)), c.ids, c.name);
    }
  });
});

describe('bad input through the language server (stdio)', () => {
  let client: TestLspClient;
  let n = 0;
  before(async () => {
    client = new TestLspClient();
    await client.initialize({ scanWorkspace: false });
  });
  after(() => client.shutdown());

  /** Opens a normal document and waits for its exact finding: the server is alive and answering. */
  async function assertAlive(): Promise<void> {
    const uri = `file:///hostile/normal-${++n}.yaml`;
    await client.open(uri, fs.readFileSync(path.join(FIX, 'normal.yaml'), 'utf8'));
    const d = await client.waitForDiagnostics(uri, (x) => x.length > 0, 30_000);
    assert.deepEqual(ids(d), ['json/syntax']);
    const def = await client.request<unknown>('textDocument/definition', {
      textDocument: { uri },
      position: { line: 3, character: 9 },
    });
    assert.ok(def === null || typeof def === 'object');
    await client.close(uri);
  }

  /** Hover, completion, definition and quick fixes on the hostile document answer (null is fine), fast. */
  async function probeFeatures(name: string, uri: string, lines: string[], diags: LspDiagnostic[]): Promise<void> {
    const positions = [
      { line: 0, character: 0 },
      { line: Math.min(3, lines.length - 1), character: 4 },
      { line: Math.min(5, lines.length - 1), character: Math.min(12, lines[Math.min(5, lines.length - 1)].length) },
      { line: lines.length - 1, character: lines[lines.length - 1].length },
    ];
    for (const position of positions) {
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
        const t0 = performance.now();
        try {
          await client.request(method, { textDocument: { uri }, position });
        } catch (err) {
          if ((err as { code?: number }).code !== -32601)
            assert.fail(`${name}: ${method} at ${JSON.stringify(position)}: ${(err as Error).message}`);
        }
        assert.ok(
          performance.now() - t0 < CASE_BUDGET_MS,
          `${name}: ${method} took ${(performance.now() - t0).toFixed(0)} ms`,
        );
      }
    }
    for (const d of diags) {
      try {
        await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        });
      } catch (err) {
        if ((err as { code?: number }).code !== -32601)
          assert.fail(`${name}: codeAction for ${d.code}: ${(err as Error).message}`);
      }
    }
  }

  async function openAndCheck(name: string, text: string, expected: string[]): Promise<LspDiagnostic[]> {
    const uri = `file:///hostile/${++n}-${name.replace(/\W+/g, '-')}.yaml`;
    await client.open(uri, text, 1);
    let diags: LspDiagnostic[];
    if (expected.length) diags = await client.waitForDiagnostics(uri, (d, v) => v === 1 && d.length > 0, 30_000);
    else {
      // Nothing is published for a file without findings: a later document's diagnostics prove
      // this one was processed (notifications are handled in order).
      await assertAlive();
      diags = client.latest(uri) ?? [];
    }
    assert.deepEqual(ids(diags), expected, name);
    const lines = text.split(/\r\n|\r|\n/);
    for (const d of diags) {
      for (const p of [d.range.start, d.range.end]) {
        assert.ok(
          p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length,
          `${name}: ${JSON.stringify(d.range)}`,
        );
      }
    }
    await probeFeatures(name, uri, lines, diags);
    await assertAlive();
    await client.close(uri);
    return diags;
  }

  test('every hostile case: exact rule ids, then a normal document is still answered', async () => {
    for (const c of cases) {
      const text = c.text ? c.text() : fs.readFileSync(c.file, 'utf8');
      await openAndCheck(c.name, text, c.ids);
    }
    // runSafe turns a failing feature into an empty answer; the log shows whether any failed.
    assert.deepEqual(
      client.logs.filter((l) => /failed|Internal error|Unhandled|Uncaught/.test(l)),
      [],
    );
  });

  test('lone surrogates (possible in an editor buffer, not in a UTF-8 file)', async () => {
    const text = fs
      .readFileSync(path.join(FIX, 'bom.yaml'), 'utf8')
      .replace('\ufeff', '')
      .replace('name: bom', 'name: bom # \ud800 lone high, \udfff lone low')
      .replace('"master": "eth1"', '"master": "eth\udc001"');
    const diags = await openAndCheck('lone surrogates', text, ['cni/invalid-value']);
    assert.equal(diags[0].range.start.character, text.split('\n')[5].indexOf('"bridges"'));
  });

  test('a burst of edits through hostile states ends with the right diagnostics', async () => {
    const uri = 'file:///hostile/burst.yaml';
    const normal = fs.readFileSync(path.join(FIX, 'normal.yaml'), 'utf8');
    await client.open(uri, normal, 1);
    const states = [
      fs.readFileSync(path.join(FIX, 'alias-bomb.yaml'), 'utf8'),
      nadWithConfig('deep', `'${deepJson(10_000)}'`),
      '\u0000\u0001NetworkAttachmentDefinition',
      '',
      normal,
      fs.readFileSync(path.join(FIX, 'alias-bomb.yaml'), 'utf8'),
    ];
    let v = 1;
    for (const s of states) await client.change(uri, ++v, [{ text: s }]);
    const d = await client.waitForDiagnostics(uri, (_d, ver) => ver === v, 30_000);
    assert.deepEqual(ids(d), ['yaml/alias-limit']);
    await client.close(uri);
    await assertAlive();
  });
});

describe('limits in the core', () => {
  const analyze = (text: string, raw: unknown = {}) =>
    analyzeFile('file:///t.yaml', text, settingsFrom(raw), ALL_CHECKS.local).problems;
  /** GOOD_NAD (no findings) with `extra` lines under metadata. */
  const nad = (extra: string) => GOOD_NAD.replace('  name: good-net\n', `  name: good-net\n${extra}`);

  test('the JSON checker guards its own nesting depth (reports, does not overflow)', () => {
    const r = checkCniConfig(deepJson(10_000), {});
    assert.deepEqual(
      r.problems.map((p) => p.code),
      ['json/syntax'],
    );
    assert.match(r.problems[0].message, /nested too deeply.*500 levels/);
    assert.equal(jsonNestingDepth(deepJson(10_000), 600).depth, 601);
    assert.equal(jsonNestingDepth('{"a": "[[[[\\"", "b": [{}]}').depth, 3, 'brackets inside strings do not count');
  });

  test('every limit is configurable through settings (limits.*) and reports its rule id', () => {
    const aliases = GOOD_NAD.replace(
      '  name: good-net\n',
      '  name: good-net\n  labels:\n    a: &x v\n    b: *x\n    c: *x\n    d: *x\n',
    );
    assert.deepEqual(ids(analyze(aliases)), []);
    assert.deepEqual(ids(analyze(aliases, { limits: { maxAliases: 2 } })), ['yaml/alias-limit']);
    assert.deepEqual(ids(analyze(aliases, { limits: { maxAliasExpansion: 2 } })), ['yaml/alias-limit']);
    const long = nad(`  labels: {a: ${'x'.repeat(100)}}\n`);
    assert.deepEqual(ids(analyze(long)), []);
    assert.deepEqual(ids(analyze(long, { limits: { maxLineLength: 100 } })), ['yaml/limit']);
    assert.deepEqual(ids(analyze(nad('  labels: {a: [[1]]}\n'), { limits: { maxNestingDepth: 2 } })), ['yaml/limit']);
    assert.deepEqual(
      ids(analyze(nad('  labels:\n    a:\n      b:\n        c: 1\n'), { limits: { maxNestingDepth: 3 } })),
      ['yaml/limit'],
    );
    assert.deepEqual(ids(analyze(nad('  labels: {a: "[[[1]]]"}\n'), { limits: { maxJsonDepth: 2 } })), ['yaml/limit']);
    const three = `${GOOD_NAD}---\n${GOOD_NAD}---\n${GOOD_NAD}`;
    assert.deepEqual(ids(analyze(three)), []);
    assert.deepEqual(ids(analyze(three, { limits: { maxDocuments: 2 } })), ['yaml/limit']);
    assert.deepEqual(ids(analyze(GOOD_NAD.padEnd(400, '#'), { maxFileSize: 300 })), ['yaml/too-large']);
    // Bad values keep the defaults.
    assert.deepEqual(
      settingsFrom({ limits: { maxAliases: -1, maxLineLength: 'x', maxDocuments: 2.5, maxJsonDepth: 7 } }).limits,
      { maxJsonDepth: 7 },
    );
    assert.deepEqual(settingsFrom(null).limits, {});
    assert.deepEqual(DEFAULT_SETTINGS.limits, {});
  });

  test('an alias that points into its own anchor is an infinite expansion', () => {
    const p = analyze(nad('  labels: &loop\n    self: *loop\n'));
    assert.deepEqual(ids(p), ['yaml/alias-limit']);
    assert.match(p[0].message, /refers to a node that contains it/);
  });

  test('aliases within the limits still resolve (the scan records their targets)', () => {
    const text = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: n
  annotations:
    cfg: &cfg '{"cniVersion": "0.3.1", "name": "n", "type": "macvlan", "master": "eth1", "mode": "bridges", "ipam": {"type": "whereabouts", "range": "10.1.0.0/24"}}'
spec:
  config: *cfg
`;
    assert.deepEqual(ids(analyze(text)), ['cni/invalid-value']);
    const doc = parseDocument('a: &x [1, 2]\nb: *x\n');
    assert.equal(scanDocument(doc as never, DEFAULT_LIMITS), undefined);
    assert.deepEqual((deref(mapGet(doc.contents, 'b', doc), doc) as unknown as { toJSON(): unknown }).toJSON(), [1, 2]);
  });

  test('the expansion estimate is exact and linear: nine levels of nine aliases', () => {
    const bomb = fs.readFileSync(path.join(FIX, 'alias-bomb.yaml'), 'utf8');
    const doc = parseDocument(bomb);
    const t0 = performance.now();
    const hit = scanDocument(doc as never, { ...DEFAULT_LIMITS, maxAliasExpansion: 9 ** 9 * 2 });
    assert.equal(hit, undefined, '387,420,489 strings plus their lists stay under twice that');
    const hit2 = scanDocument(doc as never, { ...DEFAULT_LIMITS, maxAliasExpansion: 9 ** 9 });
    assert.equal(hit2?.code, 'yaml/alias-limit');
    assert.ok(performance.now() - t0 < CASE_BUDGET_MS, 'linear, not expanding');
  });

  // Found by this suite, owned by the JSON checker: closest() in cni/schemaValidation.ts runs a full
  // edit distance against every candidate, O(key length) each, so one long unknown key stalls the
  // server (900,000 characters: ~30 s). Skipping candidates whose length differs from the key's by
  // more than the suggestion limit makes it O(1).
  test('a 50,000-character unknown JSON key is checked without stalling (hang guard, not a speed target)', () => {
    const text = nadWithConfig(
      'long-key',
      `'{"cniVersion": "0.3.1", "name": "long-key", "type": "macvlan", "master": "eth1", "${'k'.repeat(50_000)}": 1}'`,
    );
    const { value: found, ms } = cpuTimed(() => ids(analyze(text)));
    assert.ok(found.includes('cni/unknown-field'));
    assert.ok(ms < CASE_BUDGET_MS, `${ms.toFixed(0)} ms`);
  });

  test('the pre-scan finds long lines, deep brackets and compact nesting in one pass', () => {
    const lim = { ...DEFAULT_LIMITS, maxLineLength: 10, maxNestingDepth: 3 };
    assert.equal(prescanText('a: 1\nb: 2\r\nc: 3', lim), undefined);
    assert.deepEqual(prescanText('a: 1\nb: 12345678901\n', lim), {
      code: 'yaml/limit',
      message: prescanText('a: 1\nb: 12345678901\n', lim)!.message,
      start: 5,
      end: 5,
    });
    assert.equal(prescanText('a: [[[[1]]]]', lim)?.start, 6);
    assert.equal(prescanText('x: [[[1]]]\ny: [[[1]]]', lim), undefined, 'closed brackets do not accumulate');
    assert.equal(prescanText('- - - - a', lim)?.start, 0);
    assert.equal(prescanText('- - - a', lim), undefined);
  });

  test('the pre-scan agrees with a plain one-character-at-a-time scan (random texts, every line break)', () => {
    /** The reference: one loop over every character, hits in text order (a long line at its end). */
    const reference = (text: string, maxLine: number, maxDepth: number): [number, string] | undefined => {
      let depth = 0;
      let lineStart = 0;
      let atLineStart = true;
      for (let i = 0; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 10;
        if (c === 10 || c === 13) {
          if (i - lineStart > maxLine) return [lineStart, 'line'];
          lineStart = i + 1;
          atLineStart = true;
          continue;
        }
        if (atLineStart) {
          atLineStart = false;
          let j = i;
          let count = 0;
          for (;;) {
            while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
            if ('-?:'.includes(text[j] ?? 'x') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
              count++;
              j += 2;
            } else break;
          }
          if (count > maxDepth) return [i, 'compact'];
          i = j - 1;
          continue;
        }
        if (c === 0x5b || c === 0x7b) {
          if (++depth > maxDepth) return [i, 'brackets'];
        } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
      }
      return undefined;
    };
    const kind = (m: string) => (m.startsWith('Line') ? 'line' : m.startsWith('This line') ? 'compact' : 'brackets');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ' ', '\t', '- ', '? ', ': ', '[', ']', '{', '}', '\n', '\r', '\r\n', 'xyz'), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (pieces, maxLineLength, maxNestingDepth) => {
          const text = pieces.join('');
          const got = prescanText(text, { ...DEFAULT_LIMITS, maxLineLength, maxNestingDepth });
          assert.deepEqual(
            got ? [got.start, kind(got.message)] : undefined,
            reference(text, maxLineLength, maxNestingDepth),
            JSON.stringify(text),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
