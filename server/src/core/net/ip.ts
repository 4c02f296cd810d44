// IP addresses and CIDRs exactly as Go reads them: net.ParseIP and net.ParseCIDR (on netip.ParseAddr
// since Go 1.22), which every CNI plugin, Multus and Rook use; plus the "sloppy" IPv4 of
// k8s.io/utils/net that whereabouts uses (leading zeros read as decimal). The one implementation for
// the whole core; test/unit/netDifferential.test.ts holds it to Go's own verdicts
// (scripts/go-cidr-cases). No dependency: the parser is small and follows Go's grammar step by step.
//
// Go's rules, in short: IPv4 is four decimal fields 0-255 without leading zeros; IPv6 has hex groups
// of at most four digits, at most one "::", and may end in a dotted quad; no zone ("%eth0") in a CIDR
// or an IP; no spaces anywhere. A prefix is decimal digits, at most 32 after a dotted quad and at
// most 128 after anything written in IPv6 form (also "::ffff:10.1.2.0/120", IPv4-mapped).
// IPv4-mapped addresses are IPv4 to Go's To4(); a mapped CIDR with a prefix of /96 or more stands
// for the IPv4 network of prefix - 96 (net.IPNet.String and Contains say so), a shorter one for an
// IPv6 network.

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint;
}

/** First and last address of a network, with its canonical text (Go's IPNet.String()). */
export interface Network {
  family: Family;
  first: bigint;
  last: bigint;
  prefix: number;
  text: string;
}

export interface Cidr {
  /** The text as given. */
  text: string;
  /** The address as written (host bits kept), as net.ParseIP reads it (IPv4-mapped reads as IPv4). */
  ip: Ip;
  /** The mask width Go gives it: 32 for a dotted quad, 128 for anything written in IPv6 form. */
  bits: 32 | 128;
  /** The prefix length as written. */
  ones: number;
  /** An IPv4 address written in IPv6 form (::ffff:a.b.c.d): Go's To4() reads it as IPv4, its mask is 128 bits. */
  v4InV6: boolean;
  /** The network Go's IPNet stands for. */
  network: Network;
  /** network.family and network.prefix, for short. */
  family: Family;
  prefix: number;
}

const width = (family: Family): number => (family === 4 ? 32 : 128);
const MAPPED = 0xffffn << 32n;

// ---------------------------------------------------------------------------------------------
// Parsing.

/** A dotted quad as Go's netip reads it (sloppy: leading zeros allowed and read as decimal). */
function parseIpv4(s: string, sloppy = false): bigint | undefined {
  const fields = s.split('.');
  if (fields.length !== 4) return undefined;
  let v = 0n;
  for (const f of fields) {
    if (!/^[0-9]{1,3}$/.test(f) && !(sloppy && /^[0-9]+$/.test(f))) return undefined;
    if (!sloppy && f.length > 1 && f[0] === '0') return undefined;
    const n = Number(f);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

/** Go's netip parseIPv6 without a zone: 16 bytes as a bigint, or undefined. */
function parseIpv6(s: string): bigint | undefined {
  const groups: number[] = []; // 16-bit groups, in order, before expansion
  let ellipsis = -1; // index in groups where "::" stands
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return 0n;
  }
  while (groups.length < 8) {
    let off = 0;
    let acc = 0;
    for (; off < s.length && /[0-9a-fA-F]/.test(s[off]); off++) {
      if (off > 3) return undefined; // more than four digits in a group
      acc = acc * 16 + parseInt(s[off], 16);
    }
    if (off === 0) return undefined; // an empty group
    if (off < s.length && s[off] === '.') {
      // A trailing dotted quad: it replaces the last two groups.
      if (ellipsis < 0 && groups.length !== 6) return undefined;
      if (groups.length + 2 > 8) return undefined;
      const v4 = parseIpv4(s);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      s = '';
      break;
    }
    groups.push(acc);
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined; // a second "::"
      ellipsis = groups.length;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return undefined;
  if (groups.length < 8) {
    if (ellipsis < 0) return undefined;
    groups.splice(ellipsis, 0, ...new Array<number>(8 - groups.length).fill(0));
  } else if (ellipsis >= 0) return undefined; // "::" must stand for at least one group
  return groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

interface Parsed {
  /** 32 bits for a dotted quad, 128 for IPv6 form. */
  value: bigint;
  bits: 32 | 128;
}

function parseAddr(s: string, sloppy: boolean): Parsed | undefined {
  // netip.ParseAddr picks the grammar by the first '.', ':' or '%'.
  const m = /[.:%]/.exec(s);
  if (!m || m[0] === '%') return undefined;
  if (m[0] === '.') {
    const v = parseIpv4(s, sloppy);
    return v === undefined ? undefined : { value: v, bits: 32 };
  }
  if (s.includes('%')) return undefined; // a zone: net.ParseIP and net.ParseCIDR refuse it
  const v = parseIpv6(s);
  return v === undefined ? undefined : { value: v, bits: 128 };
}

/** Go's To4(): IPv4-mapped IPv6 reads as IPv4. */
function toIp(p: Parsed): Ip {
  if (p.bits === 32) return { family: 4, value: p.value };
  if (p.value >> 32n === 0xffffn) return { family: 4, value: p.value & 0xffffffffn };
  return { family: 6, value: p.value };
}

/** Go's net.ParseIP: a dotted quad without leading zeros or an IPv6 address without a zone. */
export function parseIp(s: string): Ip | undefined {
  const p = parseAddr(s, false);
  return p && toIp(p);
}

/** k8s.io/utils/net ParseIPSloppy: like parseIp, but IPv4 fields may have leading zeros (read as decimal). */
export function parseIpSloppy(s: string): Ip | undefined {
  const p = parseAddr(s, true);
  return p && toIp(p);
}

/** Go's net.ParseCIDR (the address keeps its host bits); `sloppy` as k8s.io/utils/net ParseCIDRSloppy. */
export function parseCidr(s: string, sloppy = false): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const p = parseAddr(s.slice(0, slash), sloppy);
  const digits = s.slice(slash + 1);
  if (!p || !/^[0-9]+$/.test(digits)) return undefined;
  const ones = Number(digits);
  if (ones > p.bits) return undefined;
  const masked = p.value & ~((1n << BigInt(p.bits - ones)) - 1n);
  // What IPNet stands for: a masked IPv4-mapped network is the IPv4 network of prefix - 96.
  const network =
    p.bits === 128 && masked >> 32n === 0xffffn
      ? networkFor(4, masked & 0xffffffffn, ones - 96)
      : networkFor(p.bits === 32 ? 4 : 6, masked, ones);
  let ip = toIp(p);
  // Keep the address in the network's family (a mapped address with a prefix under /96).
  if (ip.family !== network.family) ip = { family: 6, value: MAPPED | ip.value };
  const v4InV6 = p.bits === 128 && p.value >> 32n === 0xffffn;
  return { text: s, ip, bits: p.bits, ones, v4InV6, network, family: network.family, prefix: network.prefix };
}

/** A CIDR, or a bare address taken as a single host (/32 or /128). */
export function parseCidrOrAddress(s: string): Cidr | undefined {
  if (s.includes('/')) return parseCidr(s);
  const ip = parseIp(s);
  return ip && parseCidr(`${s}/${ip.family === 4 && !s.includes(':') ? 32 : 128}`);
}

function networkFor(family: Family, first: bigint, prefix: number): Network {
  const size = 1n << BigInt(width(family) - prefix);
  const start = (first / size) * size;
  return {
    family,
    first: start,
    last: start + size - 1n,
    prefix,
    text: `${formatIp({ family, value: start })}/${prefix}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Arithmetic.

export function networkOf(c: Cidr): Network {
  return c.network;
}

/** True when the address as written has bits set beyond its prefix (e.g. 10.1.2.3/24). */
export function hasHostBits(c: Cidr): boolean {
  return c.network.first !== c.ip.value;
}

export function contains(n: Network, ip: Ip): boolean {
  return n.family === ip.family && ip.value >= n.first && ip.value <= n.last;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  const a = outer.network;
  const b = inner.network;
  return a.family === b.family && b.first >= a.first && b.last <= a.last;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const x = a.network;
  const y = b.network;
  return x.family === y.family && x.first <= y.last && y.first <= x.last;
}

/** Go's IP.String(): a dotted quad, or RFC 5952 IPv6 (the longest run of two or more zero groups as "::"). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((sh) => String(Number((ip.value >> sh) & 255n))).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j > i ? j : i + 1;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  return best < 0 ? hex(groups) : `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

export const familyName = (f: Family): string => (f === 4 ? 'IPv4' : 'IPv6');

// ---------------------------------------------------------------------------------------------
// Explanations, as predicate phrases: `"x" ${ipProblem(x)}`.

/** Why `s` is not an IP address. */
export function ipProblem(s: string, sloppy = false): string {
  if (s === '') return 'is empty';
  if (s.trim() !== s) return 'has spaces around it';
  if (s.includes('/')) return 'has a prefix length; write the address alone';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    return !sloppy && s.split('.').some((o) => o.length > 1 && o.startsWith('0'))
      ? 'has an octet with a leading zero, which Go rejects'
      : 'has an octet above 255';
  }
  if (s.includes('%')) return 'has an IPv6 zone ("%..."), which is not accepted here';
  if (s.includes(':') && s.split(':').some((g) => !g.includes('.') && g.length > 4))
    return 'has an IPv6 group of more than four hex digits';
  return 'is not an IPv4 or IPv6 address';
}

/** Why `s` is not a CIDR. */
export function cidrProblem(s: string, sloppy = false): string {
  if (s === '') return 'is empty';
  if (s.trim() !== s) return 'has spaces around it';
  const slash = s.indexOf('/');
  if (slash < 0) return 'has no prefix length (e.g. "/24")';
  const addr = s.slice(0, slash);
  const digits = s.slice(slash + 1);
  const p = parseAddr(addr, sloppy);
  if (!p) return `has an address part that ${ipProblem(addr, sloppy)}`;
  if (!/^[0-9]+$/.test(digits)) return 'has no valid prefix length after the "/"';
  return p.bits === 32
    ? `has a prefix longer than /32, the most IPv4 allows`
    : `has a prefix longer than /128, the most IPv6 allows`;
}
