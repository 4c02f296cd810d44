// The `multus/status` notification: what the server knows, for the editor's language status item
// (client/src/statusItem.ts). Shared by both sides; types and names only.

export const STATUS_NOTIFICATION = 'multus/status';

export interface ServerStatus {
  /** The server's version (package.json). */
  version: string;
  /** YAML files in the workspace index (open documents included). */
  files: number;
  /** Of those, the files with a NAD, a CephCluster or a network annotation. */
  relevant: number;
  /** Findings published, by severity (hints count as info). */
  findings: { error: number; warning: number; info: number };
  /** True while the first (or a re-) scan of the workspace folders runs. */
  scanning: boolean;
  /** How long the last scan took (ms), once one ended. */
  scanMs?: number;
}
