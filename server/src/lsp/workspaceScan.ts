// First scan of the workspace folders: every *.yaml / *.yml file (minus excludes) read from disk,
// yielding to the event loop between files so requests stay answered. Cancellable.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchesAny, SKIP_DIRS, YAML_FILE } from '../core/glob';


export interface ScanOptions {
  exclude: string[];
  isCancelled: () => boolean;
  onFile: (uri: string, text: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function listYamlFiles(folderUri: string, exclude: string[]): Promise<string[]> {
  const root = fileURLToPath(folderUri);
  const out: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !matchesAny(rel, exclude)) stack.push(full);
      } else if (e.isFile() && YAML_FILE.test(e.name) && !matchesAny(rel, exclude)) out.push(full);
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
  let done = 0;
  for (const file of files) {
    if (opts.isCancelled()) break;
    try {
      const text = await fs.readFile(file, 'utf8');
      opts.onFile(pathToFileURL(file).href, text);
    } catch {
      // Unreadable files are skipped; they will be picked up by a later file event.
    }
    done++;
    if (done % 25 === 0) {
      opts.onProgress?.(done, files.length);
      await new Promise((r) => setImmediate(r));
    }
  }
  opts.onProgress?.(done, files.length);
  return done;
}
