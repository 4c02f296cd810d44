// The server's own file watcher, for clients that cannot watch files for it (no dynamic
// registration of workspace/didChangeWatchedFiles: Neovim before 0.9, Helix, some Emacs setups):
// `fs.watch` on each workspace folder, recursive on macOS and Windows (on Linux, and where recursive
// watching is missing, one watcher per folder, added as folders appear), debounced; reports the YAML files created, changed or
// deleted, and every known file under a folder that disappeared. The disk feed's watcher
// (node/diskFiles.ts); new folders are walked with the one directory walker (node/yamlFiles.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SKIP_DIRS, YAML_FILE } from '../core/glob';
import type { FileChange } from '../lsp/workspaceFiles';
import { walkYamlFiles } from './yamlFiles';

/** A file's new disk state; text undefined when it is gone (or is no longer a readable file). */
export type DiskChange = FileChange;

export interface DiskWatcherOptions {
  /** Called once per burst with the files that changed (each with its current text, if any). */
  onChanges: (changes: DiskChange[]) => void;
  /** URIs of files the server knows under a folder (to report them gone when the folder goes). */
  knownUnder: (folderUri: string) => string[];
  /** Folders not to watch (besides node_modules and .git). */
  skipDir?: (dir: string) => boolean;
  debounceMs?: number;
}

export class DiskWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** How the folders are watched: 'recursive', 'per-folder' or 'none' (watching failed). */
  mode: 'recursive' | 'per-folder' | 'none' = 'none';

  constructor(
    folderUris: string[],
    private readonly opts: DiskWatcherOptions,
  ) {
    for (const f of folderUris) if (f.startsWith('file:')) this.watchRoot(fileURLToPath(f));
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    if (this.timer) clearTimeout(this.timer);
  }

  private watchRoot(root: string): void {
    // On Linux, Node's recursive mode watches every folder, node_modules included (one inotify
    // watch each); watching folder by folder skips node_modules, .git and excluded folders.
    if (process.platform === 'linux') {
      this.watchTree(root);
      if (this.watchers.size) this.mode = 'per-folder';
      return;
    }
    try {
      const w = fs.watch(root, { recursive: true }, (_event, name) => this.touched(root, name));
      w.on('error', () => this.unwatch(root));
      this.watchers.set(root, w);
      this.mode = 'recursive';
      return;
    } catch {
      // No recursive watching here (older Node on Linux): one watcher per folder.
    }
    this.watchTree(root);
    if (this.watchers.size) this.mode = 'per-folder';
  }

  private watchTree(dir: string): void {
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop()!;
      if (this.watchers.has(d)) continue;
      try {
        const w = fs.watch(d, (_event, name) => this.touched(d, name));
        w.on('error', () => this.unwatch(d));
        this.watchers.set(d, w);
        for (const e of fs.readdirSync(d, { withFileTypes: true }))
          if (e.isDirectory() && !this.skipped(path.join(d, e.name))) stack.push(path.join(d, e.name));
      } catch {
        // Unreadable or gone: nothing to watch.
      }
    }
  }

  private unwatch(dir: string): void {
    this.watchers.get(dir)?.close();
    this.watchers.delete(dir);
  }

  private skipped(dir: string): boolean {
    return SKIP_DIRS.has(path.basename(dir)) || !!this.opts.skipDir?.(dir);
  }

  private touched(dir: string, name: string | Buffer | null): void {
    // Without a name (some platforms), the whole folder is looked at again.
    const full = name ? path.join(dir, name.toString()) : dir;
    const rel = path.relative(dir, full).split(path.sep);
    if (rel.some((part) => SKIP_DIRS.has(part))) return;
    this.pending.add(full);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.opts.debounceMs ?? 100);
  }

  private flush(): void {
    this.timer = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    const out = new Map<string, string | undefined>();
    for (const p of paths) {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(p);
      } catch {
        st = undefined;
      }
      if (st?.isDirectory()) {
        if (this.skipped(p)) continue;
        // A new (or renamed) folder: its YAML files, and watchers for it in per-folder mode.
        if (this.mode === 'per-folder') this.watchTree(p);
        for (const f of walkYamlFiles(p, [], (d) => this.skipped(d))) out.set(pathToFileURL(f).href, read(f));
        continue;
      }
      const uri = pathToFileURL(p).href;
      if (st?.isFile()) {
        if (YAML_FILE.test(p)) out.set(uri, read(p));
        continue;
      }
      // Gone: the file itself, or every known file under a folder that went.
      if (YAML_FILE.test(p)) out.set(uri, undefined);
      for (const u of this.opts.knownUnder(uri + '/')) out.set(u, undefined);
      if (this.watchers.has(p) && this.mode === 'per-folder') this.unwatch(p);
    }
    if (out.size) this.opts.onChanges([...out].map(([uri, text]) => ({ uri, text })));
  }
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
