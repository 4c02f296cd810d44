// extensionTestsPath entry of `npm run bench`'s web measurement (test/web/run.mjs --bench=FOLDER):
// time from starting the language server (the restart command: a new Web Worker, the workspace
// read through VS Code) to its first diagnostics, and to the diagnostics of every file that has
// some; medians over runs. Prints one line: "web-bench: {json}".
'use strict';
const vscode = require('vscode');

const SOURCE = 'multus-networks';
const RUNS = 5;

/** URIs with our diagnostics. */
const withOurs = () =>
  vscode.languages
    .getDiagnostics()
    .filter(([, ds]) => ds.some((d) => d.source === SOURCE))
    .map(([u]) => u.toString());

function waitUntil(pred, timeoutMs) {
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!pred()) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(performance.now());
    };
    const sub = vscode.languages.onDidChangeDiagnostics(done);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('timed out waiting for diagnostics'));
    }, timeoutMs);
    done();
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('multus-networks.multus-networks');
  const t0 = performance.now();
  const api = ext.isActive ? ext.exports : await ext.activate();
  await api.ready;
  // The first start (extension activation included when it had not happened before run()).
  await waitUntil(() => withOurs().length > 0, 60_000);
  const coldMs = performance.now() - t0;
  // Settle: every file with findings.
  await new Promise((r) => setTimeout(r, 2000));
  const files = withOurs().length;
  const first = [];
  const all = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const restarted = vscode.commands.executeCommand('multusNetworks.restartServer');
    // The old client's diagnostics go when it stops; wait for the new server's.
    await waitUntil(() => withOurs().length === 0, 30_000).catch(() => undefined);
    first.push((await waitUntil(() => withOurs().length > 0, 60_000)) - start);
    all.push((await waitUntil(() => withOurs().length >= files, 60_000)) - start);
    await restarted;
    await new Promise((r) => setTimeout(r, 500));
  }
  const round = (x) => Math.round(x);
  console.log(
    `web-bench: ${JSON.stringify({
      vscode: vscode.version,
      filesWithFindings: files,
      firstStartMs: round(coldMs),
      restartToFirstDiagnosticsMs: round(median(first)),
      restartToAllDiagnosticsMs: round(median(all)),
      runs: RUNS,
    })}`,
  );
};
