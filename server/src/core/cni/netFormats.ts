// Address formats as the plugins' Go code reads them: net.ParseIP / net.ParseCIDR (strict: no
// leading zeros in IPv4, no zones), the "sloppy" variants whereabouts uses (k8s.io/utils/net:
// leading zeros read as decimal), net.ParseMAC, PCI addresses and Linux interface names.
// ipaddr.js does the parsing of well-formed text; the syntax checks here are stricter than it.
import * as ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

export interface Cidr {
  /** The address part as written (host bits possibly set). */
  ip: Ip;
  prefix: number;
}

/** First and last address of a CIDR's network, with its canonical text. */
export interface Network {
  family: Family;
  first: bigint;
  last: bigint;
  prefix: number;
  text: string;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

const width = (family: Family): number => (family === 4 ? 32 : 128);

function fromBytes(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function strictIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p) && Number(p) <= 255);
}

/**
 * Go's net.ParseIP: a dotted quad without leading zeros, or an IPv6 address (optionally ending in
 * a dotted quad) without a zone. IPv4-mapped IPv6 addresses count as IPv4, as Go's To4() does.
 */
export function parseIp(s: string): Ip | undefined {
  if (strictIpv4(s)) return { family: 4, value: fromBytes(ipaddr.IPv4.parse(s).toByteArray()) };
  if (!s.includes(':') || s.includes('%') || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.') && !strictIpv4(tail)) return undefined;
  if (s.split(':').some((g) => !g.includes('.') && g.length > 4)) return undefined;
  if (!ipaddr.IPv6.isValid(s)) return undefined;
  const v6 = ipaddr.IPv6.parse(s);
  if (v6.isIPv4MappedAddress()) return { family: 4, value: fromBytes(v6.toIPv4Address().toByteArray()) };
  return { family: 6, value: fromBytes(v6.toByteArray()) };
}

/** k8s.io/utils/net ParseIPSloppy: like parseIp, but IPv4 octets may have leading zeros (read as decimal). */
export function parseIpSloppy(s: string): Ip | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    const parts = s.split('.').map((p) => p.replace(/^0+(?=\d)/, ''));
    return parseIp(parts.join('.'));
  }
  return parseIp(s);
}

/** Go's net.ParseCIDR (the address keeps its host bits; the prefix is decimal digits). */
export function parseCidr(s: string, sloppy = false): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = (sloppy ? parseIpSloppy : parseIp)(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!ip || !/^\d{1,4}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  // An IPv4-mapped address written in IPv6 form has a 128-bit prefix in Go; keep it simple and
  // accept only prefixes that fit the family we report.
  if (prefix > width(ip.family)) return undefined;
  return { ip, prefix };
}

export function networkOf(c: Cidr): Network {
  const w = width(c.ip.family);
  const size = 1n << BigInt(w - c.prefix);
  const first = (c.ip.value / size) * size;
  return {
    family: c.ip.family,
    first,
    last: first + size - 1n,
    prefix: c.prefix,
    text: `${formatIp({ family: c.ip.family, value: first })}/${c.prefix}`,
  };
}

export function hasHostBits(c: Cidr): boolean {
  return networkOf(c).first !== c.ip.value;
}

export function contains(n: Network, ip: Ip): boolean {
  return n.family === ip.family && ip.value >= n.first && ip.value <= n.last;
}

export function formatIp(ip: Ip): string {
  const bytes: number[] = [];
  let v = ip.value;
  for (let i = 0; i < width(ip.family) / 8; i++, v >>= 8n) bytes.unshift(Number(v & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

export const familyName = (f: Family): string => (f === 4 ? 'IPv4' : 'IPv6');

/** Why `s` is not an IP address, as a predicate phrase: `"x" ${ipProblem(x)}`. */
export function ipProblem(s: string): string {
  if (s === '') return 'is empty';
  if (s.trim() !== s) return 'has spaces around it';
  if (s.includes('/')) return 'has a prefix length; write the address alone';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    return s.split('.').some((o) => o.length > 1 && o.startsWith('0'))
      ? 'has an octet with a leading zero, which Go rejects'
      : 'has an octet above 255';
  }
  if (s.includes('%')) return 'has an IPv6 zone (`%...`), which is not accepted here';
  return 'is not an IPv4 or IPv6 address';
}

/** Why `s` is not a CIDR, as a predicate phrase: `"x" ${cidrProblem(x)}`. */
export function cidrProblem(s: string, sloppy = false): string {
  if (s === '') return 'is empty';
  if (s.trim() !== s) return 'has spaces around it';
  const slash = s.indexOf('/');
  if (slash < 0) return 'has no prefix length (e.g. `/24`)';
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const ip = (sloppy ? parseIpSloppy : parseIp)(addr);
  if (!ip) return `has an address part that ${ipProblem(addr)}`;
  if (!/^\d+$/.test(bits)) return `has no valid prefix length after the \`/\``;
  return `has a prefix longer than /${width(ip.family)}, the most ${familyName(ip.family)} allows`;
}

// ---------------------------------------------------------------------------------------------
// MAC and PCI addresses, interface names.

/** Go's net.ParseMAC: the number of octets (6, 8 or 20), or undefined when it does not parse. */
export function parseMac(s: string): number[] | undefined {
  let groups: string[];
  if (s.length < 14) return undefined;
  if (s[2] === ':' || s[2] === '-') {
    groups = s.split(s[2]);
    if (!groups.every((g) => /^[0-9a-fA-F]{2}$/.test(g))) return undefined;
  } else if (s[4] === '.') {
    const quads = s.split('.');
    if (!quads.every((g) => /^[0-9a-fA-F]{4}$/.test(g))) return undefined;
    groups = quads.flatMap((q) => [q.slice(0, 2), q.slice(2)]);
  } else return undefined;
  if (![6, 8, 20].includes(groups.length)) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * PCI address as sysfs names it (`%04x:%02x:%02x.%d`): domain:bus:device.function in lowercase hex.
 * The domain has at least 4 digits, more without a leading zero (Intel VMD domains are 10000+).
 */
export const PCI_ADDRESS = /^(?:[0-9a-f]{4}|[1-9a-f][0-9a-f]{4,7}):[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7]$/;

/** Why `name` cannot be a Linux network interface name (dev_valid_name), or undefined. */
export function ifNameProblem(name: string): string | undefined {
  if (name.length > 15) return `it is ${name.length} characters long; Linux interface names have at most 15`;
  if (name === '.' || name === '..') return `"${name}" is not allowed as an interface name`;
  if (/[/:\s]/.test(name)) return 'interface names cannot contain `/`, `:` or whitespace';
  return undefined;
}
