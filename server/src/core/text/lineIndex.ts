// Offsets <-> 0-based line/character positions (UTF-16 code units, as in LSP and the yaml package).

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  /**
   * `shifts`: spaces inserted at the start of some lines of `text` that the user's document does
   * not have (see yaml/lenientIndent.ts); positions are reported in the user's columns.
   */
  constructor(
    private readonly text: string,
    private readonly shifts?: ReadonlyMap<number, number>,
  ) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case, rebuilt on every edit of large files: indexOf is much faster than a loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13 && this.text.charCodeAt(end) === 10) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const shift = this.shifts?.get(lo) ?? 0;
    // An offset inside a CRLF pair is reported at the end of the line's content.
    const column = Math.min(o, this.lineEnd(lo)) - this.starts[lo];
    return { line: lo, character: Math.max(0, column - shift) };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const shift = this.shifts?.get(pos.line) ?? 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character) + shift, this.lineEnd(pos.line));
  }
}
