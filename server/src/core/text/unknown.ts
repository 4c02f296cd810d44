// Values the checker cannot know. Real repositories hold manifests that are not final: Helm chart
// templates (Go template actions `{{ ... }}`), GitOps substitution variables (Flux postBuild and
// envsubst `${NAME}`, Kubernetes and Kustomize vars `$(NAME)`) and documentation placeholders
// (`<your-interface>`, `CHANGEME`, `_replaced_`). A value holding one of them is unknown, never
// wrong: no finding may rest on it. Here: finding such tokens, masking template actions so that a
// template parses as YAML with every offset kept, and telling whether a finding touches a token.

/**
 * One unknown token: `{{ ... }}` (Go templates, Jinja; possibly over several lines), `{% ... %}` (Jinja), `${NAME}` (also the shell forms
 * `${NAME:-default}`, `${NAME:=default}`), `$(NAME)`, shell arithmetic `$((...))`, `<placeholder>` and the usual placeholder words.
 */
const TOKEN =
  /\{\{[\s\S]{0,4000}?\}\}|\{%[\s\S]{0,4000}?%\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-=?+][^}\n]*)?\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\(\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)\)|<[A-Za-z][A-Za-z0-9 _.-]*>|\b(?:CHANGEME|CHANGE_ME|REPLACEME|REPLACE_ME)\b|\b_replaced_\b/g;

/** Cheap test before any regex work: no character any token starts with. */
const MAYBE = /[{$<]|CHANGE|REPLACE|_replaced_/;

export type Span = [number, number];

/** The unknown tokens of `text`, in order, as [start, end) offsets. */
export function unknownSpans(text: string): Span[] {
  if (!MAYBE.test(text)) return [];
  const out: Span[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** True when `s` holds any unknown token. */
export function hasUnknown(s: string): boolean {
  if (!MAYBE.test(s)) return false;
  TOKEN.lastIndex = 0;
  return TOKEN.test(s);
}

/** True when `s` is nothing but one unknown token (and whitespace, or the quotes of a JSON string). */
export function onlyUnknown(s: string): boolean {
  const t = s.trim().replace(/^"(.*)"$/s, '$1');
  if (!t) return false;
  const spans = unknownSpans(t);
  return spans.length === 1 && spans[0][0] === 0 && spans[0][1] === t.length;
}

/**
 * Whether [start, end) touches one of `spans` (sorted, as unknownSpans returns them). An empty
 * range touches a span it lies inside.
 */
export function touchesUnknown(spans: readonly Span[], start: number, end: number): boolean {
  if (!spans.length) return false;
  const e = Math.max(end, start + 1);
  // Binary search: the first span ending after `start`.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo][0] < e;
}

export interface TemplateMask {
  /** The text with every template action replaced, same length, same line breaks. */
  text: string;
  /** The template actions, as [start, end) offsets. */
  actions: Span[];
  /** The actions alone on their lines (control flow, includes), which became blanks. */
  blanked: Span[];
}

const ACTION = /\{\{[\s\S]{0,4000}?\}\}|\{%[\s\S]{0,4000}?%\}/g;

/**
 * Masks the Go template actions of a Helm (or other Go-templated) YAML file so that it parses,
 * keeping every offset and line break. An action alone on its line(s) (`{{- if ... }}`,
 * `{{ end }}`, `{{ include ... | nindent 4 }}`) becomes spaces; an action inside a line becomes a
 * plain scalar of the same length, `$(___)`, which is itself an unknown token, so that whatever
 * reads the value knows it is unknown. Undefined when the text has no action.
 */
export function maskTemplates(text: string): TemplateMask | undefined {
  if (!text.includes('{{') && !text.includes('{%')) return undefined;
  const actions: Span[] = [];
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(text); m; m = ACTION.exec(text)) actions.push([m.index, m.index + m[0].length]);
  if (!actions.length) return undefined;
  const blanked: Span[] = [];
  let out = '';
  let at = 0;
  for (let i = 0; i < actions.length; i++) {
    const [s, e] = actions[i];
    out += text.slice(at, s);
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    let lineEnd = text.indexOf('\n', e);
    if (lineEnd < 0) lineEnd = text.length;
    const alone =
      blankBesidesActions(text, lineStart, s, actions, i, -1) && blankBesidesActions(text, e, lineEnd, actions, i, 1);
    const src = text.slice(s, e);
    if (alone || src.includes('\n') || src.length < 4) {
      out += src.replace(/[^\n\r]/g, ' ');
      blanked.push([s, e]);
    } else out += '$(' + '_'.repeat(src.length - 3) + ')';
    at = e;
  }
  return { text: out + text.slice(at), actions, blanked };
}

/** Whether text[from, to) holds only whitespace and (parts of) other template actions. */
function blankBesidesActions(
  text: string,
  from: number,
  to: number,
  actions: Span[],
  self: number,
  dir: -1 | 1,
): boolean {
  let pos = dir < 0 ? to : from;
  let j = self + dir;
  if (dir < 0) {
    while (pos > from) {
      const a = actions[j];
      if (a && a[1] <= pos && a[1] > from - 1 && /^[ \t]*$/.test(text.slice(a[1], pos))) {
        pos = a[0];
        j--;
        continue;
      }
      return /^[ \t\r]*$/.test(text.slice(from, pos));
    }
    return true;
  }
  while (pos < to) {
    const a = actions[j];
    if (a && a[0] >= pos && a[0] < to && /^[ \t]*$/.test(text.slice(pos, a[0]))) {
      pos = a[1];
      j++;
      continue;
    }
    return /^[ \t\r]*$/.test(text.slice(pos, to));
  }
  return true;
}

/**
 * A JSON text (spec.config) with its unknown tokens: those outside JSON strings (`"gateway":
 * {{ .gw | quote }}`, `"mtu": ${MTU}`) are replaced by a JSON string of the same length, so that
 * the text parses and every offset is kept. Undefined when the text holds no unknown token.
 */
export function maskJsonUnknowns(text: string): { text: string; spans: Span[] } | undefined {
  const spans = unknownSpans(text);
  if (!spans.length) return undefined;
  let out = '';
  let at = 0;
  let inString = false;
  let scan = 0;
  for (const [s, e] of spans) {
    // Whether s lies inside a JSON string: follow the quotes (and escapes) up to it.
    for (; scan < s; scan++) {
      const c = text.charCodeAt(scan);
      if (c === 0x5c && inString) scan++;
      else if (c === 0x22) inString = !inString;
      else if (c === 10) inString = false;
    }
    if (inString) continue;
    out += text.slice(at, s) + '"' + '_'.repeat(Math.max(0, e - s - 2)) + '"';
    at = e;
    scan = e;
  }
  return { text: out + text.slice(at), spans };
}
