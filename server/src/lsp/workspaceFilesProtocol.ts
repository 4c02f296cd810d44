// The requests of the client feed (lsp/clientFiles.ts), sent by the server and answered by the
// client (client/src/workspaceFiles.ts). Shared by both sides; types only and names.

/** Lists the YAML files of a workspace folder: answers the file URIs (string[]). */
export const LIST_FILES_REQUEST = 'multus/listFiles';
/** Reads files: answers their texts in order, null for a file that cannot be read ((string | null)[]). */
export const READ_FILES_REQUEST = 'multus/readFiles';
/** initializationOptions.workspaceFiles: "client" asks the Node server to use the client feed. */
export const WORKSPACE_FILES_OPTION = 'workspaceFiles';

export interface ListFilesParams {
  /** The workspace folder's URI. */
  folder: string;
  /** Globs relative to the folder (the editor's multusNetworks.exclude); the server applies them again. */
  exclude: string[];
}

export interface ReadFilesParams {
  uris: string[];
}
