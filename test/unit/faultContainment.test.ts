// Fault containment: an exception in one check, one file, one listener or one request handler
// becomes an internal/error finding (or an empty answer) plus a log line; the other findings still
// appear and the server keeps serving. Throwing checks are registered only in this test process and
// only fire on texts that carry a marker, so normal documents are unaffected.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  createMessageConnection,
  MessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { analyzeFile, setInternalErrorLogger } from '../../server/src/core/analyze';
import { ALL_CHECKS } from '../../server/src/core/checks';
import { runCli } from '../../server/src/cli/cli';
import { DEFAULT_SETTINGS, Settings } from '../../server/src/core/settings';
import { type Checks, Workspace } from '../../server/src/core/workspace';
import { FEATURES } from '../../server/src/lsp/features';
import { runSafe } from '../../server/src/lsp/runSafe';
import { startServer } from '../../server/src/lsp/server';
import { TestLspClient } from '../support/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const NORMAL = fs.readFileSync(path.join(ROOT, 'test/fixtures/hostile/normal.yaml'), 'utf8');
const LOCAL = '# EXPLODE-LOCAL\n';
const CROSS = '# EXPLODE-CROSS\n';
const LISTENER = '# EXPLODE-LISTENER\n';

/** The product's checks plus one local and one cross-file check that throw on a marker. */
const CHECKS: Checks = {
  local: [
    ...ALL_CHECKS.local,
    (analysis) => {
      if (analysis.text.includes('EXPLODE-LOCAL')) throw new Error('local check exploded');
    },
  ],
  crossFile: [
    ...ALL_CHECKS.crossFile,
    (analysis) => {
      if (analysis.text.includes('EXPLODE-CROSS')) throw new TypeError('cross-file check exploded');
    },
  ],
};

const ids = (p: { code?: string | number }[]) => p.map((x) => String(x.code)).sort();

describe('contained in the core and the CLI', () => {
  test('a throwing file-local check gives internal/error; the other findings still appear', () => {
    const logged: string[] = [];
    setInternalErrorLogger((uri, err) => logged.push(`${uri}: ${(err as Error).message}`));
    try {
      const a = analyzeFile('file:///local.yaml', LOCAL + NORMAL, DEFAULT_SETTINGS, CHECKS.local);
      assert.deepEqual(ids(a.problems), ['internal/error', 'json/syntax']);
      const internal = a.problems.find((p) => p.code === 'internal/error')!;
      assert.equal(internal.severity, 'info');
      assert.match(internal.message, /internal error .*\(local check exploded\); please report it/);
      assert.deepEqual(logged, ['file:///local.yaml: local check exploded']);
      assert.equal(a.nads.length, 1, 'the NAD analysis is kept');
    } finally {
      setInternalErrorLogger(() => {});
    }
  });

  // Needs a one-line change in core/workspace.ts (Workspace.problemsFor): pass `problems` as the
  // 4th argument of contained(). Until then the internal/error goes into the cached
  // analysis.problems instead: missing from this answer and piling up on every later call.
  test('a throwing cross-file check gives internal/error for that file only, once', () => {
    const ws = new Workspace(DEFAULT_SETTINGS, CHECKS);
    ws.setFile('file:///cross.yaml', CROSS + NORMAL);
    ws.setFile('file:///other.yaml', NORMAL.replace(/normal/g, 'other'));
    assert.deepEqual(ids(ws.problemsFor('file:///cross.yaml')), ['internal/error', 'json/syntax']);
    assert.deepEqual(
      ids(ws.problemsFor('file:///cross.yaml')),
      ['internal/error', 'json/syntax'],
      'asked twice, reported once',
    );
    assert.deepEqual(ids(ws.problemsFor('file:///other.yaml')), ['json/syntax']);
  });

  test('a failure outside the contained checks (parsing, discovery) still yields an analysis', () => {
    const evil = {
      ...DEFAULT_SETTINGS,
      get limits(): Settings['limits'] {
        throw new Error('settings exploded');
      },
    } as Settings;
    const a = analyzeFile('file:///evil.yaml', NORMAL, evil, CHECKS.local);
    assert.deepEqual(ids(a.problems), ['internal/error']);
    assert.deepEqual(a.objects.nads, []);
    assert.equal(a.text, NORMAL);
  });

  test('the CLI reports internal errors as findings and exits normally', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-fault-'));
    try {
      fs.writeFileSync(path.join(dir, 'both.yaml'), LOCAL + NORMAL);
      fs.writeFileSync(path.join(dir, 'fine.yaml'), NORMAL.replace(/normal/g, 'fine'));
      let out = '';
      const code = runCli(['check', '--format', 'json', dir], {
        out: (s) => (out += s),
        err: () => undefined,
        cwd: dir,
        checks: CHECKS,
      });
      const json = JSON.parse(out) as { diagnostics: { file: string; code: string }[] };
      assert.equal(code, 1);
      assert.deepEqual(ids(json.diagnostics.filter((d) => d.file === 'both.yaml')), ['internal/error', 'json/syntax']);
      assert.deepEqual(ids(json.diagnostics.filter((d) => d.file === 'fine.yaml')), ['json/syntax']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runSafe', () => {
  const never = new CancellationTokenSource().token;

  test('a throwing handler is logged and answers the fallback', async () => {
    const logs: string[] = [];
    const h = runSafe(
      (m) => logs.push(m),
      'onHover',
      (_p: unknown, _t: unknown) => {
        throw new Error('boom');
      },
    );
    assert.equal(await h({}, never), null);
    assert.match(logs[0], /^onHover failed: Error: boom\n\s+at /);
    const resolve = runSafe(
      () => {},
      'onCompletionResolve',
      (_item: { label: string }, _t: unknown): { label: string } => {
        throw new Error('boom');
      },
      (item) => item,
    );
    assert.deepEqual(await resolve({ label: 'x' }, never), { label: 'x' });
    const rejecting = runSafe(
      (m) => logs.push(m),
      'async',
      async (_p: unknown, _t: unknown) => Promise.reject(new Error('later')),
    );
    assert.equal(await rejecting({}, never), null);
    assert.match(logs[1], /async failed: Error: later/);
  });

  test('deliberate ResponseErrors pass through; cancelled requests answer RequestCancelled', async () => {
    const refused = new ResponseError(-32602, 'not a valid name');
    const h = runSafe(
      () => assert.fail('not logged'),
      'onRenameRequest',
      (_p: unknown, _t: unknown) => {
        throw refused;
      },
    );
    assert.equal(await h({}, never), refused);

    const before = new CancellationTokenSource();
    before.cancel();
    let ran = false;
    const skipped = await runSafe(
      () => {},
      'x',
      (_p: unknown, _t: unknown) => (ran = true),
    )({}, before.token);
    assert.ok(skipped instanceof ResponseError && skipped.code === -32800);
    assert.equal(ran, false, 'a request cancelled before it ran does no work');

    const during = new CancellationTokenSource();
    const stale = await runSafe(
      () => {},
      'x',
      async (_p: unknown, _t: unknown) => {
        during.cancel();
        return 'stale';
      },
    )({}, during.token);
    assert.ok(stale instanceof ResponseError && stale.code === -32800);
  });
});

describe('contained in a running server (in-process, real JSON-RPC)', () => {
  let client: MessageConnection;
  const logs: string[] = [];
  const diags = new Map<string, { version?: number; codes: string[] }>();
  let waiters: (() => void)[] = [];
  let toServer: PassThrough;
  let toClient: PassThrough;
  let release: () => void = () => {};

  before(async () => {
    // A feature that fails in every way a feature can, registered through the connection that
    // features get (the server wraps its request registrations with runSafe).
    FEATURES.push((ctx) => {
      ctx.connection.onHover(() => {
        throw new Error('hover exploded');
      });
      ctx.connection.onCompletionResolve(() => {
        throw new Error('resolve exploded');
      });
      ctx.connection.onDocumentSymbol(
        () =>
          new Promise((resolve) => {
            release = () => resolve([]);
          }),
      );
      ctx.connection.onRequest('multus/explode', () => {
        throw new Error('custom request exploded');
      });
      ctx.workspace.onFileChanged((_uri, _before, after) => {
        if (after?.text.includes('EXPLODE-LISTENER')) throw new Error('listener exploded');
      });
      return { hoverProvider: true, documentSymbolProvider: true, completionProvider: { resolveProvider: true } };
    });
    toServer = new PassThrough();
    toClient = new PassThrough();
    startServer(
      createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)),
      CHECKS,
    );
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    client.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: { code: string }[] }) => {
        diags.set(p.uri, { version: p.version, codes: p.diagnostics.map((d) => d.code).sort() });
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      },
    );
    client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.listen();
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { scanWorkspace: false },
    });
    await client.sendNotification('initialized', {});
  });

  after(() => {
    client.dispose();
    toServer.end();
    toClient.end();
    FEATURES.pop();
  });

  async function openAndWait(uri: string, text: string): Promise<string[]> {
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const deadline = Date.now() + 10_000;
    while (diags.get(uri)?.version !== 1) {
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; logs:\n${logs.join('\n')}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return diags.get(uri)!.codes;
  }

  test('a throwing local check: internal/error published next to the real finding, and logged', async () => {
    assert.deepEqual(await openAndWait('file:///f/local.yaml', LOCAL + NORMAL), ['internal/error', 'json/syntax']);
    assert.ok(
      logs.some((l) =>
        /Internal error while checking file:\/\/\/f\/local\.yaml: Error: local check exploded\n\s+at /.test(l),
      ),
      logs.join('\n'),
    );
  });

  test('a throwing workspace listener: logged, and the file is still published', async () => {
    assert.deepEqual(await openAndWait('file:///f/listener.yaml', LISTENER + NORMAL), ['json/syntax']);
    assert.ok(
      logs.some((l) => /Updating file:\/\/\/f\/listener\.yaml failed: Error: listener exploded/.test(l)),
      logs.join('\n'),
    );
  });

  test('throwing request handlers answer empty results and are logged; the server keeps serving', async () => {
    const pos = { textDocument: { uri: 'file:///f/local.yaml' }, position: { line: 1, character: 1 } };
    assert.equal(await client.sendRequest('textDocument/hover', pos), null);
    assert.deepEqual(await client.sendRequest('completionItem/resolve', { label: 'x', data: 1 }), {
      label: 'x',
      data: 1,
    });
    assert.equal(await client.sendRequest('multus/explode', {}), null);
    for (const what of [
      'onHover failed: Error: hover exploded',
      'onCompletionResolve failed: Error: resolve exploded',
      'Request multus/explode failed: Error: custom request exploded',
    ]) {
      assert.ok(
        logs.some((l) => l.startsWith(what)),
        `${what}\n${logs.join('\n')}`,
      );
    }
    assert.deepEqual(await openAndWait('file:///f/after.yaml', NORMAL), ['json/syntax']);
  });

  test('a request cancelled by the client answers RequestCancelled, not a stale result', async () => {
    const source = new CancellationTokenSource();
    const pending = client.sendRequest(
      'textDocument/documentSymbol',
      { textDocument: { uri: 'file:///f/after.yaml' } },
      source.token,
    );
    await new Promise((r) => setTimeout(r, 50));
    source.cancel();
    await new Promise((r) => setTimeout(r, 50));
    release();
    await assert.rejects(pending, (err: ResponseError<unknown>) => err.code === -32800);
    assert.equal(
      await client.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///f/after.yaml' },
        position: { line: 0, character: 0 },
      }),
      null,
    );
  });
});

describe('global handlers of the server process (dist/server.js over stdio)', () => {
  let dir: string;
  let client: TestLspClient;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'multus-global-'));
  });
  after(async () => {
    await client?.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a stray rejection and a stray exception are logged; the server keeps answering', async () => {
    // Preloaded into the server process: errors nobody catches, after the server has started.
    const preload = path.join(dir, 'stray.js');
    fs.writeFileSync(
      preload,
      `setTimeout(() => { Promise.reject(new Error('stray rejection')); }, 300);\nsetTimeout(() => { throw new Error('stray exception'); }, 350);\n`,
    );
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ''} --require ${JSON.stringify(preload)}`.trim();
    try {
      client = new TestLspClient();
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
    await client.initialize({ scanWorkspace: false });
    const deadline = Date.now() + 10_000;
    while (!(
      client.logs.some((l) => /Unhandled rejection: Error: stray rejection/.test(l)) &&
      client.logs.some((l) => /Uncaught exception: Error: stray exception/.test(l))
    )) {
      if (Date.now() > deadline) assert.fail(`not logged:\n${client.logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.open('file:///g/normal.yaml', NORMAL);
    const d = await client.waitForDiagnostics('file:///g/normal.yaml', (x) => x.length > 0);
    assert.deepEqual(ids(d), ['json/syntax']);
  });
});
