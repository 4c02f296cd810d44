// SARIF output against the SARIF 2.1.0 JSON Schema (draft-04; the copy shipped in the npm package
// @microsoft/jest-sarif, MIT) with ajv, and against what GitHub code scanning documents for uploads:
// relative URIs with a %SRCROOT% base, partialFingerprints, rule metadata (fullDescription, help
// text and markdown, helpUri), at most 25,000 results per run, 20 tags per rule.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli/cli';
import { CliDiagnostic, formatSarif, SARIF_MAX_RESULTS } from '../../server/src/cli/formats';
import { RULES } from '../../server/src/core/rules';

const ROOT = path.resolve(__dirname, '../../..');
const SCHEMA = path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const HELM = fs.readFileSync(path.join(ROOT, 'test/fixtures/pipelines/helm-template.yaml'), 'utf8');

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let validate: Validate | undefined;
function validator(): Validate {
  if (validate) return validate;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv-draft-04') as new (o: object) => {
    addFormat(name: string, f: (s: string) => boolean): void;
    compile(schema: object): Validate;
  };
  // The schema's pattern for "language" has a stray "]", valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const parses = (s: string, base?: string) => {
    try {
      new URL(s, base);
      return !/\s/.test(s);
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', (s) => parses(s));
  ajv.addFormat('uri-reference', (s) => parses(s, 'file:///'));
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  return validate;
}

const skip = fs.existsSync(SCHEMA) ? false : 'the SARIF schema package (@microsoft/jest-sarif) is not installed';

function sarif(args: string[], opts: { stdin?: string; cwd?: string } = {}) {
  let out = '';
  let err = '';
  const code = runCli(['check', '--format', 'sarif', ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: opts.cwd ?? ROOT,
    readStdin: () => opts.stdin ?? '',
  });
  return { code, log: JSON.parse(out), err };
}

function assertValid(log: unknown): void {
  const v = validator();
  assert.ok(v(log), JSON.stringify(v.errors, null, 2));
}

test('the schema validator rejects what SARIF forbids (a check that can fail)', { skip }, () => {
  const v = validator();
  assert.equal(v({ version: '2.1.0', runs: [{ tool: {} }] }), false, 'a driver is required');
  assert.equal(v({ version: '2.0.0', runs: [] }), false);
  assert.equal(v({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {} }] }] }), false);
});

test('SARIF of files, a Helm stream and a clean run validates against the SARIF 2.1.0 schema', { skip }, () => {
  const files = sarif(['test/fixtures/cli', 'test/fixtures/fixes']);
  assert.ok(files.log.runs[0].results.length > 50);
  assertValid(files.log);
  const helm = sarif(['-'], { stdin: HELM });
  assertValid(helm.log);
  const clean = sarif(['test/fixtures/cli/good-nad.yml']);
  assert.deepEqual(clean.log.runs[0].results, []);
  assertValid(clean.log);
});

test('GitHub requirements: %SRCROOT%-relative URIs, rule metadata, fingerprints, limits', { skip }, () => {
  const { log } = sarif(['test/fixtures/cli/bad-nad.yaml']);
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(ROOT).href + '/' } });
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'json/syntax');
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, {
    uri: 'test/fixtures/cli/bad-nad.yaml',
    uriBaseId: '%SRCROOT%',
  });
  assert.match(result.partialFingerprints['multusNetworks/v1'], /^[0-9a-f]{32}$/);
  const rules = run.tool.driver.rules;
  assert.equal(rules.length, RULES.length);
  assert.ok(rules.length <= 25_000);
  assert.equal(rules[result.ruleIndex].id, 'json/syntax');
  for (const r of rules) {
    assert.ok(r.shortDescription.text && r.fullDescription.text, r.id);
    assert.ok(r.help.text && r.help.markdown.includes(`[Documentation](${r.helpUri})`), r.id);
    // SARIF text is shown as it is: no Markdown code spans there; Markdown only in the markdown fields.
    for (const t of [r.shortDescription.text, r.fullDescription.text, r.help.text]) assert.ok(!t.includes('`'), t);
    assert.match(r.helpUri, /^https:\/\/.*docs\/rules\.md#/);
    assert.ok(r.properties.tags.length <= 10, r.id);
  }
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const spec = rules.find((r: { id: string }) => r.id === 'nad/config-not-string');
  assert.equal(spec.fullDescription.text, 'spec.config is a mapping or sequence, not a string.');
  assert.equal(spec.fullDescription.markdown, '`spec.config` is a mapping or sequence, not a string.');
});

test('fingerprints do not depend on the line: an edit above keeps them, another finding changes them', { skip }, () => {
  const a = sarif(['-'], { stdin: HELM }).log.runs[0].results;
  const b = sarif(['-'], { stdin: '# a comment added on top\n' + HELM }).log.runs[0].results;
  assert.deepEqual(
    b.map(
      (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.locations[0].physicalLocation.region.startLine,
    ),
    a.map(
      (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
        r.locations[0].physicalLocation.region.startLine + 1,
    ),
  );
  const prints = (rs: { partialFingerprints: Record<string, string> }[]) =>
    rs.map((r) => r.partialFingerprints['multusNetworks/v1']);
  assert.deepEqual(prints(b), prints(a));
  assert.equal(new Set(prints(a)).size, a.length, 'distinct findings, distinct fingerprints');
});

test(
  'files outside the base folder are absolute file URIs; --root sets %SRCROOT%; the Helm template is a property',
  { skip },
  () => {
    const outside = sarif(['--root', 'test/fixtures/cli', 'test/fixtures/fixes/version.yaml']);
    const loc = outside.log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: pathToFileURL(path.join(ROOT, 'test/fixtures/fixes/version.yaml')).href });
    assert.equal(
      outside.log.runs[0].originalUriBaseIds['%SRCROOT%'].uri,
      pathToFileURL(path.join(ROOT, 'test/fixtures/cli')).href + '/',
    );
    assertValid(outside.log);
    const helm = sarif(['--stdin-filename', 'charts/rendered.yaml', '-'], { stdin: HELM }).log.runs[0].results[0];
    assert.equal(helm.locations[0].physicalLocation.artifactLocation.uri, 'charts/rendered.yaml');
    assert.deepEqual(helm.properties, { helmTemplate: 'storage-net/templates/cluster-nad.yaml' });
    assert.match(helm.message.text, /\(from storage-net\/templates\/cluster-nad\.yaml\)$/);
  },
);

test('over 25,000 results: the most severe are kept and the cut is stated', { skip }, () => {
  const d = (i: number, severity: CliDiagnostic['severity']): CliDiagnostic => ({
    file: 'a.yaml',
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 2,
    severity,
    code: severity === 'error' ? 'json/syntax' : 'cni/unknown-field',
    message: `m${i}`,
  });
  const diags = [
    ...Array.from({ length: SARIF_MAX_RESULTS }, (_, i) => d(i, 'warning')),
    ...Array.from({ length: 10 }, (_, i) => d(SARIF_MAX_RESULTS + i, 'error')),
  ];
  const log = JSON.parse(formatSarif(diags, { version: '0', base: ROOT }));
  const results = log.runs[0].results;
  assert.equal(results.length, SARIF_MAX_RESULTS);
  assert.equal(results.filter((r: { level: string }) => r.level === 'error').length, 10);
  assert.match(
    log.runs[0].invocations[0].toolExecutionNotifications[0].message.text,
    /^25010 findings; only the 25000 most severe/,
  );
  assertValid(log);
});
