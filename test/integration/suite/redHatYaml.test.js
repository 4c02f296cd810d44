// Beside Red Hat YAML (issue 17, item 8), against a stand-in with its extension id and schema API
// (test/integration/stubs/redhat-yaml; run with MULTUS_IT_YAML_STUB=1, as run.sh does): our
// schema is registered through registerContributor for documents with our kinds, and our
// yaml/syntax findings step back (multusNetworks.yamlSyntax "auto"), back with "always".
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { activated, openYaml, ours, waitFor, wsUri } = require('./helpers');

const STUB = 'redhat.vscode-yaml';
const BROKEN = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: broken-net
  namespace: rook-ceph
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "ipam": {"type": "whereabouts", "range": "10.7.0.0/24"},}'
  extra: [unclosed
`;

suite('beside Red Hat YAML', () => {
  const stub = vscode.extensions.getExtension(STUB);
  const t = stub
    ? test
    : (name, fn) => test.skip(name, fn, 'needs the redhat.vscode-yaml stand-in: MULTUS_IT_YAML_STUB=1 (run.sh runs it)');

  t('our schema goes to its registerContributor API, for documents with our kinds only', async () => {
    await openYaml('ceph/cluster.yaml');
    await activated();
    const api = stub.isActive ? stub.exports : await stub.activate();
    const c = await waitFor(
      () => api.contributors.find((x) => x.schema === 'multusnetworks'),
      20_000,
      'the contributor',
    );
    assert.strictEqual(c.label, 'Multus Networks');
    const schemaUri = c.requestSchema(wsUri('ceph/cluster.yaml').toString());
    assert.strictEqual(schemaUri, 'multusnetworks://schemas/kinds.json');
    await openYaml('networks/public-net.yaml');
    assert.strictEqual(c.requestSchema(wsUri('networks/public-net.yaml').toString()), schemaUri);
    const other = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: ConfigMap\n',
    });
    assert.strictEqual(c.requestSchema(other.uri.toString()), undefined);
    const schema = JSON.parse(c.requestSchemaContent(schemaUri));
    assert.strictEqual(schema.then.properties.kind.const, 'NetworkAttachmentDefinition');
    assert.strictEqual(schema.then.properties.spec.properties.config.type, 'string');
    assert.strictEqual(schema.else.then.properties.kind.const, 'CephCluster');
    assert.ok(schema.else.then.properties.spec.properties.network.properties.provider, 'spec.network from the CRD');
    assert.deepStrictEqual(schema.else.else, {}, 'other kinds are accepted as they are');
  });

  t('yaml/syntax is off while it is active (auto), and back with multusNetworks.yamlSyntax "always"', async () => {
    await activated();
    const uri = wsUri('networks/broken.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BROKEN));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // Our other findings arrive (the trailing comma in the config), yaml/syntax does not.
    await waitFor(() => ours(uri, 'json/syntax').length > 0, 30_000, 'json/syntax on the broken NAD');
    assert.deepStrictEqual(ours(uri, 'yaml/syntax'), []);
    const config = vscode.workspace.getConfiguration('multusNetworks');
    await config.update('yamlSyntax', 'always', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => ours(uri, 'yaml/syntax').length > 0, 30_000, 'yaml/syntax with "always"');
    } finally {
      await config.update('yamlSyntax', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => ours(uri, 'yaml/syntax').length === 0, 30_000, 'yaml/syntax gone again with "auto"');
  });
});
