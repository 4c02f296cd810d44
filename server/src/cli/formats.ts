// Output formats of `check`: text for people (coloured on a terminal), JSON for scripts, SARIF 2.1.0
// for code-scanning UIs, and GitHub Actions workflow commands (annotations on the pull request).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { PRODUCT_NAME } from '../core/product';
import { RULES, ruleDocUrl, RuleInfo } from '../core/rules';
import { plainText } from '../core/text/plain';
import type { Severity } from '../core/types';

export interface CliDiagnostic {
  /** The file as reports name it: relative to the base folder, absolute outside it, or "<stdin>". */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  /** The Helm template the finding's line was rendered from (a "# Source:" comment), if any. */
  template?: string;
}

export type FormatName = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly FormatName[] = ['text', 'json', 'sarif', 'github'];

const count = (diags: CliDiagnostic[], s: Severity) => diags.filter((d) => d.severity === s).length;

/** The one-line summary at the end of text and github reports. */
export function summaryLine(diags: CliDiagnostic[], fileCount: number): string {
  return `${fileCount} file(s) checked: ${count(diags, 'error')} error(s), ${count(diags, 'warning')} warning(s), ${count(diags, 'info') + count(diags, 'hint')} note(s).`;
}

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
};
const SEVERITY_COLOUR: Record<Severity, string> = {
  error: ANSI.red,
  warning: ANSI.yellow,
  info: ANSI.cyan,
  hint: ANSI.cyan,
};

export function formatText(diags: CliDiagnostic[], fileCount: number, options: { color?: boolean } = {}): string {
  const c = (code: string, s: string) => (options.color ? `${code}${s}${ANSI.reset}` : s);
  const lines = diags.map(
    (d) =>
      `${c(ANSI.bold, `${d.file}:${d.line}:${d.column}`)}: ${c(SEVERITY_COLOUR[d.severity], d.severity)} ${c(ANSI.dim, d.code)}: ${d.message}` +
      (d.template ? ` ${c(ANSI.dim, `(from ${d.template})`)}` : ''),
  );
  lines.push(summaryLine(diags, fileCount));
  return lines.join('\n') + '\n';
}

export function formatJson(diags: CliDiagnostic[], fileCount: number): string {
  return JSON.stringify({ files: fileCount, diagnostics: diags }, null, 2) + '\n';
}

// GitHub Actions workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
/** The message part: %, CR and LF are escaped. */
export const escapeGithubData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value: also ":" and ",", which end a value. */
export const escapeGithubProperty = (s: string) => escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diags: CliDiagnostic[], fileCount: number): string {
  const lines = diags.map((d) => {
    const props: [string, string | number][] = [
      ['file', d.file],
      ['line', d.line],
      ['col', d.column],
      ['endLine', d.endLine],
      ['endColumn', d.endColumn],
      ['title', d.code],
    ];
    // GitHub draws a column range only on one line.
    const used = d.endLine === d.line ? props : props.filter(([k]) => k !== 'endColumn');
    const message = d.template ? `${d.message} (from ${d.template})` : d.message;
    return `::${GITHUB_LEVEL[d.severity]} ${used.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',')}::${escapeGithubData(message)}`;
  });
  lines.push(summaryLine(diags, fileCount));
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/multus-networks/multus-networks';

export interface SarifOptions {
  version: string;
  /** The folder relative names are relative to; becomes %SRCROOT% (originalUriBaseIds). */
  base: string;
}

function sarifRule(r: RuleInfo) {
  const url = ruleDocUrl(r.id);
  return {
    id: r.id,
    name: r.id.replace(/(^|[/-])(\w)/g, (_m, _s, ch: string) => ch.toUpperCase()),
    shortDescription: { text: plainText(r.summary.split(/(?<=\.)\s/)[0]) },
    fullDescription: { text: plainText(r.summary), markdown: r.summary },
    help: {
      text: `${plainText(r.summary)} Default severity: ${r.severity}${r.offByDefault ? ' (off unless turned on)' : ''}. Documentation: ${url}`,
      markdown: `**${r.id}** (default severity: ${r.severity}${r.offByDefault ? ', off unless turned on' : ''})\n\n${r.summary}\n\n[Documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[r.severity], enabled: !r.offByDefault },
    properties: { tags: [r.id.split('/')[0]] },
  };
}

/** A URI reference for a reported name: relative names stay relative (to %SRCROOT%), absolute ones become file URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/') || /^[A-Za-z]:\//.test(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** GitHub code scanning rejects a run with more results than this (and shows the 5,000 most severe). */
export const SARIF_MAX_RESULTS = 25_000;
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: every rule of the catalog with its descriptions,
 * help and link; relative URIs against %SRCROOT%; line-independent partialFingerprints; at most
 * SARIF_MAX_RESULTS results (the most severe kept, the cut stated in the run's invocation).
 */
export function formatSarif(all: CliDiagnostic[], options: SarifOptions): string {
  const diags =
    all.length > SARIF_MAX_RESULTS
      ? all
          .map((d, i) => ({ d, i }))
          .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
          .slice(0, SARIF_MAX_RESULTS)
          .sort((a, b) => a.i - b.i)
          .map((x) => x.d)
      : all;
  const rules = RULES.map(sarifRule);
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  // Fingerprints must survive edits elsewhere in the file: rule, file, message and the occurrence
  // number of that triple, not the line.
  const seen = new Map<string, number>();
  const results = diags.map((d) => {
    const key = `${d.code}\0${d.file}\0${d.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const fingerprint = createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
    return {
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.template ? `${d.message} (from ${d.template})` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.file),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      partialFingerprints: { 'multusNetworks/v1': fingerprint },
      ...(d.template ? { properties: { helmTemplate: d.template } } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PRODUCT_NAME,
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(diags.length < all.length
              ? {
                  toolExecutionNotifications: [
                    {
                      level: 'warning',
                      message: {
                        text: `${all.length} findings; only the ${diags.length} most severe are in this file (the limit of GitHub code scanning).`,
                      },
                    },
                  ],
                }
              : {}),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.base).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
