// The README packaged in the VSIX (test/integration/package.sh passes it to vsce --readme-path,
// with --no-rewrite-relative-links). VS Code shows an installed extension's README with the
// extension's folder as base, so relative links work for what the VSIX carries: the screenshots
// (docs/images/), the docs (docs/*.md), schemas/, media/, LICENSE. Links to files it does not carry
// (examples/, test/, conformance/, ...) are rewritten to the repository on GitHub.
//
//   node scripts/vsix-readme.mjs [out]     (default: dist/vsix/README.md)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Paths the VSIX carries (.vscodeignore's allow-list, as far as README links go). */
export const IN_VSIX = /^(docs\/[^/]+\.md|docs\/images\/[^/]+|schemas\/.+|media\/.+|LICENSE|README\.md)$/;

/** The repository's web address (package.json repository.url without .git). */
export function repositoryUrl(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!url) throw new Error('package.json has no repository URL');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Rewrites the Markdown link and image targets that leave the VSIX to `${repo}/blob/main/...`. */
export function vsixReadme(markdown, repo) {
  return markdown.replace(/(!?\[[^\]]*\]\()([^)\s]+)(\))/g, (all, open, target, close) => {
    if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(target)) return all;
    const [file, fragment = ''] = target.split(/(?=#)/);
    const clean = path.posix.normalize(file).replace(/^\.\//, '');
    if (IN_VSIX.test(clean)) return all;
    return `${open}${repo}/blob/main/${clean}${fragment}${close}`;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'vsix', 'README.md'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const text = vsixReadme(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), repositoryUrl(pkg));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`vsix-readme: ${path.relative(root, out)}`);
}
