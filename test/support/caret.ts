// Cursor-marked fixtures (`<|>`, as yaml-language-server's tests do) and a NAD manifest builder,
// shared by the completion and hover tests.
import assert from 'node:assert/strict';

export const MARK = '<|>';

/** The text without its cursor marker, and the cursor offset. */
export function marked(text: string): { text: string; at: number } {
  const at = text.indexOf(MARK);
  assert.ok(at >= 0, 'fixture has a cursor marker');
  return { text: text.slice(0, at) + text.slice(at + MARK.length), at };
}

/** A NetworkAttachmentDefinition whose spec.config is `config`, written as given (any scalar style). */
export const nadManifest = (config: string, name = 'n1', namespace = 'rook-ceph') => `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  config: ${config}
`;
