// The extension activates on YAML, starts its language server, and its commands work.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { extension, openYaml, ours, waitFor, waitForDiagnostics } = require('./helpers');

suite('activation', () => {
  test('activates when a YAML file is open and starts the language server', async () => {
    await openYaml('networks/public-net.yaml');
    const ext = extension();
    await waitFor(() => ext.isActive, 30_000, 'the extension to activate');
    const api = ext.exports;
    assert.ok(api && api.client, 'activate() returns an API with the language client');
    assert.ok(api.ready instanceof Promise, 'the API has a ready promise');
    await api.ready;
    assert.ok(api.client.isRunning(), 'the language client is running');
  });

  test('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['multusNetworks.restartServer', 'multusNetworks.showOutput']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
    await vscode.commands.executeCommand('multusNetworks.showOutput');
  });

  test('multusNetworks.restartServer brings up a server that checks again', async () => {
    const doc = await openYaml('networks/styles.yaml');
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
    const api = extension().exports;
    const before = api.client;
    await vscode.commands.executeCommand('multusNetworks.restartServer');
    await api.ready;
    assert.ok(api.client.isRunning(), 'the restarted client is running');
    assert.notStrictEqual(api.client, before, 'a fresh client after the restart');
    // The old client's diagnostics are gone with it; the new server publishes them again.
    await waitForDiagnostics(doc.uri, 'json/syntax', 4);
    assert.ok(ours(doc.uri).length >= 4);
  });
});
