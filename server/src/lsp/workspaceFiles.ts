// Where the language server's workspace files come from: one interface, two feeds.
//   - disk (server/src/node/diskFiles.ts): the Node server lists, reads and (for clients that cannot
//     watch) watches the workspace folders itself;
//   - client (lsp/clientFiles.ts): the client lists and reads them through its editor's file system
//     API (VS Code's workspace.findFiles / workspace.fs, virtual file systems included) and answers
//     the server's requests; the web extension's server in a Web Worker has no other way.
// The server (lsp/server.ts) and the first scan (lsp/workspaceScan.ts) use only this interface, so
// the exclude rules, limits and configuration files apply the same way to both feeds.
// No Node built-ins here: the web worker bundle includes this file.
import { matchesAny, SKIP_DIRS } from '../core/glob';

/** One file's new state reported by a feed's own watcher (text undefined: gone). */
export interface FileChange {
  uri: string;
  text: string | undefined;
}

export interface FileWatching {
  /** How the folders are watched, for the log. */
  readonly mode: string;
  close(): void;
}

export interface WatchOptions {
  /** Called once per burst with the files that changed. */
  onChanges: (changes: FileChange[]) => void;
  /** URIs of files the server knows under a folder (to report them gone when the folder goes). */
  knownUnder: (folderUri: string) => string[];
  /** Folders not to watch (besides SKIP_DIRS), by URI. */
  skipDir: (dirUri: string) => boolean;
}

export interface WorkspaceFiles {
  /** 'disk' or 'client', for the log. */
  readonly source: string;
  /**
   * The YAML files (*.yaml, *.yml) under a workspace folder, as URIs: not under SKIP_DIRS folders
   * and not matching `exclude` (globs relative to the folder). Sorted.
   */
  list(folderUri: string, exclude: string[]): Promise<string[]>;
  /** The texts of the files, in order (undefined: unreadable or gone). */
  read(uris: string[]): Promise<(string | undefined)[]>;
  /** Whether a file exists that the server may not know (quick fixes creating files ask). */
  exists(uri: string): boolean;
  /**
   * The configuration file that governs a workspace folder from a folder above it (the folder has
   * none of its own), if this feed can see above its folders.
   */
  configAbove(folderUri: string): Promise<string | undefined>;
  /**
   * Watches the folders itself, for clients that cannot report file changes
   * (workspace/didChangeWatchedFiles); undefined when this feed cannot.
   */
  watch?(folderUris: string[], opts: WatchOptions): FileWatching | undefined;
  close?(): void;
}

/**
 * The path of `uri` relative to the folder `folderUri` (with '/', decoded), or undefined when it is
 * not inside. Works on URI strings of any scheme (file:, vscode-vfs:, ...); a Windows drive letter
 * compares case-insensitively (Node writes file:///C:/, VS Code file:///c%3A/).
 */
export function relativePath(folderUri: string, uri: string): string | undefined {
  const norm = (u: string) => {
    let d: string;
    try {
      d = decodeURIComponent(u);
    } catch {
      d = u;
    }
    return d.replace(/^file:\/\/\/([A-Za-z]):/, (_m, drive: string) => `file:///${drive.toLowerCase()}:`);
  };
  const folder = norm(folderUri).replace(/\/+$/, '');
  const file = norm(uri);
  if (!file.startsWith(folder + '/')) return undefined;
  return file.slice(folder.length + 1);
}

/** Excluded by the editor's exclude setting (globs relative to the workspace folder that holds it). */
export function isExcluded(fileUri: string, folderUris: string[], exclude: string[]): boolean {
  if (!exclude.length) return false;
  for (const f of folderUris) {
    const rel = relativePath(f, fileUri);
    if (rel !== undefined) return matchesAny(rel, exclude);
  }
  return false;
}

/** True when a path relative to a workspace folder runs through a folder never searched (.git, node_modules). */
export function inSkippedDir(relPath: string): boolean {
  const parts = relPath.split('/');
  parts.pop();
  return parts.some((p) => SKIP_DIRS.has(p));
}
