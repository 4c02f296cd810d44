// The configuration file (.multus-networks.yaml): parsing with exact ranges, which file governs
// which, precedence (CLI flags > file > defaults; in the editor, file > settings), external NADs.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../../server/src/cli/cli';
import { CONFIG_KEYS, parseConfigFile, settingsProblems } from '../../server/src/core/config/configFile';
import { LIMIT_KEYS } from '../../server/src/core/limits';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/features/codeActions';
import { definitionAt } from '../../server/src/core/features/definition';
import { hoverAt } from '../../server/src/core/features/hover';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { FIXTURES, memoryWorkspace } from '../support/workspaceFixtures';
import { cephCluster, multusNetwork } from '../support/manifests';

const ROOT = path.resolve(__dirname, '../../..');

/** Findings as [code, severity, the text under the range]. */
function findings(text: string): [string, string, string][] {
  return parseConfigFile(text).problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end)]);
}

function run(args: string[], cwd = ROOT, stdin?: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd,
    ...(stdin !== undefined ? { readStdin: () => stdin } : {}),
  });
  return { code, out, err };
}

const CLUSTER = cephCluster({
  name: 'rook-ceph',
  namespace: 'rook-ceph',
  network: multusNetwork({ public: 'public-net' }),
});

const nad = (name: string, config: string, namespace = 'apps') => `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  config: '${config}'
`;

/** A macvlan NAD without master (cni/default-master, info) whose config name differs (nad/name-mismatch, hint). */
const NAD = nad(
  'storage-net',
  '{"cniVersion": "0.3.1", "name": "storage", "type": "macvlan", "ipam": {"type": "whereabouts", "range": "10.20.0.0/24"}}',
);

test('a valid configuration file gives its settings and external NADs, and no finding', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'config/.multus-networks.yaml'), 'utf8');
  const c = parseConfigFile(text);
  assert.deepEqual(c.problems, []);
  assert.deepEqual(c.settings, {
    rookVersion: '1.12.3',
    rules: { 'cni/default-master': 'off', 'nad/name-mismatch': 'warning' },
    extraPluginTypes: ['kube-ovn'],
    exclude: ['drafts/**'],
  });
  assert.deepEqual(
    c.externalNetworks.map((e) => [e.namespace, e.name, e.type, e.range, text.slice(...e.nameRange)]),
    [
      ['rook-ceph', 'public-net', undefined, undefined, 'public-net'],
      ['rook-ceph', 'cluster-net', 'macvlan', '192.168.20.0/24', 'cluster-net'],
    ],
  );
});

test('an empty file or one holding only comments sets nothing and reports nothing', () => {
  for (const text of ['', '# nothing yet\n', '---\n'])
    assert.deepEqual(parseConfigFile(text), { settings: {}, externalNetworks: [], problems: [] });
});

test('rookVersion "banana" is an error on the value; 1.20 written unquoted is read as written, not as the number 1.2', () => {
  assert.deepEqual(findings('rookVersion: banana\n'), [['config/invalid', 'error', 'banana']]);
  assert.deepEqual(findings('rookVersion: "1.13"\n'), []);
  assert.equal(parseConfigFile('rookVersion: 1.20\n').settings.rookVersion, '1.20');
  assert.equal(parseConfigFile("rookVersion: '1.12.3'\n").settings.rookVersion, '1.12.3');
  assert.deepEqual(findings('rookVersion: 1\n'), [['config/invalid', 'error', '1']]);
});

test('a misspelt rule id is a warning on the id with did-you-mean; a known id is not', () => {
  const text = 'rules:\n  cni/unknwn-field: "off"\n  cni/unknown-field: warning\n';
  const c = parseConfigFile(text);
  assert.deepEqual(findings(text), [['config/unknown-rule', 'warning', 'cni/unknwn-field']]);
  assert.match(c.problems[0].message, /Did you mean "cni\/unknown-field"\?/);
  assert.deepEqual(c.problems[0].data, { suggestion: 'cni/unknown-field' });
  assert.deepEqual(c.settings.rules, { 'cni/unknown-field': 'warning' });
});

test('a level other than off/error/warning/info/hint is an error on the level', () => {
  assert.deepEqual(findings('rules:\n  nad/unused: loud\n'), [['config/invalid', 'error', 'loud']]);
  // YAML 1.2 reads an unquoted off as the string "off".
  assert.deepEqual(parseConfigFile('rules:\n  nad/unused: off\n').settings.rules, { 'nad/unused': 'off' });
});

test('an unknown key is a warning with did-you-mean; a near miss of a limit too', () => {
  assert.deepEqual(findings('extraPluginType: [x]\nlimits:\n  maxDocument: 5\n  maxAliases: 7\n'), [
    ['config/unknown-key', 'warning', 'extraPluginType'],
    ['config/unknown-key', 'warning', 'maxDocument'],
  ]);
  assert.deepEqual(parseConfigFile('limits:\n  maxAliases: 7\n').settings.limits, { maxAliases: 7 });
});

test('wrong types are errors at the offending value', () => {
  assert.deepEqual(
    findings('maxFileSize: -1\nexclude: drafts/**\nextraIpamTypes: [spiderpool, 3]\nlimits: 5\nrules: [a]\n'),
    [
      ['config/invalid', 'error', '-1'],
      ['config/invalid', 'error', 'drafts/**'],
      ['config/invalid', 'error', '3'],
      ['config/invalid', 'error', '5'],
      ['config/invalid', 'error', '[a]'],
    ],
  );
  assert.deepEqual(findings('- rules\n'), [['config/invalid', 'error', '- rules\n']]);
});

test('externalNetworks entries: bad names, unknown fields, a missing name and a bad range are errors', () => {
  const text =
    'externalNetworks:\n  - Bad_Name\n  - a/b/c\n  - name: ok-net\n    namespce: x\n  - namespace: rook-ceph\n  - name: r\n    range: 10.0.0.0\n  - name: good\n';
  assert.deepEqual(findings(text), [
    ['config/invalid', 'error', 'Bad_Name'],
    ['config/invalid', 'error', 'a/b/c'],
    ['config/invalid', 'error', 'namespce'],
    ['config/invalid', 'error', 'namespace: rook-ceph\n'],
    ['config/invalid', 'error', '10.0.0.0'],
  ]);
  assert.deepEqual(
    parseConfigFile(text).externalNetworks.map((e) => e.name),
    ['good'],
  );
});

test('invalid YAML is an error naming the place, and nothing of the file is applied', () => {
  const text = 'rules:\n  a: [\n';
  const c = parseConfigFile(text);
  assert.equal(c.problems[0].code, 'config/invalid');
  assert.match(c.problems[0].message, /not valid YAML/);
  assert.deepEqual(c.settings, {});
});

test('editor settings: a misspelt rule id and rookVersion "banana" are reported with did-you-mean', () => {
  assert.deepEqual(settingsProblems({ rules: { 'cni/unknown-field': 'off' }, rookVersion: '1.14' }), []);
  const p = settingsProblems({ rules: { 'rook/selecter-not-found': 'off' }, rookVersion: 'banana' });
  assert.equal(p.length, 2);
  assert.match(p[0], /"rook\/selecter-not-found" is not a rule id.*Did you mean "rook\/selector-not-found"\?/);
  assert.match(p[1], /rookVersion must be a Rook release.*"banana"/);
});

test('editor settings: every value settingsFrom would drop is said, once, with what happens instead', () => {
  assert.deepEqual(
    settingsProblems({
      maxFileSize: 1000,
      extraPluginTypes: ['my-cni'],
      extraIpamTypes: [],
      exclude: ['**/charts/**'],
      limits: { maxDocuments: 50 },
    }),
    [],
  );
  assert.deepEqual(
    settingsProblems({
      maxFileSize: -1,
      extraPluginTypes: 'my-cni',
      exclude: ['ok', 3],
      limits: { maxDocumnets: 50, maxAliases: 0 },
    }),
    [
      'Setting multusNetworks.maxFileSize must be a positive number of bytes (e.g. 5000000), not -1; the default is used.',
      'Setting multusNetworks.extraPluginTypes must be a list of strings, not "my-cni"; it is ignored.',
      'Setting multusNetworks.exclude: the entries 3 are not strings and are ignored.',
      'Setting multusNetworks.limits: "maxDocumnets" is not a limit, so it is ignored. Did you mean "maxDocuments"?',
      'Setting multusNetworks.limits.maxAliases must be a positive whole number, not 0; the default is used.',
    ],
  );
});

test('the nearest configuration file governs a file; a nested one replaces (does not merge with) the outer one', () => {
  const ws = memoryWorkspace({
    '.multus-networks.yaml': 'rules:\n  cni/default-master: "off"\n  nad/name-mismatch: warning\n',
    'a/nad.yaml': NAD,
    'b/.multus-networks.yml': 'rules:\n  nad/name-mismatch: error\n',
    'b/nad.yaml': NAD.replace(/storage-net/g, 'team-b-net'),
  });
  const codes = (name: string) => ws.problemsFor(`file:///mem/${name}`).map((p) => `${p.code}:${p.severity}`);
  assert.deepEqual(codes('a/nad.yaml'), ['nad/name-mismatch:warning']);
  assert.deepEqual(codes('b/nad.yaml'), ['nad/name-mismatch:error', 'cni/default-master:info']);
  // Changing, then removing, a configuration file re-checks the files it governs.
  ws.setFile('file:///mem/b/.multus-networks.yml', 'rules:\n  nad/name-mismatch: "off"\n');
  assert.deepEqual(codes('b/nad.yaml'), ['cni/default-master:info']);
  ws.removeFile('file:///mem/b/.multus-networks.yml');
  assert.deepEqual(codes('b/nad.yaml'), ['nad/name-mismatch:warning']);
  ws.removeFile('file:///mem/.multus-networks.yaml');
  assert.deepEqual(codes('a/nad.yaml'), ['nad/name-mismatch:hint', 'cni/default-master:info']);
});

test('in the editor a configuration file wins over the settings, per rule; other settings stay', () => {
  const ws = memoryWorkspace(
    { '.multus-networks.yaml': 'rules:\n  nad/name-mismatch: warning\n', 'nad.yaml': NAD },
    { rules: { 'nad/name-mismatch': 'off', 'cni/default-master': 'error' } },
  );
  assert.deepEqual(
    ws.problemsFor('file:///mem/nad.yaml').map((p) => `${p.code}:${p.severity}`),
    ['nad/name-mismatch:warning', 'cni/default-master:error'],
  );
  assert.equal(ws.settingsFor('file:///mem/nad.yaml').rookVersion, DEFAULT_SETTINGS.rookVersion);
});

test('externalNetworks resolve selectors, and go-to-definition lands on the entry in the configuration file', () => {
  const config = 'externalNetworks:\n  - rook-ceph/public-net\n';
  const ws = memoryWorkspace({ '.multus-networks.yaml': config, 'cluster.yaml': CLUSTER });
  assert.deepEqual(ws.problemsFor('file:///mem/cluster.yaml'), []);
  const at = CLUSTER.indexOf('public-net') + 2;
  const defs = definitionAt(ws, 'file:///mem/cluster.yaml', at);
  assert.deepEqual(
    defs.map((d) => [d.uri, config.slice(d.start, d.end)]),
    [['file:///mem/.multus-networks.yaml', 'public-net']],
  );
  // Near miss: another namespace does not resolve it.
  const other = memoryWorkspace({
    '.multus-networks.yaml': 'externalNetworks:\n  - other/public-net\n',
    'cluster.yaml': CLUSTER,
  });
  assert.deepEqual(
    other.problemsFor('file:///mem/cluster.yaml').map((p) => p.code),
    ['rook/selector-namespace'],
  );
});

test('an external NAD is not a duplicate of a NAD of the same name in the files', () => {
  const ws = memoryWorkspace({
    '.multus-networks.yaml': 'externalNetworks:\n  - apps/storage-net\n',
    'nad.yaml': NAD,
  });
  assert.deepEqual(
    ws.problemsFor('file:///mem/nad.yaml').filter((p) => p.code === 'nad/duplicate'),
    [],
  );
});

test('CLI: the fixture repository with a root and a nested configuration file', () => {
  const r = run(['check', '--format', 'json', 'test/fixtures/config']);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  // drafts/ is excluded by the root file; kube-ovn is a known plugin there; the selectors resolve.
  assert.equal(json.files, 3);
  assert.deepEqual(
    json.diagnostics.map((d: { file: string; code: string; severity: string }) => [d.file, d.code, d.severity]),
    [
      [path.join('test/fixtures/config/nads.yaml'), 'nad/name-mismatch', 'warning'],
      [path.join('test/fixtures/config/team-b/nads.yaml'), 'cni/default-master', 'info'],
    ],
  );
});

test('CLI precedence: a --rule flag wins over the configuration file, which wins over the default', () => {
  const r = run(['check', '--format', 'json', '--rule', 'nad/name-mismatch=error', 'test/fixtures/config/nads.yaml']);
  assert.deepEqual(
    JSON.parse(r.out).diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`),
    ['nad/name-mismatch:error'],
  );
  assert.equal(r.code, 1);
});

function tempRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mn-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('CLI: a broken configuration file stops the run with exit 2, naming the file, line and column', () => {
  const dir = tempRepo({ '.multus-networks.yaml': '# ours\nrookVersion: banana\n', 'nad.yaml': NAD });
  try {
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /^\.multus-networks\.yaml:2:14: error config\/invalid: rookVersion must be a Rook release like "1\.20" or "1\.12\.3", not "banana"/,
    );
    assert.match(r.err, /nothing was checked/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: configuration warnings are reported with the findings and do not stop the run', () => {
  const dir = tempRepo({ '.multus-networks.yaml': 'rules:\n  nad/name-mismach: "off"\n', 'sub/nad.yaml': NAD });
  try {
    // Run from the sub-folder: the file above the working directory governs.
    const r = run(['check', '--format', 'json', 'nad.yaml'], path.join(dir, 'sub'));
    assert.equal(r.code, 0);
    const d = JSON.parse(r.out).diagnostics;
    assert.deepEqual(
      d.map((x: { file: string; line: number; column: number; code: string }) => [x.file, x.line, x.column, x.code]),
      [
        [path.join(dir, '.multus-networks.yaml').split(path.sep).join('/'), 2, 3, 'config/unknown-rule'],
        ['nad.yaml', 7, 44, 'nad/name-mismatch'],
        ['nad.yaml', 7, 63, 'cni/default-master'],
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: --config PATH governs every file instead of the nearest configuration file', () => {
  const dir = tempRepo({
    '.multus-networks.yaml': 'rules:\n  nad/name-mismatch: error\n',
    'ci/strict.yaml': 'rules:\n  nad/name-mismatch: "off"\n  cni/default-master: warning\n',
    'nad.yaml': NAD,
  });
  try {
    const codes = (args: string[]) =>
      JSON.parse(run(['check', '--format', 'json', ...args, 'nad.yaml'], dir).out).diagnostics.map(
        (d: { code: string; severity: string }) => `${d.code}:${d.severity}`,
      );
    assert.deepEqual(codes([]), ['nad/name-mismatch:error', 'cni/default-master:info']);
    assert.deepEqual(codes(['--config', 'ci/strict.yaml']), ['cni/default-master:warning']);
    assert.equal(run(['check', '--config', 'ci/missing.yaml', 'nad.yaml'], dir).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("CLI: standard input is governed by the working directory's configuration file (or --stdin-filename's)", () => {
  const dir = tempRepo({
    '.multus-networks.yaml': 'rules:\n  cni/default-master: "off"\n',
    'team/.multus-networks.yaml': 'rules:\n  cni/default-master: error\n',
  });
  try {
    const codes = (args: string[], cwd = dir) =>
      JSON.parse(run(['check', '--format', 'json', ...args], cwd, NAD).out).diagnostics.map(
        (d: { code: string; severity: string }) => `${d.code}:${d.severity}`,
      );
    assert.deepEqual(codes(['-']), ['nad/name-mismatch:hint']);
    assert.deepEqual(codes(['-'], path.join(dir, 'team')), ['nad/name-mismatch:hint', 'cni/default-master:error']);
    assert.deepEqual(codes(['--stdin-filename', 'team/nad.yaml', '-']), [
      'nad/name-mismatch:hint',
      'cni/default-master:error',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const POD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: apps
spec:
  template:
    metadata:
      annotations:
        k8s.v1.cni.cncf.io/networks: storage-net
    spec:
      containers: []
`;

test('a workspace with no NAD at all: unresolved selectors and annotations are info and say how to declare external NADs', () => {
  const ws = memoryWorkspace({ 'cluster.yaml': CLUSTER, 'pod.yaml': POD });
  const got = [...ws.problemsFor('file:///mem/cluster.yaml'), ...ws.problemsFor('file:///mem/pod.yaml')];
  assert.deepEqual(
    got.map((p) => [p.code, p.severity]),
    [
      ['rook/selector-not-found', 'info'],
      ['ref/nad-not-found', 'info'],
    ],
  );
  for (const p of got) assert.match(p.message, /externalNetworks in \.multus-networks\.yaml/);
  assert.equal(CLUSTER.slice(got[0].start, got[0].end), 'public-net');
  // Near miss: one NAD anywhere in the workspace makes them warnings again.
  const one = memoryWorkspace({ 'cluster.yaml': CLUSTER, 'pod.yaml': POD, 'nad.yaml': nad('other-net', '{}') });
  assert.deepEqual(
    [...one.problemsFor('file:///mem/cluster.yaml'), ...one.problemsFor('file:///mem/pod.yaml')].map((p) => [
      p.code,
      p.severity,
    ]),
    [
      ['rook/selector-not-found', 'warning'],
      ['ref/nad-not-found', 'warning'],
    ],
  );
  // An externalNetworks entry of another name counts as a NAD too.
  const ext = memoryWorkspace({
    'cluster.yaml': CLUSTER,
    '.multus-networks.yaml': 'externalNetworks: [apps/other-net]\n',
  });
  assert.deepEqual(
    ext.problemsFor('file:///mem/cluster.yaml').map((p) => [p.code, p.severity]),
    [['rook/selector-not-found', 'warning']],
  );
});

test('the JSON Schema of the configuration file accepts the fixture and rejects what the checker rejects', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/config.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const ok = (text: string) => validate(parse(text));
  assert.equal(ok(fs.readFileSync(path.join(FIXTURES, 'config/.multus-networks.yaml'), 'utf8')), true);
  assert.equal(ok('rookVersion: banana\n'), false);
  assert.equal(ok('rules:\n  nad/unused: loud\n'), false);
  assert.equal(ok('extraPluginType: [x]\n'), false);
  assert.equal(ok('externalNetworks:\n  - Bad_Name\n'), false);
  assert.equal(ok('limits:\n  maxDocument: 5\n'), false);
  // Its keys are the checker's.
  assert.deepEqual(Object.keys(schema.properties).sort(), [...CONFIG_KEYS].sort());
  assert.deepEqual(Object.keys(schema.properties.limits.properties).sort(), [...LIMIT_KEYS].sort());
  // VS Code (with Red Hat YAML) validates the file with it.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.yamlValidation, [
    { fileMatch: ['.multus-networks.yaml', '.multus-networks.yml'], url: './schemas/config.schema.json' },
  ]);
});

test('quick fixes replace a misspelt setting or rule id by its did-you-mean, inside quotes, and leave the rest byte for byte', () => {
  const text = '# ours\nrules:\n  "cni/unknwn-field": "off"\nextraPluginType: [kube-ovn]\nlimits: {maxAliasses: 9}\n';
  const ws = memoryWorkspace({ '.multus-networks.yaml': text });
  const uri = 'file:///mem/.multus-networks.yaml';
  const analysis = ws.get(uri)!;
  const edits = ws.problemsFor(uri).flatMap((p) => {
    const fixes = fixesFor({ uri, analysis, workspace: ws }, p);
    assert.equal(fixes.length, 1, p.message);
    assert.equal(fixes[0].safe, undefined);
    return fixes[0].change.edits.get(uri)!;
  });
  const fixed = applyEdits(text, edits);
  assert.equal(
    fixed,
    '# ours\nrules:\n  "cni/unknown-field": "off"\nextraPluginTypes: [kube-ovn]\nlimits: {maxAliases: 9}\n',
  );
  assert.deepEqual(parseConfigFile(fixed).problems, []);
});

test('hover on a selector resolved by an externalNetworks entry says where the NAD is declared and what is known of it', () => {
  const config =
    'externalNetworks:\n  - name: public-net\n    namespace: rook-ceph\n    type: macvlan\n    range: 10.1.0.0/24\n';
  const ws = memoryWorkspace({ '.multus-networks.yaml': config, 'cluster.yaml': CLUSTER });
  const h = hoverAt(ws, 'file:///mem/cluster.yaml', CLUSTER.indexOf('public-net') + 2);
  assert.match(h?.markdown ?? '', /exists outside these files \(externalNetworks/);
  assert.match(h?.markdown ?? '', /type: `macvlan`[\s\S]*range: `10\.1\.0\.0\/24`/);
  assert.doesNotMatch(h?.markdown ?? '', /not readable/);
});
