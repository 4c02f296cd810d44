// File-local checks of one NetworkAttachmentDefinition: its Kubernetes shape, its name, and the CNI
// JSON inside spec.config, with findings mapped back to the YAML source through the offset map.
import { findNodeAtLocation } from 'jsonc-parser';
import { isMap, isScalar, isSeq } from 'yaml';
import { checkCniConfig, type CniContext } from '../cni/checkConfig';
import { decodeScalar } from '../embedded/scalarSource';
import type { DecodedScalar } from '../embedded/types';
import type { RenderedConfig } from './renderedConfig';
import type { Settings } from '../settings';
import type { Problem } from '../types';
import { onlyUnknown } from '../text/unknown';
import { misspeltConfigKey } from '../yaml/k8sObjects';
import type { NadObject } from '../yaml/objects';
import { yamlTypeName } from '../yaml/yamlFile';

export type CniResult = ReturnType<typeof checkCniConfig>;

export interface NadAnalysis {
  nad: NadObject;
  /** The decoded spec.config scalar with its offset map (absent when config is not a string). */
  decoded?: DecodedScalar;
  cni?: CniResult;
  /**
   * A NAD an operator renders (nad.provider): the config it renders, and the map of its characters
   * to the file. `decoded` is set only when one string is the whole config (OpenShift rawCNIConfig).
   */
  rendered?: string;
  renderMap?: RenderedConfig;
  /**
   * The rendered config even when a string the user wrote is not JSON yet (while typing): completion
   * reads it; checks and facts do not.
   */
  renderDraft?: RenderedConfig;
  /** cniReuseKey of `cni`, for the next version of the file. */
  cniKey?: string;
  /** Set for a NAD declared in a configuration file's externalNetworks (it has no manifest here). */
  external?: { type?: string; range?: string };
}

/** A template action as the masked parse sees it (text/unknown.ts maskTemplates). */
const MASKED_ACTION = /^\$\(_+\)$/;

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/**
 * Results of checkCniConfig from the previous version of the file, by config text and context: the
 * CNI findings are in JSON offsets, so they hold wherever the scalar now sits (and they are never
 * modified after they are made).
 */
export type CniReuse = (key: string) => CniResult | undefined;

/** The reuse key of one config check: the decoded JSON and everything else checkCniConfig reads. */
export function cniReuseKey(value: string, context: CniContext): string {
  return JSON.stringify([
    value,
    context.metadataName ?? null,
    !!context.hasResourceName,
    context.extraPluginTypes ?? [],
    context.extraIpamTypes ?? [],
    !!context.templated,
  ]);
}

export function analyzeNad(
  text: string,
  nad: NadObject,
  settings: Settings,
  problems: Problem[],
  reuse?: CniReuse,
  /** The file is Go-templated and template actions lie inside spec.config (see CniContext.templated). */
  templated = false,
): NadAnalysis {
  checkName(nad, problems);
  const analysis: NadAnalysis = { nad };
  const config = nad.configNode;
  if (nad.specNode && !isMap(nad.specNode)) {
    const [s, e] = nad.specNode.range ?? nad.anchor;
    problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: `The field spec must be a mapping, not ${yamlTypeName(nad.specNode)}.`,
      start: s,
      end: e,
    });
    return analysis;
  }
  // "confg:" (or "spce:"): k8s/unknown-field reports the key with "Did you mean", on the key; saying
  // "No spec.config" as well, on the kind line, would only repeat it in the wrong place.
  if (!config && misspeltConfigKey(nad)) return analysis;
  if (!config || (isScalar(config) && (config.value === null || config.value === ''))) {
    const [s, e] = config?.range ?? nad.configPair?.key?.range ?? nad.anchor;
    problems.push({
      code: 'nad/config-empty',
      severity: 'info',
      message: `No spec.config: Multus will read a CNI config file whose name is "${nad.name ?? ''}" from each node's Multus config directory; nothing here to check.`,
      start: s,
      end: config?.range ? e : s + (e > s ? e - s : 0),
    });
    return analysis;
  }
  if (isMap(config) || isSeq(config)) {
    const [s, e] = config.range ?? nad.anchor;
    problems.push({
      code: 'nad/config-not-string',
      severity: 'error',
      message: `The field spec.config is ${yamlTypeName(config)}, but the CRD requires a string holding JSON. Write the CNI config as a JSON string (e.g. in a | block).`,
      start: s,
      end: e,
      data: { fix: 'serialize-config' },
    });
    return analysis;
  }
  if (!isScalar(config) || typeof config.value !== 'string') {
    const [s, e] = config.range ?? nad.anchor;
    problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: `The field spec.config must be a string holding JSON, not ${yamlTypeName(config)}.`,
      start: s,
      end: e,
    });
    return analysis;
  }
  const decoded = decodeScalar(text, config);
  if (!decoded) return analysis;
  analysis.decoded = decoded;
  if (onlyUnknown(decoded.value)) {
    // A whole config from a template action (masked as $(___)) is simply unknown; a placeholder
    // written in the file is worth saying.
    if (!MASKED_ACTION.test(decoded.value.trim())) {
      const [s, e] = config.range ?? nad.anchor;
      problems.push({
        code: 'nad/config-placeholder',
        severity: 'info',
        message: `spec.config is only the placeholder "${decoded.value.trim()}", so there is no CNI config to check yet. Once it is filled in (by substitution, or by hand), it is checked.`,
        start: s,
        end: e,
      });
    }
    return analysis;
  }
  const context: CniContext = {
    metadataName: nad.name,
    hasResourceName: nad.resourceName !== undefined,
    extraPluginTypes: settings.extraPluginTypes,
    extraIpamTypes: settings.extraIpamTypes,
    ...(templated ? { templated } : {}),
  };
  const key = cniReuseKey(decoded.value, context);
  const cni = reuse?.(key) ?? checkCniConfig(decoded.value, context);
  analysis.cni = cni;
  analysis.cniKey = key;
  for (const p of cni.problems) {
    const [s, e] = decoded.rangeToSource(p.start, p.end);
    problems.push({ ...p, start: s, end: e, data: { ...p.data, jsonStart: p.start, jsonEnd: p.end } });
  }
  checkNameMismatch(nad, decoded, cni, problems);
  return analysis;
}

function checkName(nad: NadObject, problems: Problem[]): void {
  const node = nad.nameNode;
  if (!node) {
    problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: 'A NetworkAttachmentDefinition needs metadata.name.',
      start: nad.anchor[0],
      end: nad.anchor[1],
    });
    return;
  }
  const [s, e] = node.range ?? nad.anchor;
  if (typeof node.value !== 'string') {
    problems.push({
      code: 'k8s/schema',
      severity: 'error',
      message: `The field metadata.name must be a string, not ${yamlTypeName(node)}.`,
      start: s,
      end: e,
    });
    return;
  }
  const name = node.value;
  if (!isDns1123Subdomain(name)) {
    problems.push({
      code: 'nad/invalid-name',
      severity: 'error',
      message: `"${name}" is not a valid Kubernetes name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253 characters).`,
      start: s,
      end: e,
    });
  } else if (name.includes('.') || name.startsWith('0')) {
    problems.push({
      code: 'nad/name-portability',
      severity: 'warning',
      message: `"${name}" is a valid Kubernetes name, but the NAD admission webhook and Multus's namespace/name annotation form reject names with '.' or a leading '0'. Prefer letters, digits and '-'.`,
      start: s,
      end: e,
    });
  }
}

function checkNameMismatch(nad: NadObject, decoded: DecodedScalar, cni: CniResult, problems: Problem[]): void {
  if (!cni.root || !nad.name) return;
  const nameNode = findNodeAtLocation(cni.root, ['name']);
  // An empty name is a missing one: Multus fills in metadata.name (cni/list-name-missing covers lists).
  if (!nameNode || nameNode.type !== 'string' || nameNode.value === nad.name || nameNode.value === '') return;
  const [s, e] = decoded.rangeToSource(nameNode.offset, nameNode.offset + nameNode.length);
  problems.push({
    code: 'nad/name-mismatch',
    severity: 'hint',
    message: `The config's name "${String(nameNode.value)}" differs from metadata.name "${nad.name}"; logs and Multus show the config name. Consider using the same name.`,
    start: s,
    end: e,
    data: { suggestion: nad.name, jsonStart: nameNode.offset, jsonEnd: nameNode.offset + nameNode.length },
  });
}
