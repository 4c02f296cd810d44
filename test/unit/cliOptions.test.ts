// The CLI's conventions beyond plain `check PATH`: standard input and rendered pipelines (Helm's
// "# Source:" comments), --exclude, --root, --quiet, --max-warnings, -o, --format github, colour,
// --unsafe-fixes, help and version, unknown options and rule ids (exit 2).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, USAGE, VERSION } from '../../server/src/cli/cli';
import { CHECK_OPTIONS, CHECK_USAGE } from '../../server/src/cli/check';
import { escapeGithubData, escapeGithubProperty } from '../../server/src/cli/formats';
import { helmSources } from '../../server/src/cli/helmSources';

const ROOT = path.resolve(__dirname, '../../..');
const PIPE = 'test/fixtures/pipelines';
const HELM = fs.readFileSync(path.join(ROOT, PIPE, 'helm-template.yaml'), 'utf8');
const KUSTOMIZE = fs.readFileSync(path.join(ROOT, PIPE, 'kustomize-build.yaml'), 'utf8');

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(
  args: string[],
  opts: { stdin?: string; cwd?: string; isTTY?: boolean; env?: Record<string, string> } = {},
): Run {
  let out = '';
  let err = '';
  const code = runCli(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: opts.cwd ?? ROOT,
    readStdin: opts.stdin === undefined ? undefined : () => opts.stdin!,
    isTTY: opts.isTTY,
    env: opts.env,
  });
  return { code, out, err };
}

interface Diag {
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  template?: string;
}
const json = (r: Run): { files: number; diagnostics: Diag[] } => JSON.parse(r.out);

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'multus-cli-'));
}

test('helm template | check -: findings keep stream positions and name the template they came from', () => {
  const r = run(['check', '--format', 'json', '-'], { stdin: HELM });
  assert.equal(r.code, 1, r.err);
  const lines = HELM.split('\n');
  const got = json(r).diagnostics.map((d) => [d.file, d.line, d.code, d.template]);
  assert.deepEqual(got, [
    ['<stdin>', 30, 'json/syntax', 'storage-net/templates/cluster-nad.yaml'],
    ['<stdin>', 47, 'rook/public-no-node-route', 'storage-net/templates/cephcluster.yaml'],
    ['<stdin>', 48, 'rook/selector-not-found', 'storage-net/templates/cephcluster.yaml'],
  ]);
  // The position is the rendered stream's: line 30 holds the trailing comma, line 48 the misspelt selector.
  const syntax = json(r).diagnostics[0];
  assert.equal(lines[29].slice(syntax.column - 1, syntax.column), ',');
  assert.match(lines[47], /cluster: rook-ceph\/cluster-nett/);
  const text = run(['check', '-'], { stdin: HELM });
  assert.match(
    text.out,
    /^<stdin>:30:172: error json\/syntax: .* \(from storage-net\/templates\/cluster-nad\.yaml\)$/m,
  );
});

test('--stdin-filename names standard input in every format; the stream is read once', () => {
  const r = run(['check', '--format', 'json', '--stdin-filename', 'rendered/all.yaml', '-'], { stdin: HELM });
  assert.deepEqual(new Set(json(r).diagnostics.map((d) => d.file)), new Set(['rendered/all.yaml']));
  const gh = run(['check', '--format', 'github', '--stdin-filename', 'rendered/all.yaml', '-'], { stdin: HELM });
  assert.match(
    gh.out,
    /^::error file=rendered\/all\.yaml,line=30,col=172,endLine=30,endColumn=173,title=json\/syntax::/m,
  );
  let reads = 0;
  runCli(['check', '-'], {
    out: () => undefined,
    err: () => undefined,
    cwd: ROOT,
    readStdin: () => (reads++, HELM),
  });
  assert.equal(reads, 1);
});

test('kustomize build | check -: a clean stream has no findings; a broken one has no template to name', () => {
  const clean = run(['check', '--format', 'json', '-'], { stdin: KUSTOMIZE });
  assert.deepEqual([clean.code, json(clean).diagnostics], [0, []]);
  const broken = KUSTOMIZE.replace('"name": "cluster-net",', '"name": "cluster-net"');
  const r = run(['check', '--format', 'json', '-'], { stdin: broken });
  assert.equal(r.code, 1);
  const d = json(r).diagnostics;
  assert.deepEqual(
    d.map((x) => [x.file, x.code, x.template]),
    [['<stdin>', 'json/syntax', undefined]],
  );
});

test('helmSources: a Source comment covers its document only; none without comments', () => {
  const text = [
    '---',
    '# Source: c/templates/a.yaml',
    'a: 1',
    '---',
    'b: 2',
    '---',
    '# Source: c/templates/b.yaml',
    'c: 3',
  ].join('\n');
  const s = helmSources(text)!;
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7].map((l) => s.at(l)),
    [
      undefined,
      'c/templates/a.yaml',
      'c/templates/a.yaml',
      undefined,
      undefined,
      undefined,
      'c/templates/b.yaml',
      'c/templates/b.yaml',
    ],
  );
  assert.equal(helmSources('a: 1\n---\nb: 2\n'), undefined);
  // A value that mentions "# Source: " inside a document is not a template comment.
  assert.equal(helmSources('a: "x # Source: y"\n'), undefined);
});

test('stdin usage errors: "-" twice, --fix with "-", --stdin-filename without "-", no stdin', () => {
  for (const args of [
    ['check', '-', '-'],
    ['check', '--fix', '-'],
    ['check', '--stdin-filename', 'x.yaml', `${PIPE}/kustomize-build.yaml`],
  ]) {
    const r = run(args, { stdin: '' });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^multus-networks: .*\nUsage: multus-networks check/);
  }
  assert.equal(run(['check', '-']).code, 2);
});

test('--stdin-filename naming a file that is also checked from disk: standard input replaces it', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'nad.yaml'), HELM);
  const r = run(['check', '--format', 'json', '--stdin-filename', 'nad.yaml', '-', '.'], {
    stdin: KUSTOMIZE,
    cwd: dir,
  });
  assert.deepEqual([r.code, json(r).files, json(r).diagnostics], [0, 1, []]);
});

test('--exclude skips matching files found in folders (by name, by path glob, by folder); named files are still checked', () => {
  const dir = tmpDir();
  const bad = fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml'), 'utf8');
  for (const f of ['a.yaml', 'charts/x/templates/b.yaml', 'vendor/c.yml', 'keep/d.yaml']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), bad);
  }
  const files = (args: string[]) =>
    [...new Set(json(run(['check', '--format', 'json', ...args], { cwd: dir })).diagnostics.map((d) => d.file))].sort();
  assert.deepEqual(files(['.']), ['a.yaml', 'charts/x/templates/b.yaml', 'keep/d.yaml', 'vendor/c.yml']);
  assert.deepEqual(files(['--exclude', 'charts/**', '--exclude=vendor', '.']), ['a.yaml', 'keep/d.yaml']);
  // Globs are anchored at the base folder (VS Code's files.exclude): *.yaml is the top folder's only.
  assert.deepEqual(files(['--exclude', '*.yaml', '.']), ['charts/x/templates/b.yaml', 'keep/d.yaml', 'vendor/c.yml']);
  assert.deepEqual(files(['--exclude', '**/*.yaml', '.']), ['vendor/c.yml']);
  assert.deepEqual(files(['--exclude', '**/*.yaml', 'a.yaml', 'keep']), ['a.yaml']);
});

test('paths: relative to the working directory or --root, absolute outside it (never ../..)', () => {
  const inner = run(['check', '--format', 'json', '--root', 'test/fixtures', 'test/fixtures/cli/bad-nad.yaml']);
  assert.equal(json(inner).diagnostics[0].file, 'cli/bad-nad.yaml');
  const dir = tmpDir();
  const outside = run(['check', '--format', 'json', path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml')], { cwd: dir });
  assert.equal(
    json(outside).diagnostics[0].file,
    path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml').split(path.sep).join('/'),
  );
  const viaRoot = run(['check', '--root', '..', 'bad-nad.yaml'], { cwd: path.join(ROOT, 'test/fixtures/cli') });
  assert.match(viaRoot.out, /^cli\/bad-nad\.yaml:6:/m);
});

test('--quiet reports errors only; --max-warnings N fails on more than N warnings', () => {
  const args = ['check', '--format', 'json', '-'];
  const all = json(run(args, { stdin: HELM })).diagnostics.map((d) => d.severity);
  assert.deepEqual(all, ['error', 'info', 'warning']);
  const quiet = run(['check', '-q', '--format', 'json', '-'], { stdin: HELM });
  assert.deepEqual(
    json(quiet).diagnostics.map((d) => d.severity),
    ['error'],
  );
  const warnOnly = HELM.replace('"192.168.30.0/24",}', '"192.168.30.0/24"}');
  assert.equal(run(['check', '-'], { stdin: warnOnly }).code, 0);
  assert.equal(run(['check', '--max-warnings', '1', '-'], { stdin: warnOnly }).code, 0);
  const over = run(['check', '--max-warnings', '0', '-'], { stdin: warnOnly });
  assert.equal(over.code, 1);
  assert.match(over.err, /1 warning\(s\), more than --max-warnings 0/);
  const hidden = run(['check', '--quiet', '--max-warnings=0', '-'], { stdin: warnOnly });
  assert.deepEqual([hidden.code, hidden.out], [1, '1 file(s) checked: 0 error(s), 0 warning(s), 0 note(s).\n']);
  assert.match(hidden.err, /not shown: --quiet/);
  for (const bad of ['-1', 'many', '1.5'])
    assert.equal(run(['check', `--max-warnings=${bad}`, '-'], { stdin: HELM }).code, 2);
});

test('-o/--output writes the report to a file (folders created) and nothing to standard output', () => {
  const dir = tmpDir();
  const r = run(['check', '-o', 'reports/out.sarif', '--format', 'sarif', '-'], { stdin: HELM, cwd: dir });
  assert.deepEqual([r.code, r.out], [1, '']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out.sarif'), 'utf8')).version, '2.1.0');
  fs.writeFileSync(path.join(dir, 'file'), '');
  const cannot = run(['check', '--output', 'file/x.txt', '-'], { stdin: HELM, cwd: dir });
  assert.equal(cannot.code, 2);
  assert.match(cannot.err, /cannot write file\/x\.txt/);
});

test('--format github: one workflow command per finding, properties and message escaped', () => {
  assert.equal(escapeGithubData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
  assert.equal(escapeGithubProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  const r = run(['check', '--format', 'github', '--stdin-filename', 'odd, name: x.yaml', '-'], { stdin: HELM });
  const cmds = r.out.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(cmds.length, 3);
  assert.match(
    cmds[0],
    /^::error file=odd%2C name%3A x\.yaml,line=30,col=172,endLine=30,endColumn=173,title=json\/syntax::Trailing comma/,
  );
  assert.match(cmds[1], /^::notice file=.*,title=rook\/public-no-node-route::/);
  assert.match(
    cmds[2],
    /^::warning file=.*,title=rook\/selector-not-found::.*\(from storage-net\/templates\/cephcluster\.yaml\)$/,
  );
  assert.match(r.out, /\n1 file\(s\) checked: 1 error\(s\), 1 warning\(s\), 1 note\(s\)\.\n$/);
});

test('colour: on a terminal unless NO_COLOR or --no-color; --color forces it; never in files or JSON', () => {
  // eslint-disable-next-line no-control-regex -- ESC starts the terminal colour codes looked for
  const esc = /\x1b\[/;
  assert.match(run(['check', '-'], { stdin: HELM, isTTY: true }).out, esc);
  assert.doesNotMatch(run(['check', '-'], { stdin: HELM }).out, esc);
  assert.doesNotMatch(run(['check', '-'], { stdin: HELM, isTTY: true, env: { NO_COLOR: '1' } }).out, esc);
  assert.doesNotMatch(run(['check', '--no-color', '-'], { stdin: HELM, isTTY: true }).out, esc);
  assert.match(run(['check', '--color', '-'], { stdin: HELM }).out, esc);
  assert.doesNotMatch(run(['check', '--format', 'json', '-'], { stdin: HELM, isTTY: true }).out, esc);
  const plain = run(['check', '-'], { stdin: HELM }).out;
  // eslint-disable-next-line no-control-regex -- ESC starts the terminal colour codes removed
  assert.equal(run(['check', '--color', '-'], { stdin: HELM }).out.replace(/\x1b\[\d+m/g, ''), plain);
});

test('--fix applies safe fixes only and counts the unsafe ones; --unsafe-fixes applies the one-candidate did-you-means', () => {
  const nad = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: typo-net
spec:
  config: |
    {
      "cniVersion": "0.3.1",
      "name": "typo-net",
      "type": "macvlna",
      "mastr": "eth1",
      "ipam": { "type": "whereabouts", "range": "10.10.0.0/24" }
    }
`;
  const dir = tmpDir();
  const file = path.join(dir, 'nad.yaml');
  fs.writeFileSync(file, nad);
  const safe = run(['check', '--fix', 'nad.yaml'], { cwd: dir });
  assert.equal(fs.readFileSync(file, 'utf8'), nad, 'changing the plugin type is not a safe fix');
  assert.match(safe.out, /^Nothing to fix automatically\. 2 more fixes .* with --unsafe-fixes\.\n/);
  assert.equal(safe.code, 1);
  const unsafe = run(['check', '--fix', '--unsafe-fixes', 'nad.yaml'], { cwd: dir });
  assert.equal(fs.readFileSync(file, 'utf8'), nad.replace('"macvlna"', '"macvlan"').replace('"mastr"', '"master"'));
  assert.match(
    unsafe.out,
    /^nad\.yaml:10: fixed cni\/type-near-miss: Change to "macvlan"\nnad\.yaml:11: fixed cni\/unknown-field: Rename "mastr" to "master"\nFixed 2 problems in 1 file\.\n/,
  );
  assert.equal(unsafe.code, 0);
  assert.equal(run(['check', '--unsafe-fixes', 'nad.yaml'], { cwd: dir }).code, 2, '--unsafe-fixes needs --fix');
});

test('help and version: check --help, help check, -h, -V, --version; every option is in the help', () => {
  for (const args of [
    ['check', '--help'],
    ['check', '-h'],
    ['help', 'check'],
  ]) {
    const r = run(args);
    assert.deepEqual([r.code, r.out, r.err], [0, CHECK_USAGE, ''], args.join(' '));
  }
  for (const name of Object.keys(CHECK_OPTIONS)) assert.match(CHECK_USAGE, new RegExp(`--${name}\\b`));
  assert.match(run(['flow', '--help']).out, /^Usage: multus-networks flow/);
  for (const args of [['-h'], ['--help'], ['help']]) assert.equal(run(args).out, USAGE);
  for (const args of [['-V'], ['--version']]) assert.deepEqual(run(args), { code: 0, out: `${VERSION}\n`, err: '' });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(VERSION, pkg.version);
  assert.equal(run(['help', 'nope']).code, 2);
});

test('usage errors exit 2 with one line saying what is wrong: unknown option, rule id (did you mean), level, format', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--nope', '.'], /unknown option "--nope"/],
    [['check', '--format'], /--format needs a value/],
    [['check', '--quiet=yes', '.'], /--quiet takes no value/],
    [['check', '--rule', 'json/syntx=off', '.'], /unknown rule "json\/syntx"; did you mean "json\/syntax"\?/],
    [['check', '--rule', 'zzzzzz/qqqq=off', '.'], /unknown rule "zzzzzz\/qqqq" \(the rules: docs\/rules\.md\)/],
    [
      ['check', '--rule', 'json/syntax=loud', '.'],
      /--rule takes ID=off\|error\|warning\|info\|hint, not "json\/syntax=loud"/,
    ],
    [['check', '--format', 'xml', '.'], /--format must be text, json, sarif, github, not "xml"/],
    [['flow', '--kind', 'pie', '.'], /--kind must be sequence or topology/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err.split('\n')[0], message);
    assert.equal(r.out, '');
  }
});

test('flow reads standard input too: kustomize build | multus-networks flow -', () => {
  const r = run(['flow', '--kind', 'topology', '--format', 'mermaid', '-'], { stdin: KUSTOMIZE });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^flowchart LR\n/);
  assert.match(r.out, /public-net/);
  const md = run(['flow', '-'], { stdin: KUSTOMIZE });
  assert.match(md.out, /^#+ CephCluster rook-ceph\/rook-ceph \(\\<stdin\\>\)$/m);
  assert.equal(run(['flow', '-'], { stdin: 'a: 1\n' }).code, 1);
});
