// Copies the Mermaid browser bundle (an IIFE that defines `mermaid`) and its license into
// dist/media/, where the preview webview loads it from (no CDN: works offline). Run after esbuild:
//   node esbuild.mjs && node scripts/copy-media.mjs
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'media');

function mermaidDir() {
  try {
    // mermaid's `exports` map has "./*", so its package.json resolves.
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('mermaid/package.json'));
  } catch {
    return path.join(root, 'node_modules', 'mermaid');
  }
}

const dir = mermaidDir();
const files = [
  [path.join(dir, 'dist', 'mermaid.min.js'), 'mermaid.min.js'],
  [path.join(dir, 'LICENSE'), 'mermaid.LICENSE.txt'],
];
const missing = files.filter(([from]) => !fs.existsSync(from));
if (missing.length) {
  console.error(
    `copy-media: ${missing.map(([f]) => path.relative(root, f)).join(', ')} not found; run npm install (mermaid is a dependency).`,
  );
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
for (const [from, name] of files) fs.copyFileSync(from, path.join(outDir, name));
const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
console.log(`copy-media: mermaid ${version} -> ${path.relative(root, outDir)}/`);
