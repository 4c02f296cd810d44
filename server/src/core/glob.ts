// Minimal glob matching for exclude settings: `**` (any folders), `*` (within a segment), `?`, and
// `{a,b}` alternatives. Patterns without a `/` match the file name at any depth.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const full = glob.includes('/') ? `^(?:.*/)?${re.replace(/^\\\//, '')}$` : `(?:^|/)${re}$`;
  const rx = new RegExp(full);
  cache.set(glob, rx);
  return rx;
}

/** True when a workspace-relative path (with '/') matches any of the globs. */
export function matchesAny(relPath: string, globs: string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(relPath));
}

/** Folders never searched for manifests, by the CLI or the language server. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** The files we read: YAML by extension. */
export const YAML_FILE = /\.ya?ml$/i;
