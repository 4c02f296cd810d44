// Escaping for text that comes from manifests (names, selectors, CNI JSON values) before it goes
// into Mermaid source. Mermaid replaces `#name;` / `#123;` entity codes before it parses a diagram
// and turns them back into HTML character references in the SVG, so a label written entirely in
// safe characters plus entity codes can neither end its statement nor add markup. Node ids are
// never built from manifest text: the generators use fixed ids such as `net_public` or `O2`.

/** Characters left as they are: harmless in every place a label can appear (message, note, title, quoted node label). */
const SAFE = /^[A-Za-z0-9 ._/,()@+=:-]$/;

const NAMED: Record<string, string> = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };

/** The longest manifest string drawn; longer ones end in an ellipsis (Mermaid caps the source size). */
export const MAX_LABEL_CHARS = 80;

/**
 * Escapes manifest text for any Mermaid label position. Everything but letters, digits and a few
 * punctuation marks becomes an entity code (`"` -> `#quot;`, `;` -> `#59;`, `#` -> `#35;`,
 * newline -> `#10;`, ...); control characters and lone surrogates become U+FFFD.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (SAFE.test(ch)) out += ch;
    else if (NAMED[ch]) out += NAMED[ch];
    else {
      const cp = ch.codePointAt(0) ?? 0xfffd;
      const safeCp =
        cp === 9 || cp === 10 || cp === 13
          ? cp
          : cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)
            ? 0xfffd
            : cp;
      out += `#${safeCp};`;
    }
  }
  return out;
}

/** Shortens manifest text for display (by code points), before escaping. */
export function clip(text: string, max: number = MAX_LABEL_CHARS): string {
  const cps = [...text];
  return cps.length <= max ? text : cps.slice(0, max - 1).join('') + '…';
}

/**
 * A label built from pieces: `{ text }` pieces are manifest text (clipped and escaped), strings are
 * the generator's own wording (used as they are) and `BR` breaks the line. `display` is the same
 * label as it will read in the rendered picture, one entry per line.
 */
export type LabelPiece = string | { text: string; max?: number };
export const BR = '\n';

export interface Label {
  mermaid: string;
  lines: string[];
}

export function label(...pieces: LabelPiece[]): Label {
  const lines: string[] = [''];
  let mermaid = '';
  for (const p of pieces) {
    if (p === BR) {
      mermaid += '<br/>';
      lines.push('');
    } else if (typeof p === 'string') {
      mermaid += p;
      lines[lines.length - 1] += p;
    } else {
      const shown = clip(p.text, p.max);
      mermaid += mermaidText(shown);
      lines[lines.length - 1] += shown;
    }
  }
  return { mermaid, lines };
}

/** Markdown-safe inline text (for the CLI's headings and the saved Markdown). */
export function markdownText(text: string): string {
  return clip(text, 200)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
}

/** Splits plain text into lines of at most `width` characters at spaces (long words stay whole). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** Manifest-bearing text (e.g. a problem message) as wrapped, escaped label pieces. */
export function wrappedPieces(text: string, width: number, max = 400): LabelPiece[] {
  const out: LabelPiece[] = [];
  wrapText(clip(text, max), width).forEach((l, i) => out.push(...(i ? [BR] : []), { text: l, max }));
  return out;
}
