// A small JSON-RPC/LSP driver for the benchmark (ours and the peer server), over stdio.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export class LspProcess {
  constructor(command, args, { configuration = {} } = {}) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', () => {});
    // A server that exits on `shutdown` closes its stdin before our `exit` notification.
    this.proc.stdin.on('error', () => {});
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    this.diags = new Map();
    this.waiters = [];
    this.progressEnded = new Set();
    this.lastPublish = 0;
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.lastPublish = performance.now();
      this.diags.set(p.uri, p);
      this.wake();
    });
    this.conn.onNotification('$/progress', (p) => {
      if (p.value?.kind === 'end') this.progressEnded.add(String(p.token));
      this.wake();
    });
    this.conn.onNotification(() => {});
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p) =>
      p.items.map((it) => (it.section ? (configuration[it.section] ?? null) : configuration)),
    );
    this.conn.onRequest(() => null);
    this.conn.listen();
  }
  wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  async waitFor(pred, timeoutMs = 600_000) {
    const deadline = performance.now() + timeoutMs;
    while (!pred()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('timeout');
      await new Promise((r) => {
        const t = setTimeout(r, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  async quiet(ms) {
    for (;;) {
      const since = performance.now() - this.lastPublish;
      if (since >= ms) return;
      await new Promise((r) => setTimeout(r, ms - since));
    }
  }
  initialize(rootUri, initializationOptions) {
    return this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true }, rename: { prepareSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions,
    });
  }
  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }
  request(method, params) {
    return this.conn.sendRequest(method, params);
  }
  rssMb() {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : null;
    } catch {
      return null;
    }
  }
  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      if (this.proc.exitCode === null) await this.conn.sendNotification('exit').catch(() => {});
    } catch {
      // the server is already gone
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
