// What a language feature (lsp/<feature>.ts) gets from the server: the connection, the workspace and
// the current analyses. Its own module so that server.ts imports the features and no feature
// imports server.ts back.
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis } from '../core/analyze';
import type { LineIndex } from '../core/text/lineIndex';
import type { Workspace } from '../core/workspace';
import type { WorkspaceFiles } from './workspaceFiles';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspace: Workspace;
  /** Workspace folder URIs. */
  folders: string[];
  /** Where workspace files come from (the disk or the client). */
  files: WorkspaceFiles;
  /** The current analysis of a file (open documents are always current). */
  analysis(uri: string): FileAnalysis | undefined;
  lineIndex(uri: string): LineIndex | undefined;
  /** Schedules diagnostics for the given files (all relevant files when omitted). */
  republish(uris?: Iterable<string>): void;
}

export type FeatureRegistration = (ctx: ServerContext, params: InitializeParams) => Partial<ServerCapabilities>;
