// The disk feed of the language server's workspace files (interface: lsp/workspaceFiles.ts): the
// Node server lists folders with the one directory walker (node/yamlFiles.ts), reads files with
// node:fs, finds a configuration file above a folder (node/configFiles.ts) and, for clients that
// cannot watch files for it, watches the folders (node/diskWatcher.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileWatching, WatchOptions, WorkspaceFiles } from '../lsp/workspaceFiles';
import { configFileIn, findConfigFile } from './configFiles';
import { DiskWatcher } from './diskWatcher';
import { walkYamlFiles } from './yamlFiles';

/** How long listing may run before the event loop gets a turn (requests stay answered). */
const SLICE_MS = 15;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const pathOf = (uri: string): string | undefined => {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
};

export function readDisk(uri: string): string | undefined {
  const file = pathOf(uri);
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class DiskFiles implements WorkspaceFiles {
  readonly source = 'disk';

  async list(folderUri: string, exclude: string[]): Promise<string[]> {
    const root = pathOf(folderUri);
    if (root === undefined) return [];
    const out: string[] = [];
    let slice = performance.now();
    for (const file of walkYamlFiles(root, exclude)) {
      out.push(pathToFileURL(file).href);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    return out.sort();
  }

  async read(uris: string[]): Promise<(string | undefined)[]> {
    return uris.map(readDisk);
  }

  exists(uri: string): boolean {
    const file = pathOf(uri);
    return file !== undefined && fs.existsSync(file);
  }

  async configAbove(folderUri: string): Promise<string | undefined> {
    const dir = pathOf(folderUri);
    if (dir === undefined || configFileIn(dir) !== undefined) return undefined;
    const above = findConfigFile(path.dirname(dir));
    return above === undefined ? undefined : pathToFileURL(above).href;
  }

  watch(folderUris: string[], opts: WatchOptions): FileWatching {
    return new DiskWatcher(folderUris, {
      knownUnder: opts.knownUnder,
      skipDir: (dir) => opts.skipDir(pathToFileURL(dir).href),
      onChanges: opts.onChanges,
    });
  }
}
