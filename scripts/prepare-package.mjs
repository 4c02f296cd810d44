// npm lifecycle for the npm package (CLI + language server; the VSIX is built by
// test/integration/package.sh):
//   prepack  (npm pack / publish): production bundles of the CLI and the server, always.
//   prepare  (npm install from a git URL, and a plain `npm install` in a clone): the same bundles,
//            only when they are missing, so installing from git gives a working command while a
//            developer's `npm install` does not rebuild every time.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const bundles = ['dist/cli.js', 'dist/server.js'];
if (mode !== 'prepack' && mode !== 'prepare') throw new Error('usage: prepare-package.mjs prepack|prepare');
if (mode === 'prepare' && bundles.every((b) => fs.existsSync(path.join(root, b)))) process.exit(0);
try {
  createRequire(path.join(root, 'package.json')).resolve('esbuild');
} catch {
  // Installed without devDependencies (e.g. npm ci --omit=dev in a clone): nothing can be built.
  console.error('multus-networks: esbuild is not installed; run npm install (with devDependencies) to build dist/.');
  process.exit(mode === 'prepack' ? 1 : 0);
}
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production', '--only=cli,server'], {
  cwd: root,
  stdio: 'inherit',
});
