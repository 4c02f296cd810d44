#!/usr/bin/env node
'use strict';
// CLI entry: the bundled core in dist/cli.js (built by `npm run build`).
const { runCli } = require('../dist/cli.js');
process.exitCode = runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});
