// Signs of life for the editor: counts of the indexed files and published findings, sent as the
// `multus/status` notification (debounced), and the start-up lines in the client's log (version,
// workspace size, scan time) through connection.console.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { PRODUCT_NAME, VERSION } from '../core/product';
import type { Workspace } from '../core/workspace';
import { ServerStatus, STATUS_NOTIFICATION } from './statusProtocol';

const SEND_DELAY_MS = 200;

type Counts = [error: number, warning: number, info: number];

export class StatusReporter {
  private readonly counts = new Map<string, Counts>();
  private scanning = false;
  private scanStarted = 0;
  private scanMs: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = '';
  private closed = false;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly isRelevant: (uri: string) => boolean,
  ) {}

  /** The diagnostics just published for `uri` (an empty list clears it). */
  published(uri: string, diagnostics: Diagnostic[]): void {
    if (!diagnostics.length) {
      if (this.counts.delete(uri)) this.schedule();
      return;
    }
    const c: Counts = [0, 0, 0];
    for (const d of diagnostics)
      c[d.severity === DiagnosticSeverity.Error ? 0 : d.severity === DiagnosticSeverity.Warning ? 1 : 2]++;
    this.counts.set(uri, c);
    this.schedule();
  }

  removed(uri: string): void {
    this.counts.delete(uri);
    this.schedule();
  }

  scanBegins(folders: number): void {
    this.scanning = true;
    this.scanStarted = Date.now();
    this.connection.console.info(
      `${PRODUCT_NAME} ${VERSION}: indexing the YAML files of ${count(folders, 'workspace folder')}…`,
    );
    this.schedule();
  }

  scanEnds(): void {
    this.scanning = false;
    this.scanMs = Date.now() - this.scanStarted;
    const s = this.status();
    this.connection.console.info(
      `Indexed ${count(s.files, 'YAML file')} (${s.relevant} with NADs, CephClusters or network annotations) in ${this.scanMs} ms.`,
    );
    this.schedule();
  }

  /** Started without a workspace scan (no folder, or the client feeds files). */
  started(reason: string): void {
    this.connection.console.info(`${PRODUCT_NAME} ${VERSION}: running; ${reason}.`);
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  status(): ServerStatus {
    const findings = { error: 0, warning: 0, info: 0 };
    for (const [e, w, i] of this.counts.values()) {
      findings.error += e;
      findings.warning += w;
      findings.info += i;
    }
    let files = 0;
    let relevant = 0;
    for (const uri of this.workspace.uris()) {
      files++;
      if (this.isRelevant(uri)) relevant++;
    }
    return {
      version: VERSION,
      files,
      relevant,
      findings,
      scanning: this.scanning,
      ...(this.scanMs !== undefined ? { scanMs: this.scanMs } : {}),
    };
  }

  /** Something counted changed (a file indexed or dropped): send soon. */
  changed(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, SEND_DELAY_MS);
    // A pending status must not keep a finished process (or test) alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private send(): void {
    if (this.closed) return;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    try {
      void this.connection.sendNotification(STATUS_NOTIFICATION, status).catch(() => undefined);
    } catch {
      // The connection closed (the client went away without a shutdown): nobody to tell.
      this.closed = true;
    }
  }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
