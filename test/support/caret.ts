// Cursor-marked fixtures (`<|>`, as yaml-language-server's tests do), shared by the completion and
// hover tests.
import assert from 'node:assert/strict';

export const MARK = '<|>';

/** The text without its cursor marker, and the cursor offset. */
export function marked(text: string): { text: string; at: number } {
  const at = text.indexOf(MARK);
  assert.ok(at >= 0, 'fixture has a cursor marker');
  return { text: text.slice(0, at) + text.slice(at + MARK.length), at };
}
