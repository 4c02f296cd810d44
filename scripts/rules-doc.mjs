// Writes docs/rules.md from the rule catalog (server/src/core/rules.ts), so the docs and the
// diagnostics' links can never drift apart. `--check` fails when docs/rules.md is stale.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

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
  internal: 'Internal',
};

let md = `# Rules

Every diagnostic carries one of these ids as its \`code\`; each links here. Ids are stable public
names. Severity principle: **error** = the plugin, Multus or Rook will reject it; **warning** =
accepted, but silently not what the author meant; **info** / **hint** = advice.

Change a rule's severity or turn it off with the setting \`multusNetworks.rules\`
(e.g. \`{"cni/default-master": "off"}\`) or on the command line with \`--rule cni/default-master=off\`.
Silence one place with a comment on the line before it, or a whole file:

\`\`\`yaml
# multus-networks-disable-next-line cni/unknown-field
# multus-networks-disable nad/name-mismatch
\`\`\`

Rules marked *off by default* must be turned on in settings.
`;
let family = '';
for (const r of RULES) {
  const f = r.id.split('/')[0];
  if (f !== family) {
    family = f;
    md += `\n## ${FAMILIES[f] ?? f} (\`${f}/\`)\n`;
  }
  md += `\n### \`${r.id}\`\n\nDefault severity: **${r.severity}**${r.offByDefault ? ' (off by default)' : ''}.\n\n${r.summary}\n`;
}

const target = 'docs/rules.md';
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== md) {
    console.error(`${target} is out of date: run npm run docs:rules`);
    process.exit(1);
  }
} else fs.writeFileSync(target, md);
