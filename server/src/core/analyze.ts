// One file's analysis: parse, find our objects, run the file-local checks. Cached by callers per
// (uri, version); the workspace index and the cross-file checks build on it.
import { Document, parseDocument } from 'yaml';
import {
  hitProblem,
  Limits,
  oversize,
  overflowedParser,
  prescanText,
  resolveLimits,
  scanDocument,
  tooLargeMessage,
} from './limits';
import type { ConfigFile } from './config/configFile';
import { isKustomizationUri, Kustomization, readKustomization } from './yaml/kustomization';
import { analyzeNad, CniResult, CniReuse, NadAnalysis } from './nad/nadChecks';
import { analyzeProvider } from './operators/render';
import { PROVIDER_KIND_PATTERN } from './yaml/providers';
import { ruleInfo } from './rules';
import type { Settings } from './settings';
import { applySuppressions, directiveProblems, type EmbeddedBlock } from './suppress';
import { LineIndex } from './text/lineIndex';
import type { Problem } from './types';
import { findObjects } from './yaml/k8sObjects';
import type { K8sObjects } from './yaml/objects';
import { applyShifts, fixAliasKeys, IndentRepair, repairFlowIndent } from './yaml/lenientIndent';
import { maskTemplates, Span, touchesUnknown, unknownSpans } from './text/unknown';
import { parseYamlFile, YamlFile } from './yaml/yamlFile';

export interface FileAnalysis {
  uri: string;
  /** The document as given. */
  source: string;
  /**
   * The text all offsets refer to: `source`, or `source` with spaces inserted at the start of
   * under-indented continuation lines (see yaml/lenientIndent.ts; `lines` maps columns back).
   */
  text: string;
  lines: LineIndex;
  yaml?: YamlFile;
  /** The parse of `source` (the same as `yaml` unless re-indented); the next version reuses its parts. */
  sourceYaml?: YamlFile;
  objects: K8sObjects;
  nads: NadAnalysis[];
  /** The NADs operators render from custom resources of this file (objects.providers), analyzed. */
  providerNads: NadAnalysis[];
  /** File-local findings, before settings and suppressions are applied. */
  problems: Problem[];
  /**
   * Unknown tokens of `text` (template actions, substitution variables, placeholders; see
   * text/unknown.ts): no finding may rest on them.
   */
  unknown: Span[];
  /** The Go template actions of the file, when it has any (it is parsed with them masked). */
  actions?: Span[];
  /** Those of `actions` alone on their lines (control flow, includes): they shape the YAML or JSON. */
  blanked?: Span[];
  /** Set when this is a configuration file (`.multus-networks.yaml`, see config/). */
  config?: ConfigFile;
  /** Set when this is a kustomization (kustomization.yaml): the files it applies together. */
  kustomization?: Kustomization;
}

/**
 * A file-local check over the objects of one file (e.g. CephCluster network shape, annotations).
 * The caller passes the list to run (core/checks.ts ALL_CHECKS for the product); the NAD checks
 * are not in it: they are the analysis itself (their results feed the index and later checks).
 */
export type LocalCheck = (analysis: FileAnalysis, settings: Settings) => void;

/**
 * Cheap pre-scan: files, and documents of a multi-document file, that cannot hold any object we
 * check are not parsed at all (most manifests of a repository are not ours).
 */
const RELEVANT = new RegExp(
  `NetworkAttachmentDefinition|k8s\\.cni\\.cncf\\.io/|[Cc]eph[Cc]luster|[Cc]eph[Bb]lock[Pp]ool|Ceph(?:Filesystem|ObjectStore|NFS|RBDMirror)|cephClusterSpec|k8s\\.v1\\.cni\\.cncf\\.io/networks|v1\\.multus-cni\\.io/default-network|networkName|SpiderIPPool|${PROVIDER_KIND_PATTERN}`,
);
const wanted = (part: string) => RELEVANT.test(part);

export const EMPTY_OBJECTS = (): K8sObjects => ({
  nads: [],
  providers: [],
  clusters: [],
  pools: [],
  ipPools: [],
  annotations: [],
  networkNames: [],
});

/** Stands in for documents over a limit, so that findObjects finds nothing there (indexes stay). */
const SKIPPED_DOC = parseDocument('', { logLevel: 'error' }) as Document.Parsed;

/**
 * Analyzes one file. Never throws: a failure outside the contained checks (parsing, object
 * discovery) becomes an internal/error finding on an otherwise empty analysis. `previous`, the
 * analysis of an earlier version of the same file, lends its unchanged documents (and is spent:
 * its parse is moved to the new text's offsets).
 */
export function analyzeFile(
  uri: string,
  text: string,
  settings: Settings,
  localChecks: readonly LocalCheck[],
  previous?: FileAnalysis,
): FileAnalysis {
  const lines = new LineIndex(text);
  const analysis: FileAnalysis = {
    uri,
    source: text,
    text,
    lines,
    objects: EMPTY_OBJECTS(),
    nads: [],
    providerNads: [],
    problems: [],
    unknown: [],
  };
  try {
    analyzeInto(analysis, settings, localChecks, previous?.sourceYaml, previous?.nads);
  } catch (err) {
    Object.assign(analysis, {
      text,
      lines,
      yaml: undefined,
      sourceYaml: undefined,
      objects: EMPTY_OBJECTS(),
      nads: [],
      providerNads: [],
      problems: [],
      unknown: [],
    });
    internalError(analysis, 0, err);
  }
  return analysis;
}

function analyzeInto(
  analysis: FileAnalysis,
  settings: Settings,
  localChecks: readonly LocalCheck[],
  previous: YamlFile | undefined,
  previousNads: NadAnalysis[] | undefined,
): void {
  let text = analysis.text;
  const bytes = oversize(text, settings.maxFileSize);
  if (bytes !== undefined) {
    analysis.problems.push({
      code: 'yaml/too-large',
      severity: 'info',
      message: tooLargeMessage(bytes, settings.maxFileSize),
      start: 0,
      end: 0,
    });
    return;
  }
  if (isKustomizationUri(analysis.uri)) analysis.kustomization = readKustomization(text);
  // Go-templated files (Helm chart templates) are parsed with their actions masked, every offset
  // kept; the text the user sees (and fixes edit) stays the source. A trigger word inside an
  // action does not make a file ours.
  const mask = maskTemplates(text);
  let parseText = mask?.text ?? text;
  if (!RELEVANT.test(parseText)) return;
  analysis.actions = mask?.actions;
  analysis.blanked = mask?.blanked;
  if (text.includes('\u0000')) {
    analysis.problems.push({
      code: 'yaml/limit',
      severity: 'info',
      message: 'This file contains NUL characters and looks binary: it is not checked.',
      start: 0,
      end: 0,
    });
    return;
  }
  const limits = resolveLimits(settings.limits);
  // Every part the parser will see is pre-scanned first (unchanged parts of the previous version
  // passed already; parts we do not parse cannot hurt the parser).
  const guard = (from: number, to: number) => prescanText(parseText, limits, from, to);
  let yaml = parseYamlFile(parseText, limits, { wanted, previous, guard });
  if (yaml.refused) {
    analysis.problems.push(hitProblem(yaml.refused));
    return;
  }
  analysis.sourceYaml = yaml;
  if (yaml.problems.some((p) => p.code === 'yaml/syntax')) {
    const lenient = parseLeniently(parseText, yaml, limits);
    if (lenient) {
      yaml = lenient.yaml;
      parseText = lenient.repair.text;
      // The user's characters, with the inserted spaces only (masks and rewritten alias keys stay out).
      text = analysis.text = lenient.repair.shifts.size ? applyShifts(text, lenient.repair.shifts) : text;
      analysis.lines = new LineIndex(text, lenient.repair.shifts);
      const tabbed = new Set(lenient.repair.tabKeyLines);
      for (const line of lenient.repair.keyLines) {
        const at = analysis.lines.offsetAt({ line, character: 0 });
        analysis.problems.push({
          code: 'yaml/indentation',
          severity: 'info',
          message: tabbed.has(line)
            ? 'The continuation lines of this quoted string start with tabs (or are indented no deeper than its key). Kubernetes accepts that, but strict YAML parsers (and many tools) reject it: indent them with spaces, below the key.'
            : 'The continuation lines of this quoted string are indented no deeper than its key. Kubernetes accepts that, but strict YAML parsers (and many tools) reject it: indent them below the key.',
          start: at,
          end: analysis.lines.lineEnd(line),
        });
      }
    }
  }
  if (mask) {
    yaml = templateView(yaml);
    if (text !== analysis.source) {
      const moved = maskTemplates(text);
      analysis.actions = moved?.actions;
      analysis.blanked = moved?.blanked;
    }
  }
  analysis.yaml = yaml;
  analysis.problems.push(...directiveProblems(text));
  analysis.problems.push(...yaml.problems);
  // Documents over a limit (alias bomb, nesting, JSON depth in a string) are reported and skipped
  // before anything walks them; scanning also records alias targets for deref.
  const visible = yaml.docs.map((doc) => {
    if (overflowedParser(doc)) return SKIPPED_DOC;
    const docHit = scanDocument(doc, limits);
    if (!docHit) return doc;
    analysis.problems.push(hitProblem(docHit));
    return SKIPPED_DOC;
  });
  analysis.objects = findObjects(visible, parseText);
  if (analysis.objects.problems) analysis.problems.push(...analysis.objects.problems);
  const reuse = cniResultsOf(previousNads);
  for (const nad of analysis.objects.nads) {
    contained(analysis, nad.anchor[0], () => {
      const r = nad.configNode?.range;
      const templated = !!r && !!analysis.blanked && touchesUnknown(analysis.blanked, r[0], r[1]);
      analysis.nads.push(analyzeNad(parseText, nad, settings, analysis.problems, reuse, templated));
    });
  }
  for (const nad of analysis.objects.providers) {
    contained(analysis, nad.anchor[0], () => {
      analysis.providerNads.push(analyzeProvider(parseText, nad, settings, analysis.problems));
    });
  }
  for (const check of localChecks) contained(analysis, 0, () => check(analysis, settings));
  analysis.unknown = unknownSpans(text);
  if (analysis.unknown.length) analysis.problems = analysis.problems.filter((p) => !restsOnUnknown(analysis, p));
}

/** Findings that never rest on a value: about the file's YAML, limits, and our own failures. */
const ABOUT_THE_FILE = /^(yaml|internal)\//;

/** Whether a finding touches an unknown token of the file (it then rests on a value nobody knows). */
export function restsOnUnknown(analysis: Pick<FileAnalysis, 'unknown'>, p: Problem): boolean {
  return (
    !ABOUT_THE_FILE.test(p.code) &&
    p.code !== 'nad/config-placeholder' &&
    touchesUnknown(analysis.unknown, p.start, p.end)
  );
}

/**
 * A templated file as far as it can be read: documents that still do not parse with the template
 * actions masked are not checked (their YAML is only known once rendered), and instead of their
 * yaml/syntax errors the file gets one yaml/template info.
 */
function templateView(yaml: YamlFile): YamlFile {
  const broken = yaml.docs.filter((d) => d.errors.length > 0);
  const problems = yaml.problems.filter((p) => p.code !== 'yaml/syntax');
  if (!broken.length) return problems.length === yaml.problems.length ? yaml : { ...yaml, problems };
  const at = broken[0].range[0];
  problems.push({
    code: 'yaml/template',
    severity: 'info',
    message: `This file is a Go template (e.g. a Helm chart template): even with its template actions set aside, ${broken.length === yaml.docs.length ? 'it is' : `${broken.length} of its ${yaml.docs.length} documents are`} not YAML, so ${broken.length === yaml.docs.length ? 'it is' : 'they are'} not checked. Check the rendered output instead, e.g. helm template my-release ./chart | multus-networks check -`,
    start: at,
    end: at,
  });
  return { ...yaml, docs: yaml.docs.map((d) => (d.errors.length ? SKIPPED_DOC : d)), problems };
}

/** The CNI results of the previous version's NADs, by reuse key (see nadChecks.ts). */
function cniResultsOf(nads: NadAnalysis[] | undefined): CniReuse | undefined {
  if (!nads?.length) return undefined;
  const byKey = new Map<string, CniResult>();
  for (const n of nads) if (n.cni && n.cniKey) byKey.set(n.cniKey, n.cni);
  return (key) => byKey.get(key);
}

/**
 * Re-parses as go-yaml (kubectl, Flux) reads it, if that removes syntax errors: under-indented or
 * tab-led quoted continuation lines re-indented, alias keys (`*app:`) read as go-yaml does.
 */
function parseLeniently(
  text: string,
  strict: YamlFile,
  limits: Limits,
): { yaml: YamlFile; repair: IndentRepair } | undefined {
  const aliased = fixAliasKeys(text);
  const repair =
    repairFlowIndent(aliased ?? text) ??
    (aliased ? { text: aliased, shifts: new Map<number, number>(), keyLines: [], tabKeyLines: [] } : undefined);
  if (!repair) return undefined;
  const yaml = parseYamlFile(repair.text, limits, {
    wanted,
    guard: (from, to) => prescanText(repair.text, limits, from, to),
  });
  if (yaml.refused) return undefined;
  const errors = (y: YamlFile) => y.problems.filter((p) => p.code === 'yaml/syntax').length;
  return errors(yaml) < errors(strict) ? { yaml, repair } : undefined;
}

/**
 * One failing check must not take the others (or the server) down: it becomes an internal finding,
 * pushed to `out` (the list the check itself writes to; the file's own problems by default).
 */
export function contained(
  analysis: FileAnalysis,
  at: number,
  fn: () => void,
  out: Problem[] = analysis.problems,
): void {
  try {
    fn();
  } catch (err) {
    internalError(analysis, at, err, out);
  }
}

/** Receives every contained failure (the language server logs it); a no-op by default. */
export type InternalErrorLogger = (uri: string, err: unknown) => void;
let logInternalError: InternalErrorLogger = () => {};

export function setInternalErrorLogger(logger: InternalErrorLogger): void {
  logInternalError = logger;
}

function internalError(analysis: FileAnalysis, at: number, err: unknown, out: Problem[] = analysis.problems): void {
  try {
    logInternalError(analysis.uri, err);
  } catch {
    // Logging must not turn a contained failure into an uncontained one.
  }
  out.push({
    code: 'internal/error',
    severity: 'info',
    message: `multus-networks hit an internal error while checking this part of the file (${err instanceof Error ? err.message : String(err)}); please report it.`,
    start: at,
    end: at,
  });
}

/** Applies per-rule settings (off / severity) and comment directives; sorts by position. */
export function finalizeProblems(
  problems: Problem[],
  analysis: Pick<FileAnalysis, 'text' | 'lines'> & { objects?: K8sObjects },
  settings: Settings,
): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    const setting = settings.rules[p.code];
    if (setting === 'off') continue;
    if (setting === undefined && ruleInfo(p.code)?.offByDefault) continue;
    // The user's severity may be one the catalog does not state for the rule: that is their call.
    out.push(setting ? ({ ...p, severity: setting } as Problem) : p);
  }
  return applySuppressions(out, analysis.text, analysis.lines, embeddedBlocks(analysis)).sort(
    (a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code),
  );
}

/** The embedded documents a directive on the line before their key covers whole (suppress.ts). */
function embeddedBlocks(analysis: Pick<FileAnalysis, 'lines'> & { objects?: K8sObjects }): EmbeddedBlock[] {
  const out: EmbeddedBlock[] = [];
  const add = (keyStart: number, end: number) =>
    out.push({ keyLine: analysis.lines.positionAt(keyStart).line, start: keyStart, end });
  for (const nad of analysis.objects?.nads ?? []) {
    const key = nad.configPair?.key as { range?: [number, number, number] } | undefined;
    const value = nad.configNode?.range;
    if (key?.range && value) add(key.range[0], value[1]);
  }
  // The annotation's key is on the line where its value starts (the value's own node is all we keep).
  for (const a of analysis.objects?.annotations ?? []) {
    const r = a.valueNode.range;
    if (r) add(analysis.lines.offsetAt({ line: analysis.lines.positionAt(r[0]).line, character: 0 }), r[1]);
  }
  return out;
}
