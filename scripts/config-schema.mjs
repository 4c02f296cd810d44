// Writes schemas/config.schema.json, the JSON Schema of .multus-networks.yaml, with the limits of
// core/limits.ts (rule ids are checked by pattern only, so new rules never make it stale; the
// server and the CLI check ids against the catalog). `--check` fails when the file is stale. The server validates the file itself (core/config/configFile.ts); this schema
// gives other editors (Red Hat YAML in VS Code, yaml-language-server elsewhere) completion and checks.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const out = await esbuild.build({
  stdin: {
    contents: "export { LIMIT_KEYS } from './server/src/core/limits';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const { LIMIT_KEYS } = mod.exports;

const level = { type: 'string', enum: ['off', 'error', 'warning', 'info', 'hint'] };
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/multus-networks/multus-networks/blob/main/schemas/config.schema.json',
  title: 'multus-networks configuration (.multus-networks.yaml)',
  description:
    'Settings for the multus-networks CLI, language server and VS Code extension. The nearest file in a checked file\'s folder or above governs it. See the README, section "Configuration file".',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      description:
        'Per-rule level: off, error, warning, info or hint, by rule id (e.g. cni/unknown-field; the ids: docs/rules.md). The language server and the CLI report a misspelt id with a did-you-mean.',
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+/[a-z0-9-]+$' },
      additionalProperties: level,
    },
    rookVersion: {
      description:
        'The Rook release you deploy, e.g. "1.20" or "1.12.3"; rules whose facts changed across releases follow it.',
      type: ['string', 'number'],
      pattern: '^\\d+\\.\\d+(\\.\\d+)?$',
    },
    extraPluginTypes: {
      description: 'CNI plugin types installed on your nodes that have no schema here (not reported as unknown).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    extraIpamTypes: {
      description: 'IPAM types installed on your nodes that have no schema here.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    exclude: {
      description:
        "Globs of files not to check, relative to this file's folder, as in VS Code's files.exclude: charts/*/templates/** is under this folder, **/templates/** in any folder; a glob matching a folder skips all of it.",
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    maxFileSize: {
      description: 'Files larger than this many bytes are not checked (yaml/too-large). Default 5000000.',
      type: 'integer',
      exclusiveMinimum: 0,
    },
    limits: {
      description:
        'Limits that protect the checker from hostile files; over a limit, the file or document is skipped (yaml/limit, yaml/alias-limit).',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(LIMIT_KEYS.map((k) => [k, { type: 'integer', exclusiveMinimum: 0 }])),
    },
    externalNetworks: {
      description:
        'NetworkAttachmentDefinitions that exist outside the checked files (another repository, an operator): references to them resolve.',
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'string',
            description: '"namespace/name", or "name" for a NAD of any namespace.',
            pattern:
              '^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', description: 'metadata.name of the NAD.' },
              namespace: { type: 'string', description: 'metadata.namespace of the NAD; absent: any namespace.' },
              type: { type: 'string', description: 'Its CNI plugin type, e.g. macvlan (informational).' },
              range: { type: 'string', description: 'The range it hands out, e.g. 192.168.20.0/24 (informational).' },
            },
          },
        ],
      },
    },
  },
};

const text = JSON.stringify(schema, null, 2) + '\n';
const file = 'schemas/config.schema.json';
if (process.argv.includes('--check')) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    console.error(`${file} is stale: run npm run schema:config`);
    process.exit(1);
  }
} else fs.writeFileSync(file, text);
