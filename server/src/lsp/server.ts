// The language server: capabilities, document sync, workspace scan, settings and diagnostics
// publishing. Features (definition, hover, ...) register through lsp/features.ts. All checking is
// done by the core; this file only moves data between the protocol and the core. Workspace files
// come from a feed (lsp/workspaceFiles.ts): the disk (Node server) or the client (web worker). No
// Node built-ins here: the web worker bundle includes this file.
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
import { Workspace, type Checks } from '../core/workspace';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { FEATURES } from './features';
import { describeError, safeConnection } from './runSafe';
import { ClientFiles } from './clientFiles';
import { isExcluded, type FileWatching, type WorkspaceFiles } from './workspaceFiles';
import { WORKSPACE_FILES_OPTION } from './workspaceFilesProtocol';
import { StatusReporter } from './status';
import { scanFolders } from './workspaceScan';

/**
 * Chooses the workspace-files feed once the client's initialization options are known; `client`
 * is the client feed, which the chooser may return (it must when the client asks for it).
 */
export type FilesFeed = (client: WorkspaceFiles, initializationOptions: Record<string, unknown>) => WorkspaceFiles;

/** The client feed only (the web worker; tests that do not scan). */
export const clientFeedOnly: FilesFeed = (client) => client;

/**
 * Serves one client over `connection`, running `checks` (tests pass their own), reading workspace
 * files through the feed `feed` chooses (the Node entry offers the disk).
 */
export function startServer(
  connection: Connection,
  checks: Checks = ALL_CHECKS,
  feed: FilesFeed = clientFeedOnly,
): void {
  const documents = new TextDocuments(TextDocument);
  installPrecompiledValidators();
  const workspace = new Workspace(DEFAULT_SETTINGS, checks);
  const folders: string[] = [];
  let supportsConfiguration = false;
  /** Dynamic registrations the client supports (only those are registered). */
  let canRegisterConfiguration = false;
  let canRegisterWatchedFiles = false;
  let watching: FileWatching | undefined;
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

  const status = new StatusReporter(connection, workspace, (uri) => {
    const a = workspace.get(uri);
    return !!a && (a.objects.nads.length > 0 || a.objects.clusters.length > 0 || a.objects.annotations.length > 0);
  });

  function publishNow(uri: string): void {
    const analysis = workspace.get(uri);
    const diagnostics = analysis ? workspace.problemsFor(uri).map((p) => toDiagnostic(p, analysis, ctx.lineIndex)) : [];
    // Open documents always get an answer (possibly empty) for their version; others only when it changes.
    if (diagnostics.length === 0 && !published.has(uri) && !documents.get(uri)) return;
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics });
    status.published(uri, diagnostics);
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
    files: new ClientFiles(connection),
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
    status.changed();
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
      [WORKSPACE_FILES_OPTION]?: unknown;
    };
    const clientFiles = ctx.files;
    ctx.files = opts[WORKSPACE_FILES_OPTION] === 'client' ? clientFiles : feed(clientFiles, opts);
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
    if (!scanWorkspace || !folders.length) {
      status.started(folders.length ? 'the editor sends the files to check' : 'no workspace folder, open files only');
      return;
    }
    watchFiles();
    await loadConfigAbove();
    await scan();
  });

  /**
   * Files created, changed or deleted behind the editor's back: the client watches them for us
   * where it can register workspace/didChangeWatchedFiles dynamically; otherwise the feed watches
   * the folders, if it can (the disk feed can).
   */
  function watchFiles(): void {
    if (canRegisterWatchedFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }],
      });
      return;
    }
    watching = ctx.files.watch?.(folders, {
      knownUnder,
      skipDir: (dirUri) => excluded(dirUri),
      onChanges: (changes) => {
        for (const c of changes) diskChanged(c.uri, c.text);
      },
    });
    if (watching) connection.console.log(`Watching the workspace folders for file changes (${watching.mode}).`);
  }

  /** Known files under a folder (`dirUri` ends with '/'). */
  function knownUnder(dirUri: string): string[] {
    return [...workspace.uris()].filter((u) => u.startsWith(dirUri));
  }

  /** The configuration file governing a workspace folder from above it (read once; not watched). */
  async function loadConfigAbove(): Promise<void> {
    for (const f of folders) {
      const above = await ctx.files.configAbove(f).catch(() => undefined);
      if (above === undefined) continue;
      const [text] = await ctx.files.read([above]).catch(() => [undefined]);
      if (text !== undefined) setFile(above, text);
    }
  }

  /** One file's new state in the feed (undefined: gone), unless it is open or excluded. */
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
    status.scanBegins(folders.length);
    try {
      await scanFolders(folders, ctx.files, {
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
    status.scanEnds();
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

  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    // Back to the stored version (or gone, for an unsaved or deleted file).
    const inFolder = folders.some((f) => uri.startsWith(f));
    const [text] = inFolder && !excluded(uri) ? await ctx.files.read([uri]).catch(() => [undefined]) : [undefined];
    // Opened again while the feed answered: the editor's text wins.
    if (documents.get(uri)) return;
    if (text !== undefined && !excluded(uri)) setFile(uri, text);
    else {
      workspace.removeFile(uri);
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      status.published(uri, []);
    }
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    const changes = params.changes.filter((c) => !documents.get(c.uri));
    const deleted = changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri);
    // A deleted folder (some watchers report only the folder): every known file under it goes.
    for (const uri of deleted) {
      diskChanged(uri, undefined);
      for (const u of knownUnder(uri.replace(/\/?$/, '/'))) diskChanged(u, undefined);
    }
    const updated = changes.filter((c) => c.type !== FileChangeType.Deleted).map((c) => c.uri);
    if (!updated.length) return;
    const texts = await ctx.files.read(updated).catch(() => updated.map(() => undefined));
    updated.forEach((uri, i) => diskChanged(uri, texts[i]));
  });

  connection.onShutdown(() => {
    status.close();
    watching?.close();
    ctx.files.close?.();
  });

  documents.listen(connection);
  connection.listen();
}
