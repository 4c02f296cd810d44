// User settings that shape checking. Shared by the CLI, the language server and the client.
import { LIMIT_KEYS, Limits } from './limits';
import type { Severity } from './types';

export type RuleSetting = Severity | 'off';

export interface Settings {
  /** Per-rule override: severity or 'off'. */
  rules: Record<string, RuleSetting>;
  maxFileSize: number;
  extraPluginTypes: string[];
  extraIpamTypes: string[];
  /** Rook version the user targets, e.g. "1.20" or "1.12.3". */
  rookVersion: string;
  /** Glob patterns of files not to index or check. */
  exclude: string[];
  /** Overrides of the structural limits (core/limits.ts DEFAULT_LIMITS); unset entries keep the default. */
  limits: Partial<Limits>;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  maxFileSize: 5_000_000,
  extraPluginTypes: [],
  extraIpamTypes: [],
  rookVersion: '1.20',
  exclude: [],
  limits: {},
};

const RULE_SETTINGS = new Set(['off', 'error', 'warning', 'info', 'hint']);

/** Normalizes untrusted input (workspace settings, CLI config) into Settings; bad entries are dropped. */
export function settingsFrom(raw: unknown): Settings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && RULE_SETTINGS.has(v)) rules[k] = v as RuleSetting;
    }
  }
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return {
    rules,
    maxFileSize: typeof o.maxFileSize === 'number' && o.maxFileSize > 0 ? o.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    extraPluginTypes: strings(o.extraPluginTypes),
    extraIpamTypes: strings(o.extraIpamTypes),
    rookVersion:
      typeof o.rookVersion === 'string' && /^\d+\.\d+(\.\d+)?$/.test(o.rookVersion)
        ? o.rookVersion
        : DEFAULT_SETTINGS.rookVersion,
    exclude: strings(o.exclude),
    limits: limitsFrom(o.limits),
  };
}

/** Positive whole numbers only; anything else keeps the default. */
function limitsFrom(raw: unknown): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const k of LIMIT_KEYS) {
    const v = (raw as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) out[k] = v;
  }
  return out;
}
