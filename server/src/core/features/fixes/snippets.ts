// Our snippets (snippets/yaml.json, contributed to VS Code for YAML) as data for the core: the
// "create this NAD" fix writes a new file from one, and tests expand every one and check it.
import snippetsJson from '../../../../../snippets/yaml.json';

export interface Snippet {
  name: string;
  prefix: string[];
  description: string;
  body: string;
}

export const SNIPPETS: readonly Snippet[] = Object.entries(
  snippetsJson as Record<string, { prefix: string | string[]; description?: string; body: string | string[] }>,
).map(([name, s]) => ({
  name,
  prefix: Array.isArray(s.prefix) ? s.prefix : [s.prefix],
  description: s.description ?? '',
  body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
}));

export function snippetByPrefix(prefix: string): Snippet | undefined {
  return SNIPPETS.find((s) => s.prefix.includes(prefix));
}

/**
 * Expands a snippet body the way an editor does when the user accepts every default: a tab stop
 * takes `values[n]` if given, else the default of its first occurrence (`${1:default}`), else the
 * first choice (`${1|a,b|}`), else nothing; mirrors repeat it; `$0` and variables expand to ''.
 */
export function expandSnippet(body: string, values: Record<number, string> = {}): string {
  const defaults = new Map<number, string>();
  // First pass: the defaults (which may themselves hold tab stops).
  const collect = (s: string): void => {
    walk(s, (n, kind, inner) => {
      if (kind === 'default' && !defaults.has(n)) {
        collect(inner);
        defaults.set(n, expand(inner));
      } else if (kind === 'choice' && !defaults.has(n)) defaults.set(n, inner.split(',')[0]);
      return '';
    });
  };
  const valueOf = (n: number): string => values[n] ?? defaults.get(n) ?? '';
  const expand = (s: string): string => walk(s, (n) => (n === 0 ? '' : valueOf(n)));
  collect(body);
  return expand(body);
}

type Visit = (n: number, kind: 'plain' | 'default' | 'choice', inner: string) => string;

/** Rewrites every tab stop in `s` with `visit`; handles `\$`, `\}` and `\\` escapes. */
function walk(s: string, visit: Visit): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && '$}\\,|'.includes(s[i + 1])) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const simple = /^\$(\d+)/.exec(s.slice(i));
    if (simple) {
      out += visit(Number(simple[1]), 'plain', '');
      i += simple[0].length;
      continue;
    }
    const braced = /^\$\{(\d+)(?=[:|}])/.exec(s.slice(i));
    if (braced) {
      const n = Number(braced[1]);
      let j = i + braced[0].length;
      const kind = s[j] === ':' ? 'default' : s[j] === '|' ? 'choice' : 'plain';
      if (kind === 'plain') {
        out += visit(n, 'plain', '');
        i = j + 1;
        continue;
      }
      j++;
      const start = j;
      let depth = 0;
      while (j < s.length) {
        if (s[j] === '\\') {
          j += 2;
          continue;
        }
        if (s[j] === '$' && s[j + 1] === '{') depth++;
        else if (s[j] === '}') {
          if (depth === 0) break;
          depth--;
        }
        j++;
      }
      let inner = s.slice(start, j);
      if (kind === 'choice') inner = inner.replace(/\|$/, '');
      out += visit(n, kind, inner);
      i = j + 1;
      continue;
    }
    const variable = /^\$\{?[A-Z_]+\}?/.exec(s.slice(i));
    if (variable) {
      i += variable[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
