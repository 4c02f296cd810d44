// The client feed of the language server's workspace files (interface: lsp/workspaceFiles.ts):
// the client lists and reads the files through its editor's file system API and answers these
// requests (client/src/workspaceFiles.ts does it with VS Code's workspace.findFiles and
// workspace.fs, virtual file systems included). File changes come back as
// workspace/didChangeWatchedFiles, which the server registers as with any client. The web
// extension's server (a Web Worker, no file system) always uses this feed; the Node server uses it
// when the client asks for it (initializationOptions.workspaceFiles: "client").
import type { Connection } from 'vscode-languageserver';
import { YAML_FILE } from '../core/glob';
import {
  LIST_FILES_REQUEST,
  READ_FILES_REQUEST,
  type ListFilesParams,
  type ReadFilesParams,
} from './workspaceFilesProtocol';
import { inSkippedDir, isExcluded, relativePath, type WorkspaceFiles } from './workspaceFiles';

export class ClientFiles implements WorkspaceFiles {
  readonly source = 'client';

  constructor(private readonly connection: Connection) {}

  async list(folderUri: string, exclude: string[]): Promise<string[]> {
    const params: ListFilesParams = { folder: folderUri, exclude };
    const uris = await this.connection.sendRequest<string[] | null>(LIST_FILES_REQUEST, params);
    // The same rules as the disk feed, whatever the client applied.
    return (Array.isArray(uris) ? uris : [])
      .filter((u) => typeof u === 'string' && YAML_FILE.test(u.replace(/[?#].*$/, '')))
      .filter((u) => !isExcluded(u, [folderUri], exclude))
      .filter((u) => {
        const rel = relativePath(folderUri, u);
        return rel !== undefined && !inSkippedDir(rel);
      })
      .sort();
  }

  async read(uris: string[]): Promise<(string | undefined)[]> {
    if (!uris.length) return [];
    const params: ReadFilesParams = { uris };
    const texts = await this.connection.sendRequest<(string | null)[] | null>(READ_FILES_REQUEST, params);
    return uris.map((_, i) => {
      const t = Array.isArray(texts) ? texts[i] : undefined;
      return typeof t === 'string' ? t : undefined;
    });
  }

  /** Only files the server knows (the caller asks the workspace first). */
  exists(): boolean {
    return false;
  }

  /** The client lists only its workspace folders: nothing above them. */
  async configAbove(): Promise<string | undefined> {
    return undefined;
  }
}
