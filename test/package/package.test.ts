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
let packed: { files: { path: string }[]; size: number; unpackedSize: number };

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
  const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Lifecycle scripts may print before the JSON.
  packed = JSON.parse(out.slice(out.indexOf('[')))[0];
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
    `package: tarball ${kb(fs.statSync(tarball).size)} (${packed.files.length} files, unpacked ${kb(packed.unpackedSize)}); ` +
      `installed into an empty folder: ${fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.')).length} package(s), ${kb(footprint)}`,
  );
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the bundles, the bins, README, LICENSE and package.json, nothing else', () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
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
// `files` field next to .vscodeignore). vsce comes from test/integration/package.sh's tool folder.
const VSCE = path.join(ROOT, 'test/integration/.work/vsce/node_modules/.bin/vsce');
test(
  'the VSIX file list (vsce ls): client, server, media, schemas, snippets; no CLI, no bins',
  { skip: fs.existsSync(VSCE) ? false : 'vsce not installed: run npm run package once' },
  () => {
    const out = execFileSync(VSCE, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const files = out.split('\n').filter(Boolean).sort();
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/client.js', 'dist/server.js', 'snippets/yaml.json'])
      assert.ok(files.includes(f), f);
    assert.ok(files.includes('dist/media/mermaid.min.js'));
    assert.deepEqual(
      files.filter(
        (f) =>
          !/^(dist\/(client|server)\.js|dist\/THIRD-PARTY-NOTICES\.txt|dist\/media\/|media\/|schemas\/|snippets\/|package\.json$|README\.md$|LICENSE$)/.test(
            f,
          ),
      ),
      [],
    );
  },
);
