// First scan of the workspace folders: every *.yaml / *.yml file (minus excludes) read from disk.
// Work is done synchronously in short slices, yielding to the event loop between slices so that
// requests and cancellation stay answered: one await per file would leave the process idle most
// of the time, waiting on the thread pool for small files. Cancellable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isConfigFile } from '../core/config/configFile';
import { matchesAny } from '../core/glob';
import { walkYamlFiles } from '../node/yamlFiles';

/** How long one synchronous slice of the scan may run before requests get their turn. */
const SLICE_MS = 15;

export interface ScanOptions {
  exclude: string[];
  isCancelled: () => boolean;
  onFile: (uri: string, text: string) => void;
  onProgress?: (done: number, total: number) => void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function listYamlFiles(folderUri: string, exclude: string[]): Promise<string[]> {
  const out: string[] = [];
  let slice = performance.now();
  for (const file of walkYamlFiles(fileURLToPath(folderUri), exclude)) {
    out.push(file);
    if (performance.now() - slice > SLICE_MS) {
      await yieldToEventLoop();
      slice = performance.now();
    }
  }
  return out.sort();
}

export function isExcluded(fileUri: string, folderUris: string[], exclude: string[]): boolean {
  if (!exclude.length || !fileUri.startsWith('file:')) return false;
  const file = fileURLToPath(fileUri);
  for (const f of folderUris) {
    const rel = path.relative(fileURLToPath(f), file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return matchesAny(rel.split(path.sep).join('/'), exclude);
  }
  return false;
}

export async function scanFolders(folderUris: string[], opts: ScanOptions): Promise<number> {
  const files: string[] = [];
  for (const f of folderUris) files.push(...(await listYamlFiles(f, opts.exclude)));
  // Configuration files first: they decide how (and whether) the others are checked.
  files.sort((a, b) => Number(isConfigFile(b)) - Number(isConfigFile(a)));
  let done = 0;
  let slice = performance.now();
  for (const file of files) {
    if (performance.now() - slice > SLICE_MS) {
      opts.onProgress?.(done, files.length);
      await yieldToEventLoop();
      slice = performance.now();
    }
    if (opts.isCancelled()) break;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // Unreadable files are skipped; they will be picked up by a later file event.
      done++;
      continue;
    }
    opts.onFile(pathToFileURL(file).href, text);
    done++;
  }
  opts.onProgress?.(done, files.length);
  return done;
}
