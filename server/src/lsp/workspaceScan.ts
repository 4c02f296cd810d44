// First scan of the workspace folders: every *.yaml / *.yml file (minus excludes), listed and read
// through the server's feed (lsp/workspaceFiles.ts: the disk, or the client). Files are read in
// batches (the next batch is requested while the current one is analyzed) and analyzed
// synchronously in short slices, yielding to the event loop between slices so that requests and
// cancellation stay answered: one await per file would leave the server idle most of the time.
// Cancellable. No Node built-ins (the web worker runs it too).
import { isConfigFile } from '../core/config/configFile';
import type { WorkspaceFiles } from './workspaceFiles';

export { isExcluded } from './workspaceFiles';

/** How long one synchronous slice of the scan may run before requests get their turn. */
const SLICE_MS = 15;
/** Files per read request. */
const BATCH = 64;

export interface ScanOptions {
  exclude: string[];
  isCancelled: () => boolean;
  onFile: (uri: string, text: string) => void;
  onProgress?: (done: number, total: number) => void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function scanFolders(folderUris: string[], files: WorkspaceFiles, opts: ScanOptions): Promise<number> {
  const uris: string[] = [];
  for (const f of folderUris) uris.push(...(await files.list(f, opts.exclude)));
  // Configuration files first: they decide how (and whether) the others are checked.
  uris.sort((a, b) => Number(isConfigFile(b)) - Number(isConfigFile(a)));
  const batches: string[][] = [];
  for (let i = 0; i < uris.length; i += BATCH) batches.push(uris.slice(i, i + BATCH));
  const read = (i: number) => (i < batches.length ? files.read(batches[i]) : Promise.resolve([]));
  let done = 0;
  let slice = performance.now();
  let next = read(0);
  for (let b = 0; b < batches.length; b++) {
    let texts: (string | undefined)[];
    try {
      texts = await next;
    } catch {
      // A failed batch is skipped; its files come back with a later file event.
      texts = [];
    }
    next = read(b + 1);
    const batch = batches[b];
    for (let i = 0; i < batch.length; i++) {
      if (performance.now() - slice > SLICE_MS) {
        opts.onProgress?.(done, uris.length);
        await yieldToEventLoop();
        slice = performance.now();
      }
      if (opts.isCancelled()) {
        next.catch(() => undefined);
        return done;
      }
      const text = texts[i];
      // Unreadable files are skipped; they will be picked up by a later file event.
      if (text !== undefined) opts.onFile(batch[i], text);
      done++;
    }
  }
  next.catch(() => undefined);
  opts.onProgress?.(done, uris.length);
  return done;
}
