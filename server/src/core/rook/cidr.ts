// CIDR notation as Go's net.ParseCIDR accepts it (what Rook uses), and the containment/overlap math
// the cross-file checks need. ipaddr.js does the arithmetic; the syntax check is stricter than its
// parser (which accepts octal, hex and three-part IPv4 forms that Go rejects).
import * as ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Cidr {
  text: string;
  family: Family;
  /** The address as written (host bits possibly set). */
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

/** Rook's CRD pattern for addressRanges entries. */
export const CRD_CIDR_PATTERN = /^[0-9a-fA-F:.]{2,}\/[0-9]{1,3}$/;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Why `text` is not a CIDR Go accepts, or undefined when it is one. */
export function cidrError(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return 'it has no prefix length (e.g. `/24`)';
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return `"${bits}" is not a prefix length`;
  const prefix = Number(bits);
  if (addr.includes(':')) {
    if (addr.includes('%') || !ipaddr.IPv6.isValid(addr)) return `"${addr}" is not an IPv6 address`;
    if (prefix > 128) return `an IPv6 prefix is at most /128, not /${prefix}`;
    return undefined;
  }
  if (!IPV4.test(addr)) {
    if (/^\d+(\.\d+){3}$/.test(addr)) {
      return addr.split('.').some((o) => o.length > 1 && o.startsWith('0'))
        ? `"${addr}" has an octet with a leading zero, which Go rejects`
        : `"${addr}" has an octet above 255`;
    }
    return `"${addr}" is not an IPv4 address (four decimal octets)`;
  }
  if (prefix > 32) return `an IPv4 prefix is at most /32, not /${prefix}`;
  return undefined;
}

export function parseCidr(text: string): Cidr | undefined {
  if (cidrError(text) !== undefined) return undefined;
  const [addr, bits] = text.split('/');
  const address = ipaddr.parse(addr);
  return { text, family: address.kind() === 'ipv4' ? 4 : 6, address, prefix: Number(bits) };
}

/** Parses "a.b.c.d/n" or a bare address (taken as a single host). */
export function parseCidrOrAddress(text: string): Cidr | undefined {
  if (text.includes('/')) return parseCidr(text);
  if (IPV4.test(text)) return parseCidr(`${text}/32`);
  if (text.includes(':') && ipaddr.IPv6.isValid(text) && !text.includes('%')) return parseCidr(`${text}/128`);
  return undefined;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return (inner.address as ipaddr.IPv4).match(outer.address as ipaddr.IPv4, outer.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Canonical network form, e.g. 10.1.2.3/24 -> 10.1.2.0/24. */
export function networkOf(c: Cidr): string {
  const net =
    c.family === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(`${c.address.toString()}/${c.prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${c.address.toString()}/${c.prefix}`);
  return `${net.toString()}/${c.prefix}`;
}
