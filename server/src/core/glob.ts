// Exclude globs (the multusNetworks.exclude setting, the configuration file's `exclude`, the CLI's
// --exclude) with the semantics of VS Code's files.exclude and ESLint's ignores: a glob is matched
// against the whole path relative to its base folder (the workspace folder, the configuration
// file's folder, the CLI's base), so `*.yaml` matches files of the base folder only and
// `**/*.yaml` those of every folder; `*` and `?` stay within a segment, `**` spans segments,
// `{a,b}` alternatives, `[0-9]` and `[!0-9]` ranges; dot files are not special. A file is excluded
// when a glob matches its path or the path of a folder above it: `charts`, `charts/**` and
// `**/charts` skip everything inside that folder. A glob ending in `/` names folders only; a
// leading `./` or `/` is the base folder. Matching is picomatch's (no Node built-ins: the web
// extension runs this too); a leading `!` is literal, not a negation (VS Code has none).
import picomatch from 'picomatch/posix';

const OPTIONS = { dot: true, posix: true, nonegate: true } as const;

interface Glob {
  test: (path: string) => boolean;
  /** Ends in '/': matches folders above a path, never the path itself. */
  foldersOnly: boolean;
}

const cache = new Map<string, Glob>();

function compile(glob: string): Glob {
  const hit = cache.get(glob);
  if (hit) return hit;
  const pattern = glob.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  const compiled: Glob = {
    test: pattern ? picomatch(pattern, OPTIONS) : () => false,
    foldersOnly: glob.endsWith('/'),
  };
  cache.set(glob, compiled);
  return compiled;
}

/** True when one of the globs matches `relPath` (relative to the globs' base, with '/') or one of its folders. */
export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  for (const glob of globs) {
    const { test, foldersOnly } = compile(glob);
    if (!foldersOnly && test(relPath)) return true;
    for (let i = relPath.indexOf('/'); i > 0; i = relPath.indexOf('/', i + 1))
      if (test(relPath.slice(0, i))) return true;
  }
  return false;
}

/** Folders never searched for manifests, by the CLI or the language server. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** The files we read: YAML by extension. */
export const YAML_FILE = /\.ya?ml$/i;
