// Living beside Red Hat's YAML extension (redhat.vscode-yaml), which most users have installed:
//
// - It reports YAML syntax errors itself, so with `multusNetworks.yamlSyntax: "auto"` (the default)
//   our yaml/syntax findings are turned off while it is active (the configuration the server reads
//   gets `rules["yaml/syntax"] = "off"`, unless the user set that rule). "always" keeps them;
//   "never" drops them everywhere.
// - It validates and completes YAML against JSON schemas. A `yamlValidation` contribution can only
//   match file names, and NADs and CephClusters live in files of any name, so we use its extension
//   API instead: registerContributor(scheme, requestSchema, requestSchemaContent) hands it our
//   schema for the documents that mention our kinds. The schema checks a NAD's and a CephCluster's
//   outer shape (apiVersion, metadata, spec.config as a string, spec.network from Rook's CRD) and
//   accepts every other kind as it is; the CNI JSON inside spec.config stays ours to check.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type BaseLanguageClient } from 'vscode-languageclient';
import networkSchema from '../../schemas/rook/network.schema.json';

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';
export const SCHEMA_SCHEME = 'multusnetworks';
export const KINDS_SCHEMA_URI = `${SCHEMA_SCHEME}://schemas/kinds.json`;
const SYNTAX_RULE = 'yaml/syntax';

/** The part of vscode-yaml's API we use (its schema-extension-api). */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

export type YamlSyntaxSetting = 'auto' | 'always' | 'never';

export function yamlSyntaxSetting(): YamlSyntaxSetting {
  const v = vscode.workspace.getConfiguration('multusNetworks').get<string>('yamlSyntax');
  return v === 'always' || v === 'never' ? v : 'auto';
}

export function redHatYamlActive(): boolean {
  return vscode.extensions.getExtension(RED_HAT_YAML_ID) !== undefined;
}

/**
 * The `multusNetworks` configuration section as the server should read it: yaml/syntax off when
 * the setting says so (auto: Red Hat YAML is installed and enabled), unless the user's own
 * `rules` already name yaml/syntax.
 */
export function adjustConfiguration(section: unknown): unknown {
  const mode = yamlSyntaxSetting();
  const off = mode === 'never' || (mode === 'auto' && redHatYamlActive());
  if (!off || !section || typeof section !== 'object') return section;
  const s = section as { rules?: Record<string, unknown> };
  const rules = s.rules && typeof s.rules === 'object' ? s.rules : {};
  if (Object.prototype.hasOwnProperty.call(rules, SYNTAX_RULE)) return section;
  return { ...s, rules: { ...rules, [SYNTAX_RULE]: 'off' } };
}

const ANY = {};
const metadata = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'The object name (selectors and annotations refer to it).' },
    namespace: { type: 'string' },
  },
};

/** One schema for every document of a file: NADs and CephClusters checked, other kinds accepted. */
export function kindsSchema(): object {
  const nad = {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'k8s.cni.cncf.io/v1' },
      kind: { const: 'NetworkAttachmentDefinition' },
      metadata,
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          config: {
            type: 'string',
            description:
              'The CNI configuration as a JSON string (checked by Multus Networks: plugin fields, IPAM, ranges).',
          },
        },
      },
    },
  };
  const cluster = {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { const: 'ceph.rook.io/v1' },
      kind: { const: 'CephCluster' },
      metadata,
      spec: { type: 'object', properties: { network: networkSchema } },
    },
  };
  const is = (kind: string) => ({ properties: { kind: { const: kind } }, required: ['kind'] });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Multus Networks: NetworkAttachmentDefinition and CephCluster',
    if: is('NetworkAttachmentDefinition'),
    then: nad,
    else: { if: is('CephCluster'), then: cluster, else: ANY },
  };
}

const OUR_KINDS = /\bkind:\s*["']?(NetworkAttachmentDefinition|CephCluster)\b/;

/** Registers our schema with Red Hat YAML's API when it is installed (no-op otherwise). */
export async function contributeSchemas(log: vscode.LogOutputChannel): Promise<boolean> {
  const ext = vscode.extensions.getExtension<YamlExtensionApi>(RED_HAT_YAML_ID);
  if (!ext) return false;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    if (!api || typeof api.registerContributor !== 'function') {
      log.warn(`${RED_HAT_YAML_ID} has no registerContributor API: no schemas contributed.`);
      return false;
    }
    const content = JSON.stringify(kindsSchema());
    const ok = api.registerContributor(
      SCHEMA_SCHEME,
      (resource) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
        return doc && OUR_KINDS.test(doc.getText()) ? KINDS_SCHEMA_URI : undefined;
      },
      (uri) => (uri === KINDS_SCHEMA_URI ? content : undefined),
      'Multus Networks',
    );
    log.info(
      `Red Hat YAML is active: schemas for NetworkAttachmentDefinition and CephCluster contributed${ok === false ? ' (refused)' : ''}; yaml/syntax findings: ${yamlSyntaxSetting()}.`,
    );
    return ok !== false;
  } catch (err) {
    log.warn(`Contributing schemas to ${RED_HAT_YAML_ID} failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/**
 * Tells the server to read its configuration again when Red Hat YAML comes or goes (installed,
 * enabled, disabled) or multusNetworks.yamlSyntax changes (the latter also reaches it through the
 * client's configuration sync; asking twice is harmless).
 */
export function watchRedHatYaml(client: () => BaseLanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
  let active = redHatYamlActive();
  const poke = () => {
    const c = client();
    if (c.isRunning())
      void c.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch(() => undefined);
  };
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(() => {
      const now = redHatYamlActive();
      if (now === active) return;
      active = now;
      if (now) void contributeSchemas(log);
      poke();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('multusNetworks.yamlSyntax')) poke();
    }),
  );
}
