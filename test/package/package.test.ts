// The npm package as a user gets it: `npm pack` (prepack builds the production bundles), the
// tarball's exact contents, an offline install into an empty folder (no runtime dependencies to
// fetch), then `npx multus-networks check` and the language server (initialize, a diagnostic,
// shutdown/exit) from that install. Prints the tarball size and the install footprint.
// Run: npm run test:package (part of npm test; needs npm on PATH, no network).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = path.resolve(__dirname, '../../..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let tarball: string;
let app: string;
let packed: { path: string; size: number }[];
let packOutput: string;

function du(dir: string): number {
  let total = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  }
  return total;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-pack-'));
  // Without --json: standard output must be the tarball's name alone, which is what pre-commit reads.
  const out = execFileSync(NPM, ['pack', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packOutput = out;
  const listing = execFileSync('tar', ['-tzvf', path.join(work, out.trim())], { encoding: 'utf8' });
  packed = listing
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { path: cols[cols.length - 1].replace(/^package\//, ''), size: Number(cols[2]) };
    });
  tarball = path.join(work, `${PKG.name}-${PKG.version}.tgz`);
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const footprint = du(path.join(app, 'node_modules'));
  console.log(
    `package: tarball ${kb(fs.statSync(tarball).size)} (${packed.length} files, unpacked ${kb(packed.reduce((n, f) => n + f.size, 0))}); ` +
      `installed into an empty folder: ${fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.')).length} package(s), ${kb(footprint)}`,
  );
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the bundles, the bins, README, LICENSE and package.json, nothing else', () => {
  assert.equal(packOutput, `${PKG.name}-${PKG.version}.tgz\n`, 'npm pack prints the name alone (pre-commit reads it)');
  assert.deepEqual(packed.map((f) => f.path).sort(), [
    'LICENSE',
    'README.md',
    'bin/multus-networks-language-server.js',
    'bin/multus-networks.js',
    'dist/THIRD-PARTY-NOTICES.txt',
    'dist/cli.js',
    'dist/server.js',
    'package.json',
  ]);
  assert.equal(PKG.private, undefined, 'publishable');
  assert.deepEqual(PKG.dependencies ?? {}, {}, 'everything run-time is bundled');
  assert.ok(fs.statSync(tarball).size < 1_000_000, `tarball ${fs.statSync(tarball).size} bytes`);
  // Production bundles: minified, no source map reference to a file that is not shipped.
  const cli = fs.readFileSync(path.join(app, 'node_modules', PKG.name, 'dist/cli.js'), 'utf8');
  assert.doesNotMatch(cli, /sourceMappingURL/);
  // The bundled packages' licences travel with them.
  const notices = fs.readFileSync(path.join(app, 'node_modules', PKG.name, 'dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const name of ['ajv', 'yaml', 'jsonc-parser', 'vscode-languageserver'])
    assert.match(notices, new RegExp(`^${name} \\d`, 'm'));
});

test('the install pulls nothing else: one package in node_modules', () => {
  const names = fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.'));
  assert.deepEqual(names, [PKG.name]);
});

test('npx multus-networks check works from the install: findings, exit codes, --version', () => {
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml'), path.join(app, 'bad.yaml'));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/good-nad.yml'), path.join(app, 'good.yml'));
  const npx = (args: string[], input?: string) =>
    spawnSync(NPM, ['exec', '--offline', '--no', '--', ...args], { cwd: app, encoding: 'utf8', input });
  const bad = npx(['multus-networks', 'check', 'bad.yaml']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout, /^bad\.yaml:6:\d+: error json\/syntax: /m);
  const good = npx(['multus-networks', 'check', '--format', 'json', 'good.yml']);
  assert.equal(good.status, 0, good.stderr);
  assert.deepEqual(JSON.parse(good.stdout), { files: 1, diagnostics: [] });
  const stdin = npx(['multus-networks', 'check', '-'], fs.readFileSync(path.join(app, 'bad.yaml'), 'utf8'));
  assert.equal(stdin.status, 1);
  assert.match(stdin.stdout, /^<stdin>:6:/m);
  assert.equal(npx(['multus-networks', '--version']).stdout, `${PKG.version}\n`);
  assert.equal(npx(['multus-networks', 'check', '--nope']).status, 2);
});

test('multus-networks-language-server: --help and --version answer, no transport is exit 2', () => {
  const bin = path.join(app, 'node_modules/.bin/multus-networks-language-server');
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: multus-networks-language-server --stdio/);
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.deepEqual([version.status, version.stdout], [0, `${PKG.version}\n`]);
  const none = spawnSync(bin, [], { encoding: 'utf8', input: '' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /choose a transport, e\.g\. --stdio/);
});

test('multus-networks-language-server --stdio: initialize, a diagnostic for an open file, shutdown and exit 0', async () => {
  const bin = path.join(app, 'node_modules/.bin/multus-networks-language-server');
  const proc = spawn(bin, ['--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(path.join(app, 'bad.yaml')).href;
  const diagnostics = new Promise<{ code?: string }[]>((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string }[] }) => {
      if (p.uri === uri && p.diagnostics.length) resolve(p.diagnostics);
    }),
  );
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  try {
    const init = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(app).href,
      workspaceFolders: [{ uri: pathToFileURL(app).href, name: 'app' }],
      capabilities: {},
    })) as { serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> };
    assert.equal(init.serverInfo?.name, 'multus-networks');
    assert.ok(init.capabilities.textDocumentSync !== undefined);
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(path.join(app, 'bad.yaml'), 'utf8') },
    });
    const got = await Promise.race([
      diagnostics,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no diagnostics within 20 s')), 20_000)),
    ]);
    assert.deepEqual(
      got.map((d) => d.code),
      ['json/syntax'],
    );
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    proc.kill();
  }
});

// The VSIX is the other artefact of this package.json (.vscodeignore, not .npmignore; vsce refuses a
// `files` field next to .vscodeignore). vsce comes from test/integration/package.sh's tool folder, which
// npm test installs before it runs this file (test:package comes after test:integration).
const VSCE = path.join(ROOT, 'test/integration/.work/vsce/node_modules/.bin/vsce');
test(
  'the VSIX file list (vsce ls): client, server (desktop and web), media, schemas, snippets; no CLI, no bins',
  { skip: fs.existsSync(VSCE) ? false : 'vsce not installed: run npm run package once' },
  () => {
    // The packaged README (scripts/vsix-readme.mjs, as test/integration/package.sh makes it).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/vsix-readme.mjs'), 'dist/vsix/README.md'], { cwd: ROOT });
    const out = execFileSync(VSCE, ['ls', '--no-dependencies', '--readme-path', 'dist/vsix/README.md'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = out.split('\n').filter(Boolean).sort();
    for (const f of [
      'package.json',
      'dist/vsix/README.md',
      'LICENSE',
      'dist/client.js',
      'dist/server.js',
      'dist/web/client.js',
      'dist/web/server.js',
      'snippets/yaml.json',
    ])
      assert.ok(files.includes(f), f);
    assert.ok(files.includes('dist/media/mermaid.min.js'));
    assert.ok(files.includes('media/icon.png'), 'the extension icon');
    // Every relative link and image of the packaged README is in the VSIX (VS Code resolves them
    // against the installed extension's folder).
    const text = fs.readFileSync(path.join(ROOT, 'dist/vsix/README.md'), 'utf8');
    const relative = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((m) => m[1].split('#')[0])
      .filter((t) => t && !/^([a-z][a-z0-9+.-]*:|\/)/i.test(t));
    assert.ok(relative.includes('docs/images/flow-dark.png') && relative.includes('docs/rules.md'), relative.join(' '));
    assert.deepEqual(
      relative.filter((t) => !files.includes(t)),
      [],
      'relative links to files outside the VSIX',
    );
    assert.deepEqual(
      files.filter(
        (f) =>
          !/^(dist\/(web\/)?(client|server)\.js|dist\/THIRD-PARTY-NOTICES\.txt|dist\/media\/|media\/|schemas\/|snippets\/|docs\/[^/]+\.md$|docs\/images\/|dist\/vsix\/README\.md$|package\.json$|LICENSE$)/.test(
            f,
          ),
      ),
      [],
    );
  },
);

// ---- The GitHub Action (action.yml) and the pre-commit hook, run from the packed tarball ----

/** A folder with a NAD that has an error, one in a folder with a space, and a clean one. */
function repoWithFindings(): string {
  const repo = fs.mkdtempSync(path.join(work, 'repo-'));
  fs.mkdirSync(path.join(repo, 'deploy/vendor dir'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml'), path.join(repo, 'deploy/bad.yaml'));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/bad-nad.yaml'), path.join(repo, 'deploy/vendor dir/bad.yaml'));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/cli/good-nad.yml'), path.join(repo, 'deploy/good.yml'));
  return repo;
}

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

/**
 * Runs action.yml's composite steps as the runner would, as far as this machine allows: `${{ }}`
 * expressions over inputs and step outputs, run steps with bash -eo pipefail and a GITHUB_OUTPUT
 * file, `uses` steps recorded instead of run (no GitHub here).
 */
function runAction(inputs: Record<string, string>, workspace: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs as Record<string, { default?: string }>))
    values[k] = inputs[k] ?? v.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const lookup = (ref: string): string => {
    const m = /^(inputs|steps\.([\w-]+)\.outputs)\.([\w-]+)$/.exec(ref.trim());
    assert.ok(m, `unsupported expression ${ref}`);
    return (m[2] ? outputs[m[2]]?.[m[3]] : values[m[3]]) ?? '';
  };
  const expr = (e: string): unknown => {
    // Only what action.yml uses: always(), ==, !=, &&, string literals and references.
    const refs: string[] = [];
    const js = e
      .replace(/always\(\)/g, 'true')
      .replace(/(inputs|steps\.[\w-]+\.outputs)\.[\w-]+/g, (r) => `__ref${refs.push(lookup(r)) - 1}__`)
      .replace(/'([^']*)'/g, (_m, str) => JSON.stringify(str))
      .replace(/==/g, '===')
      .replace(/!===/g, '!==')
      .replace(/__ref(\d+)__/g, (_m, i) => JSON.stringify(refs[Number(i)]));
    return Function(`return (${js});`)();
  };
  const subst = (s: string) => s.replace(/\$\{\{(.*?)\}\}/g, (_m, e) => String(expr(e)));
  const log: { uses?: string; with?: Record<string, string>; stdout?: string; status?: number | null }[] = [];
  let failed: number | null = null;
  for (const step of action.runs.steps as ActionStep[]) {
    if (step.if !== undefined && !expr(step.if.replace(/^\$\{\{(.*)\}\}$/s, '$1'))) continue;
    if (step.uses) {
      log.push({
        uses: step.uses,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, subst(v)])),
      });
      continue;
    }
    assert.equal(step.shell, 'bash');
    const outFile = path.join(work, `github-output-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(outFile, '');
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, subst(v)])),
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outFile,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', subst(step.run!)], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    log.push({ stdout: r.stdout, status: r.status });
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        fs
          .readFileSync(outFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    if (r.status !== 0) {
      failed = r.status;
      break;
    }
  }
  return { log, outputs, failed };
}

test('action.yml: annotations, SARIF written and handed to upload-sarif, the job fails on errors', () => {
  const repo = repoWithFindings();
  const r = runAction(
    { paths: 'deploy', 'upload-sarif': 'true', args: `--exclude 'deploy/vendor dir'`, package: tarball },
    repo,
  );
  const check = r.log[0];
  assert.equal(check.status, 0, 'the check step records the status and goes on');
  const annotations = check.stdout!.split('\n').filter((l) => l.startsWith('::'));
  assert.deepEqual(
    annotations.map((l) => l.slice(0, l.indexOf('::', 2))),
    ['::error file=deploy/bad.yaml,line=6,col=96,endLine=6,endColumn=97,title=json/syntax'],
  );
  assert.deepEqual(r.outputs.check, { 'sarif-file': 'multus-networks.sarif', 'exit-code': '1' });
  assert.deepEqual(r.log[1], {
    uses: 'github/codeql-action/upload-sarif@v3',
    with: { sarif_file: 'multus-networks.sarif', category: 'multus-networks' },
  });
  const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'multus-networks.sarif'), 'utf8'));
  assert.deepEqual(
    sarif.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0].physicalLocation.artifactLocation.uri,
    ),
    ['deploy/bad.yaml'],
  );
  assert.equal(r.failed, 1, 'the last step fails the job with the checker status');
});

test('action.yml: a clean tree passes, no SARIF unless asked; bad usage is exit 2', () => {
  const repo = repoWithFindings();
  const clean = runAction({ paths: 'deploy/good.yml', package: tarball }, repo);
  assert.equal(clean.failed, null);
  assert.deepEqual(clean.outputs.check, { 'exit-code': '0' });
  assert.equal(clean.log.length, 2, 'no upload step');
  assert.match(clean.log[0].stdout!, /^1 file\(s\) checked: 0 error/m);
  const bad = runAction({ args: '--nope', package: tarball }, repo);
  assert.equal(bad.failed, 2);
});

test('.pre-commit-hooks.yaml: the fields pre-commit needs, and its entry run as pre-commit would', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const hooks = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(hooks.length, 1);
  const hook = hooks[0];
  for (const key of ['id', 'name', 'entry', 'language']) assert.equal(typeof hook[key], 'string', key);
  assert.equal(hook.language, 'node');
  const [bin, ...entryArgs] = hook.entry.split(' ');
  assert.ok(Object.keys(PKG.bin).includes(bin), `entry runs a bin of the package: ${bin}`);
  const files = new RegExp(hook.files);
  assert.deepEqual(
    ['a.yaml', 'deploy/b.yml', 'c.YAML', 'd.json', 'yaml.txt'].map((f) => files.test(f)),
    [true, true, false, false, false],
  );
  assert.equal(hook.pass_filenames, false, 'cross-file checks need the whole tree');
  // pre-commit runs `entry args...` at the repository root with the installed package's bins on PATH.
  const repo = repoWithFindings();
  const env = { ...process.env, PATH: `${path.join(app, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
  const r = spawnSync(bin, [...entryArgs, ...hook.args], { cwd: repo, env, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^deploy\/bad\.yaml:6:96: error json\/syntax/m);
  assert.match(r.stdout, /^deploy\/vendor dir\/bad\.yaml:6:96: error json\/syntax/m);
  fs.rmSync(path.join(repo, 'deploy/bad.yaml'));
  fs.rmSync(path.join(repo, 'deploy/vendor dir'), { recursive: true });
  assert.equal(spawnSync(bin, [...entryArgs, ...hook.args], { cwd: repo, env }).status, 0);
});
