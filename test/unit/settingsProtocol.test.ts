// The editor's multusNetworks.* settings have no text to point into (they live in VS Code's
// settings.json), so a bad value is said in a window message, once, through the real server over
// stdio: rookVersion "banana" and friends; a fixed value brings no new message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestLspClient } from '../support/lspClient';

async function until(pred: () => boolean, what: string, client: TestLspClient): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${client.logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('bad editor settings are shown as window messages saying what is wrong and what is used instead', async () => {
  const client = new TestLspClient();
  try {
    client.settings = { rookVersion: 'banana', maxFileSize: 'big', rules: { 'cni/unknown-field': 'loud' } };
    await client.initialize();
    await until(() => client.messages.length >= 3, 'three messages', client);
    assert.deepEqual(client.messages, [
      'Multus Networks: Setting multusNetworks.rules: the level of "cni/unknown-field" must be off, error, warning, info or hint, not "loud".',
      'Multus Networks: Setting multusNetworks.rookVersion must be a Rook release like "1.20" or "1.12.3", not "banana"; the default is used.',
      'Multus Networks: Setting multusNetworks.maxFileSize must be a positive number of bytes (e.g. 5000000), not "big"; the default is used.',
    ]);
    // The user fixes them: no new message; a new bad value is said once.
    client.settings = { rookVersion: '1.14' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    client.settings = { rookVersion: '1.14', exclude: 'charts/**' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await until(() => client.messages.length >= 4, 'the fourth message', client);
    assert.equal(
      client.messages[3],
      'Multus Networks: Setting multusNetworks.exclude must be a list of strings, not "charts/**"; it is ignored.',
    );
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///none.yaml' },
      position: { line: 0, character: 0 },
    });
    assert.equal(client.messages.length, 4, 'the same problems are not said again');
  } finally {
    await client.shutdown();
  }
});
