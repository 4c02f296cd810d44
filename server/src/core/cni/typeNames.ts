// Plugin and IPAM type names: whether a `type` names a plugin we know, a near miss of one (a
// letter-case variant, or one edit away from a known name of five or more letters: no binary on
// any node has that name, so the pod fails), something merely close, or a type we simply do not
// know (a plugin of its own, not a mistake).
import { closestOne, editDistance, isCaseVariant } from '../text/suggest';
import { knownIpamTypes, knownPluginTypes } from './schemaRegistry';

export type TypeVerdict =
  | { kind: 'known' }
  /** A letter-case variant or a one-edit slip of a known name: an error. */
  | { kind: 'near-miss'; suggestion: string }
  /** Close to a known name, but it may be a plugin of its own: a warning. */
  | { kind: 'close'; suggestion: string }
  /** A name of the other list (an IPAM type as plugin type, or the reverse). */
  | { kind: 'other-list' }
  /** Nothing close: a plugin we do not know. */
  | { kind: 'unlisted' };

/** Known names this short are too near to other real names for a one-edit slip to be certain. */
const NEAR_MISS_MIN_LENGTH = 5;

/** The known plugin (or IPAM) types plus the user's own. */
export function knownTypes(kind: 'plugin' | 'ipam', extra: readonly string[] = []): readonly string[] {
  const base = kind === 'ipam' ? knownIpamTypes : knownPluginTypes;
  return extra.length ? [...new Set([...base, ...extra])] : base;
}

/**
 * Judges a plugin or IPAM `type`. `extra` are the user's additional types (settings); every known
 * list (plugin, IPAM, extra) counts as "known" before a name is called a near miss.
 */
export function judgeTypeName(type: string, kind: 'plugin' | 'ipam', extra: readonly string[] = []): TypeVerdict {
  if ((kind === 'ipam' ? knownIpamTypes : knownPluginTypes).includes(type) || extra.includes(type))
    return { kind: 'known' };
  const known = knownTypes(kind, extra);
  const other = kind === 'ipam' ? knownPluginTypes : knownIpamTypes;
  if (other.includes(type)) return { kind: 'other-list' };
  const lower = type.toLowerCase();
  const sameCase = known.find((k) => isCaseVariant(k, type));
  if (sameCase) return { kind: 'near-miss', suggestion: sameCase };
  const oneEdit = known.filter(
    (k) =>
      k.length >= NEAR_MISS_MIN_LENGTH &&
      Math.abs(k.length - type.length) <= 1 &&
      editDistance(lower, k.toLowerCase()) === 1,
  );
  // Two known names one edit away: the slip is certain, the intended name is not; the first is
  // still the best guess for the message.
  if (oneEdit.length) return { kind: 'near-miss', suggestion: oneEdit.sort()[0] };
  const near = closestOne(type, known);
  return near ? { kind: 'close', suggestion: near } : { kind: 'unlisted' };
}
