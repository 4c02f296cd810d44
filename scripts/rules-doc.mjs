// Writes docs/rules.md from the rule catalog (server/src/core/rules.ts), so the docs and the
// diagnostics' links can never drift apart. `--check` fails when docs/rules.md is stale.
// "Where it is checked" lists the core files that emit each id: a literal id in a finding
// (`code: 'cni/x'`, `f.error('cni/x', ...)`, or `${family}/x`), not in a comparison (`=== 'cni/x'`) or as a map key.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const out = await esbuild.build({
  entryPoints: ['server/src/core/rules.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const { RULES } = mod.exports;

const CORE = 'server/src/core';
/** Files that name rule ids without emitting them: the catalog, quick fixes and editor features. */
const NOT_EMITTERS = [`${CORE}/rules.ts`, `${CORE}/features/`, `${CORE}/flow/`];

function coreFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) return coreFiles(p);
      return e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [p] : [];
    });
}

const known = new Set(RULES.map((r) => r.id));
/** Rule id -> emitting files (repository-relative paths). */
const emitters = new Map();
for (const file of coreFiles(CORE)) {
  if (NOT_EMITTERS.some((x) => file === x || file.startsWith(x))) continue;
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/'([a-z0-9]+\/[A-Za-z0-9-]+)'/g)) {
    if (!known.has(m[1])) continue;
    const before = text.slice(Math.max(0, m.index - 5), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/[!=]==\s*$/.test(before) || /^\s*:/.test(after) || /case\s*$/.test(before)) continue;
    if (!emitters.has(m[1])) emitters.set(m[1], new Set());
    emitters.get(m[1]).add(file);
  }
  // Ids built from a family variable: `${rule}/type-near-miss` stands for every family's id of that name.
  for (const m of text.matchAll(/`\$\{\w+\}\/([A-Za-z0-9-]+)`/g)) {
    for (const id of known) {
      if (!id.endsWith(`/${m[1]}`)) continue;
      if (!emitters.has(id)) emitters.set(id, new Set());
      emitters.get(id).add(file);
    }
  }
}

const FAMILIES = {
  yaml: 'YAML files',
  k8s: 'Kubernetes shape',
  nad: 'NetworkAttachmentDefinition',
  json: 'JSON inside `spec.config`',
  cni: 'CNI configuration',
  ipam: 'IPAM',
  rook: 'Rook CephCluster network',
  ref: 'Pod network annotations',
  config: 'Configuration file',
  comment: 'Disable comments',
  internal: 'Internal',
};

let md = `# Rules

Every diagnostic carries one of these ids as its \`code\`; each links here. Ids are stable public
names. Severity principle: **error** = the plugin, Multus or Rook will reject it; **warning** =
accepted, but silently not what the author meant; **info** / **hint** = advice. A rule reported at
more than one severity lists them all: the default first (the one SARIF states as the rule's
default), then the others, each used for the cases the summary describes.

Change a rule's severity or turn it off with the setting \`multusNetworks.rules\`
(e.g. \`{"cni/default-master": "off"}\`) or on the command line with \`--rule cni/default-master=off\`.
Silence one place with a comment on the line before it, or a whole file:

\`\`\`yaml
# multus-networks-disable-next-line cni/unknown-field
# multus-networks-disable nad/name-mismatch
\`\`\`

Without ids a comment silences every rule; text after \` -- \` is a description
(\`# multus-networks-disable-next-line cni/unknown-field -- read by our fork\`). JSON has no
comments, so a \`disable-next-line\` comment on the line before \`config:\` (or before the
\`k8s.v1.cni.cncf.io/networks\` annotation key) covers the whole embedded document, every line of a
\`|\` block included. A rule id that is not one of ours is reported where it is written
(\`comment/unknown-rule\`).

Rules marked *off by default* must be turned on in settings. "Where it is checked" links the source
files that report the rule (generated from the sources by \`npm run docs:rules\`).
`;
let family = '';
for (const r of RULES) {
  const f = r.id.split('/')[0];
  if (f !== family) {
    family = f;
    md += `\n## ${FAMILIES[f] ?? f} (\`${f}/\`)\n`;
  }
  const others = r.severities.slice(1);
  const severity =
    `Default severity: **${r.severity}**` +
    (others.length ? `; also reported as ${others.map((s) => `**${s}**`).join(', ')}` : '') +
    (r.offByDefault ? ' (off by default)' : '');
  const files = [...(emitters.get(r.id) ?? [])];
  const where = files.length
    ? `\n\nWhere it is checked: ${files.map((p) => `[${path.posix.relative(CORE, p)}](../${p})`).join(', ')}.`
    : '';
  md += `\n### \`${r.id}\`\n\n${severity}.\n\n${r.summary}${where}\n`;
}

const target = 'docs/rules.md';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== md) {
    console.error(`${target} is out of date: run npm run docs:rules`);
    process.exit(1);
  }
} else fs.writeFileSync(target, md);
