#!/usr/bin/env node
'use strict';
// The standalone language server for any LSP client: `multus-networks-language-server --stdio`.
// The bundle (dist/server.js) starts serving as soon as it loads, so the answers that need no
// connection (--help, --version, a missing transport) come first.
const { version } = require('../package.json');

const USAGE = `Usage: multus-networks-language-server --stdio

The Multus Networks language server (LSP): diagnostics, quick fixes, hover, completion, navigation
for NetworkAttachmentDefinitions and Rook CephCluster networks in YAML files.

Transports (one is required):
  --stdio                 JSON-RPC over standard input and output (what editors use)
  --node-ipc              Node IPC (a parent Node process)
  --socket=PORT           a TCP socket on localhost
  --pipe=NAME             a named pipe / socket file

  -h, --help              show this help
  -V, --version           print the version
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version') || args.includes('-V')) {
  process.stdout.write(`${version}\n`);
} else if (!args.some((a) => /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/.test(a))) {
  process.stderr.write(`multus-networks-language-server: choose a transport, e.g. --stdio\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  require('../dist/server.js');
}
