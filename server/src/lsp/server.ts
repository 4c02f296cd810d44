// The language server: capabilities, document sync, workspace scan, settings and diagnostics
// publishing. Features (definition, hover, ...) register through lsp/features.ts. All checking is
// done by the core; this file only moves data between the protocol and the core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  ServerCapabilities,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setInternalErrorLogger, type FileAnalysis } from '../core/analyze';
import { ALL_CHECKS } from '../core/checks';
import { isConfigFile, settingsProblems } from '../core/config/configFile';
import { installPrecompiledValidators } from '../core/precompiled';
import { DEFAULT_SETTINGS, settingsFrom } from '../core/settings';
import { PRODUCT_NAME, VERSION } from '../core/product';
import { LineIndex } from '../core/text/lineIndex';
import { Workspace, type Checks } from '../core/workspace';
import { toDiagnostic } from './convert';
import { FEATURES } from './features';
import { describeError, safeConnection } from './runSafe';
import { configFileIn, findConfigFile } from '../node/configFiles';
import { DiskWatcher } from './diskWatcher';
import { isExcluded, scanFolders } from './workspaceScan';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: Workspace;
  /** Workspace folder URIs. */
  folders: string[];
  /** The current analysis of a file (open documents are always current). */
  analysis(uri: string): FileAnalysis | undefined;
  lineIndex(uri: string): LineIndex | undefined;
  /** Schedules diagnostics for the given files (all relevant files when omitted). */
  republish(uris?: Iterable<string>): void;
}

export type FeatureRegistration = (ctx: ServerContext, params: InitializeParams) => Partial<ServerCapabilities>;

/** Serves one client over `connection`, running `checks` (tests pass their own). */
export function startServer(connection: Connection, checks: Checks = ALL_CHECKS): void {
  const documents = new TextDocuments(TextDocument);
  installPrecompiledValidators();
  const workspace = new Workspace(DEFAULT_SETTINGS, checks);
  const folders: string[] = [];
  let supportsConfiguration = false;
  /** Dynamic registrations the client supports (only those are registered). */
  let canRegisterConfiguration = false;
  let canRegisterWatchedFiles = false;
  let diskWatcher: DiskWatcher | undefined;
  let shownSettingsProblems = '';
  let initSettings: unknown;
  let scanWorkspace = true;
  let scanning = false;

  const published = new Set<string>();
  const pending = new Set<string>();
  let flushScheduled = false;

  const isRelevant = (a: FileAnalysis) =>
    a.problems.length > 0 ||
    a.objects.nads.length > 0 ||
    a.objects.clusters.length > 0 ||
    a.objects.annotations.length > 0;

  function publishNow(uri: string): void {
    const analysis = workspace.get(uri);
    const diagnostics = analysis ? workspace.problemsFor(uri).map((p) => toDiagnostic(p, analysis, ctx.lineIndex)) : [];
    // Open documents always get an answer (possibly empty) for their version; others only when it changes.
    if (diagnostics.length === 0 && !published.has(uri) && !documents.get(uri)) return;
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics });
  }

  function flush(): void {
    flushScheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) {
      try {
        publishNow(uri);
      } catch (err) {
        connection.console.error(`Checking ${uri} failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }
  }

  // A failing check or feature is logged and contained (internal/error finding, empty answer).
  setInternalErrorLogger((uri, err) =>
    connection.console.error(`Internal error while checking ${uri}: ${describeError(err)}`),
  );

  /** Updates a file; a failure in a change listener is logged and the file still re-published. */
  function setFile(uri: string, text: string): void {
    try {
      workspace.setFile(uri, text, { retainParse: !!documents.get(uri) });
    } catch (err) {
      connection.console.error(`Updating ${uri} failed: ${describeError(err)}`);
      ctx.republish([uri]);
    }
  }

  const ctx: ServerContext = {
    connection: safeConnection(connection),
    documents,
    workspace,
    folders,
    analysis: (uri) => workspace.get(uri),
    lineIndex: (uri) => workspace.get(uri)?.lines,
    republish(uris) {
      if (uris) for (const u of uris) pending.add(u);
      else {
        for (const a of workspace.all()) if (isRelevant(a)) pending.add(a.uri);
        for (const u of published) pending.add(u);
      }
      if (!flushScheduled) {
        flushScheduled = true;
        // setImmediate coalesces bursts of edits into one check per file, without a fixed delay.
        setImmediate(flush);
      }
    },
  };

  // When a file's cross-file facts change, every file that may depend on them is re-published.
  workspace.onFileChanged((uri, before, after) => {
    // During the first scan, results would flicker as files arrive (a selector before its NAD):
    // closed files are published once, when the scan ends.
    if (scanning && !documents.get(uri)) return;
    const affected = workspace.dependentsOf(uri, before, after);
    ctx.republish(affected ?? undefined);
    if (after) ctx.republish([uri]);
    else if (published.has(uri)) ctx.republish([uri]);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    canRegisterConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    canRegisterWatchedFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const opts = (params.initializationOptions ?? {}) as {
      settings?: unknown;
      multusNetworks?: unknown;
      scanWorkspace?: boolean;
    };
    // `{settings: {...}}` (our extension) or `{multusNetworks: {...}}` (Helix's `config`, eglot).
    initSettings = opts.settings ?? opts.multusNetworks;
    if (opts.scanWorkspace === false) scanWorkspace = false;
    if (initSettings) workspace.settings = settingsFrom(initSettings);
    for (const f of params.workspaceFolders ?? []) folders.push(f.uri);
    if (!folders.length && params.rootUri) folders.push(params.rootUri);
    let capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true } },
    };
    for (const register of FEATURES) capabilities = { ...capabilities, ...register(ctx, params) };
    return { capabilities, serverInfo: { name: PRODUCT_NAME, version: VERSION } };
  });

  connection.onInitialized(async () => {
    if (supportsConfiguration && canRegisterConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'multusNetworks' });
    if (supportsConfiguration) await loadSettings();
    else reportSettingsProblems(initSettings);
    if (!scanWorkspace || !folders.length) return;
    watchFiles();
    loadConfigAbove();
    await scan();
  });

  /**
   * Files created, changed or deleted on disk: the client watches them for us where it can
   * register workspace/didChangeWatchedFiles dynamically; otherwise the server watches the folders.
   */
  function watchFiles(): void {
    if (canRegisterWatchedFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }],
      });
      return;
    }
    diskWatcher = new DiskWatcher(folders, {
      knownUnder: (dirUri) => [...workspace.uris()].filter((u) => u.startsWith(dirUri)),
      skipDir: (dir) => excluded(pathToFileURL(dir).href),
      onChanges: (changes) => {
        for (const c of changes) diskChanged(c.uri, c.text);
      },
    });
    connection.console.log(`Watching the workspace folders for file changes (${diskWatcher.mode}).`);
  }

  /** The configuration file governing a workspace folder from above it (read once; not watched). */
  function loadConfigAbove(): void {
    for (const f of folders) {
      if (!f.startsWith('file:')) continue;
      const dir = fileURLToPath(f);
      if (configFileIn(dir) !== undefined) continue;
      const above = findConfigFile(path.dirname(dir));
      const text = above === undefined ? undefined : readDisk(pathToFileURL(above).href);
      if (text !== undefined) setFile(pathToFileURL(above!).href, text);
    }
  }

  /** One file's new disk state (undefined: gone), unless it is open or excluded. */
  function diskChanged(uri: string, text: string | undefined): void {
    if (documents.get(uri)) return;
    if (text === undefined) {
      workspace.removeFile(uri);
      if (isConfigFile(uri)) sweepExcluded();
      return;
    }
    if (excluded(uri)) return;
    const wasExclude = JSON.stringify(workspace.get(uri)?.config?.settings.exclude);
    setFile(uri, text);
    if (isConfigFile(uri) && JSON.stringify(workspace.get(uri)?.config?.settings.exclude) !== wasExclude) void rescan();
  }

  /** Drops the files a configuration file's exclude now matches (open ones are kept). */
  function sweepExcluded(): void {
    for (const uri of [...workspace.uris()]) if (!documents.get(uri) && excluded(uri)) workspace.removeFile(uri);
  }

  /** After a configuration file's exclude changed: drop what it excludes, read what it no longer does. */
  async function rescan(): Promise<void> {
    sweepExcluded();
    await scan();
  }

  /** Problems of the editor's settings (misspelt rule ids, rookVersion "banana"): shown once each. */
  function reportSettingsProblems(raw: unknown): void {
    const problems = settingsProblems(raw);
    const key = problems.join('\n');
    if (key === shownSettingsProblems) return;
    shownSettingsProblems = key;
    for (const p of problems)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Multus Networks: ${p}`,
      });
  }

  async function loadSettings(): Promise<void> {
    let raw: unknown = initSettings;
    if (supportsConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration('multusNetworks');
      } catch {
        // Keep the initialization settings.
      }
    }
    reportSettingsProblems(raw);
    const settings = settingsFrom(raw);
    if (JSON.stringify(settings) !== JSON.stringify(workspace.settings)) {
      workspace.reanalyzeAll(settings);
      ctx.republish();
    }
  }

  async function scan(): Promise<void> {
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Multus Networks: indexing YAML files', 0, undefined, true);
    scanning = true;
    try {
      await scanFolders(folders, {
        exclude: workspace.settings.exclude,
        isCancelled: () => !!progress?.token.isCancellationRequested,
        onFile: (uri, text) => {
          if (!documents.get(uri) && !workspace.isExcluded(uri)) setFile(uri, text);
        },
        onProgress: (done, total) =>
          progress?.report(total ? Math.round((100 * done) / total) : 100, `${done}/${total} files`),
      });
    } finally {
      scanning = false;
      progress?.done();
    }
    // A configuration file read late in the scan may exclude files read before it.
    sweepExcluded();
    ctx.republish();
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (!supportsConfiguration) {
      const raw = (change.settings as { multusNetworks?: unknown } | undefined)?.multusNetworks;
      reportSettingsProblems(raw);
      workspace.reanalyzeAll(settingsFrom(raw));
      ctx.republish();
      return;
    }
    await loadSettings();
  });

  /** Excluded by the editor's setting (relative to the workspace folder) or by a configuration file. */
  const excluded = (uri: string) =>
    isExcluded(uri, folders, workspace.settings.exclude) || (!isConfigFile(uri) && workspace.isExcluded(uri));

  documents.onDidChangeContent((e) => {
    if (excluded(e.document.uri)) return;
    setFile(e.document.uri, e.document.getText());
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    // Back to the disk version (or gone, for an unsaved or deleted file).
    const text = readDisk(uri);
    if (text !== undefined && !excluded(uri) && folders.some((f) => uri.startsWith(f))) setFile(uri, text);
    else {
      workspace.removeFile(uri);
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes)
      diskChanged(change.uri, change.type === FileChangeType.Deleted ? undefined : readDisk(change.uri));
  });

  connection.onShutdown(() => diskWatcher?.close());

  documents.listen(connection);
  connection.listen();
}

function readDisk(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fs.readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}
