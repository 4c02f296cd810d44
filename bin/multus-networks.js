#!/usr/bin/env node
'use strict';
// CLI entry: the bundled core in dist/cli.js (built by `npm run build`, and by prepare/prepack).
const { runCli, processIo } = require('../dist/cli.js');
process.exitCode = runCli(process.argv.slice(2), processIo());
