// Bundles the extension client, the language server and the CLI core into dist/.
//   node esbuild.mjs [--production] [--watch] [--only=cli,server,webClient,webServer]
//   node esbuild.mjs --size [--only=...]   prints the production bundles' sizes as JSON (writes nothing)
// The npm package ships dist/cli.js and dist/server.js (see .npmignore; built by prepack/prepare),
// the VSIX dist/client.js and dist/server.js (desktop) and dist/web/client.js and
// dist/web/server.js (web: package.json "browser"; see .vscodeignore). Targets: the CLI runs on the
// Node of engines.node (20); the client and server also run inside the oldest VS Code of
// engines.vscode (1.82: Node 18); the web bundles in the browsers of VS Code for the Web (ES2022,
// no Node built-ins: a Node import fails the build, except the two the client's shims replace).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const size = process.argv.includes('--size');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const common = {
  bundle: true,
  platform: 'node',
  // The extension's client and server run on VS Code's Node: 18.15 in 1.82, the oldest VS Code of
  // engines.vscode. The CLI runs on the user's Node (engines.node >= 20). See docs/architecture.md.
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's default entry is UMD, which esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

/** Web bundles: node:path and node:crypto in the shared client code go to client/src/browser/nodeShims.ts. */
const nodeShims = {
  name: 'node-shims',
  setup(build) {
    build.onResolve({ filter: /^node:(path|crypto)$/ }, () => ({
      path: path.resolve('client/src/browser/nodeShims.ts'),
    }));
  },
};

const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  // The browser field of vscode-languageclient/-server/-jsonrpc picks their browser builds.
  mainFields: ['browser', 'module', 'main'],
};

const builds = {
  client: { ...common, entryPoints: ['client/src/node/main.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  server: { ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  cli: { ...common, target: 'node20', entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js' },
  webClient: {
    ...web,
    entryPoints: ['client/src/browser/main.ts'],
    outfile: 'dist/web/client.js',
    external: ['vscode'],
    plugins: [nodeShims],
  },
  // A classic worker script (new Worker(url)): an IIFE.
  webServer: { ...web, format: 'iife', entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/web/server.js' },
};

const unknown = (only ?? []).filter((n) => !(n in builds));
if (unknown.length) throw new Error(`esbuild.mjs: unknown bundle ${unknown.join(', ')}`);
const chosen = Object.entries(builds)
  .filter(([name]) => !only || only.includes(name))
  .map(([, b]) => b);

if (size) {
  const { gzipSync } = await import('node:zlib');
  const out = {};
  for (const [name, b] of Object.entries(builds).filter(([n]) => !only || only.includes(n))) {
    const r = await esbuild.build({ ...b, minify: true, sourcemap: false, write: false });
    const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
    out[name] = { file: b.outfile, bytes: js.contents.length, gzip_bytes: gzipSync(js.contents).length };
  }
  console.log(JSON.stringify(out));
} else if (watch) {
  for (const b of chosen) (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(chosen.map((b) => esbuild.build({ ...b, metafile: production })));
  if (production) writeNotices(results.map((r) => r.metafile));
}

/**
 * dist/THIRD-PARTY-NOTICES.txt: name, version, licence and licence text of every npm package the
 * production bundles contain (their notices must travel with the minified code).
 */
function writeNotices(metafiles) {
  const dirs = new Set();
  for (const m of metafiles)
    for (const input of Object.keys(m.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      dirs.add(input.slice(0, at) + 'node_modules/' + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/'));
    }
  const sections = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const file = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.|$)/i.test(f));
      const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${pkg.license}`;
      return { name: pkg.name, text: `${pkg.name} ${pkg.version} (${pkg.license})\n\n${text}\n` };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const sep = `\n${'-'.repeat(78)}\n\n`;
  fs.writeFileSync(
    'dist/THIRD-PARTY-NOTICES.txt',
    `The bundles in dist/ contain the following packages.\n${sep}${sections.map((s) => s.text).join(sep)}`,
  );
}
