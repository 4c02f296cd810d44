// The client side of the server's client feed (server/src/lsp/clientFiles.ts): answers
// multus/listFiles and multus/readFiles from VS Code's file system API, so the server sees the
// workspace wherever VS Code does (virtual file systems: vscode.dev, github.dev, remote). Listing
// uses workspace.findFiles, and walks the folder with workspace.fs.readDirectory where no search
// provider answers (it then finds nothing). The server applies the exclude rules again.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { matchesAny, SKIP_DIRS, YAML_FILE } from '../../server/src/core/glob';
import {
  LIST_FILES_REQUEST,
  READ_FILES_REQUEST,
  type ListFilesParams,
  type ReadFilesParams,
} from '../../server/src/lsp/workspaceFilesProtocol';

const SKIPPED = `**/{${[...SKIP_DIRS].join(',')}}/**`;

export function serveWorkspaceFiles(client: BaseLanguageClient, log: (message: string) => void = () => {}): void {
  client.onRequest(LIST_FILES_REQUEST, (p: ListFilesParams, token) => listFiles(p, token, log));
  client.onRequest(READ_FILES_REQUEST, (p: ReadFilesParams) => readFiles(p));
}

export async function listFiles(
  p: ListFilesParams,
  token?: vscode.CancellationToken,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const folder = vscode.Uri.parse(p.folder);
  let found: vscode.Uri[] = [];
  let how = 'workspace.findFiles';
  try {
    found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, '**/*.{yaml,yml}'),
      SKIPPED,
      undefined,
      token,
    );
  } catch {
    // No search provider for this scheme: walk below.
  }
  if (!found.length) {
    found = await walk(folder, p.exclude ?? []);
    how = 'a walk with workspace.fs.readDirectory';
  }
  log(`Sending the language server the YAML files of ${p.folder}: ${found.length} found by ${how}`);
  return found.map((u) => u.toString());
}

/**
 * The YAML files under `root` through workspace.fs, skipping SKIP_DIRS and what `exclude` matches
 * (folders and files, as node/yamlFiles.ts walks the disk).
 */
async function walk(root: vscode.Uri, exclude: string[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const stack: { uri: vscode.Uri; rel: string }[] = [{ uri: root, rel: '' }];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir.uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      const uri = vscode.Uri.joinPath(dir.uri, name);
      if (type & vscode.FileType.Directory) {
        if (!SKIP_DIRS.has(name) && !matchesAny(rel, exclude)) stack.push({ uri, rel });
      } else if (type & vscode.FileType.File && YAML_FILE.test(name) && !matchesAny(rel, exclude)) out.push(uri);
    }
  }
  return out;
}

export async function readFiles(p: ReadFilesParams): Promise<(string | null)[]> {
  const decoder = new TextDecoder();
  return Promise.all(
    (p.uris ?? []).map(async (u) => {
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(u)));
      } catch {
        return null;
      }
    }),
  );
}
