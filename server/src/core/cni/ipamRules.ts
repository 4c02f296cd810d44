// IPAM address checks (host-local, whereabouts, static, dhcp) with a real CIDR library.
import * as ipaddr from 'ipaddr.js';
import type { Node } from 'jsonc-parser';
import type { Severity } from '../types';
import type { CniSummary } from './checkConfig';
import { prop, str } from './checkConfig';

type Add = (code: string, severity: Severity, message: string, n: Node, data?: Record<string, unknown>) => void;
type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** Go's net.ParseIP: dotted quads without leading zeros, or IPv6. */
export function parseIp(s: string): Addr | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) {
    if (s.split('.').some((o) => (o.length > 1 && o.startsWith('0')) || Number(o) > 255)) return undefined;
    return ipaddr.IPv4.parse(s);
  }
  if (s.includes(':') && ipaddr.IPv6.isValid(s)) return ipaddr.IPv6.parse(s);
  return undefined;
}

export function parseCidr(s: string): { ip: Addr; bits: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const bits = Number(m[2]);
  if (!ip || bits > (ip.kind() === 'ipv4' ? 32 : 128)) return undefined;
  return { ip, bits };
}

const toBig = (ip: Addr): bigint => ip.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
const width = (ip: Addr) => (ip.kind() === 'ipv4' ? 32 : 128);

export function networkOf(c: { ip: Addr; bits: number }): { first: bigint; last: bigint; text: string } {
  const w = width(c.ip);
  const size = 1n << BigInt(w - c.bits);
  const first = (toBig(c.ip) / size) * size;
  const bytes: number[] = [];
  for (let i = w / 8 - 1, v = first; i >= 0; i--, v >>= 8n) bytes[i] = Number(v & 255n);
  const net = ipaddr.fromByteArray(bytes);
  return { first, last: first + size - 1n, text: `${net.toString()}/${c.bits}` };
}

export function ipamRules(ipam: Node, type: string, version: string, add: Add, summary: CniSummary): void {
  for (const r of prop(ipam, 'routes')?.value.children ?? []) {
    const dst = str(prop(r, 'dst')?.value);
    if (dst) summary.routes.push(dst);
  }
  if (type === 'dhcp') {
    add('ipam/dhcp-daemon', 'info', '`dhcp` IPAM needs the CNI DHCP daemon running on every node and a DHCP server on this segment.', prop(ipam, 'type')!.value);
    return;
  }
  if (type === 'host-local') hostLocal(ipam, version, add, summary);
  else if (type === 'whereabouts') whereabouts(ipam, add, summary);
  else if (type === 'static') {
    for (const a of prop(ipam, 'addresses')?.value.children ?? []) {
      const v = prop(a, 'address')?.value;
      const s = str(v);
      if (v && s !== undefined) {
        if (!parseCidr(s)) add('ipam/invalid-cidr', 'error', `"${s}" is not an address in CIDR notation (e.g. 10.1.2.3/24).`, v);
        else summary.ranges.push({ cidr: s, start: v.offset, end: v.offset + v.length });
      }
    }
  }
}

function hostLocal(ipam: Node, version: string, add: Add, summary: CniSummary): void {
  const sets: Node[][] = [];
  if (prop(ipam, 'subnet')) sets.push([ipam]);
  for (const set of prop(ipam, 'ranges')?.value.children ?? []) if (set.type === 'array') sets.push((set.children ?? []).filter((r) => r.type === 'object'));
  if (!sets.length) {
    add('ipam/no-range', 'error', '`host-local` needs a `subnet` or `ranges`.', prop(ipam, 'type')!.value);
    return;
  }
  const all: { first: bigint; last: bigint; v6: boolean; node: Node }[] = [];
  for (const set of sets) {
    const fam = new Set<boolean>();
    for (const r of set) {
      const sn = prop(r, 'subnet')?.value;
      const s = str(sn);
      if (!sn || s === undefined) continue;
      const c = parseCidr(s);
      if (!c) {
        add('ipam/invalid-cidr', 'error', `"${s}" is not a valid subnet in CIDR notation.`, sn);
        continue;
      }
      summary.ranges.push({ cidr: s, start: sn.offset, end: sn.offset + sn.length });
      const net = networkOf(c);
      const v6 = c.ip.kind() === 'ipv6';
      if (toBig(c.ip) !== net.first) add('ipam/host-bits', 'error', `Subnet "${s}" has host bits set; host-local rejects it. Use the network address ${net.text}.`, sn, { networkAddress: net.text });
      if ((!v6 && c.bits > 30) || (v6 && c.bits > 126)) add('ipam/subnet-too-small', 'error', `Subnet "${s}" is too small for host-local (at most /30 for IPv4, /126 for IPv6).`, sn);
      if (fam.size && !fam.has(v6)) add('ipam/range-overlap', 'error', 'One range set mixes IPv4 and IPv6; put each family in its own set.', sn);
      fam.add(v6);
      const bounds: Record<string, bigint> = {};
      for (const f of ['rangeStart', 'rangeEnd', 'gateway']) {
        const vn = prop(r, f)?.value;
        const vs = str(vn);
        if (!vn || vs === undefined) continue;
        const ip = parseIp(vs);
        if (!ip) {
          add('ipam/invalid-cidr', 'error', `\`${f}\` "${vs}" is not an IP address.`, vn);
          continue;
        }
        if ((ip.kind() === 'ipv6') !== v6) {
          add('ipam/mixed-family', 'error', `\`${f}\` "${vs}" is not of the same IP family as subnet "${s}".`, vn);
          continue;
        }
        const b = toBig(ip);
        bounds[f] = b;
        if (b < net.first || b > net.last) {
          if (f === 'gateway') add('ipam/gateway-outside', 'warning', `Gateway "${vs}" is outside subnet ${net.text}: host-local accepts it, but the route will not work.`, vn);
          else add('ipam/range-bounds', 'error', `\`${f}\` "${vs}" lies outside subnet ${net.text}.`, vn);
        }
      }
      if (bounds.rangeStart !== undefined && bounds.rangeEnd !== undefined && bounds.rangeStart > bounds.rangeEnd) {
        add('ipam/range-bounds', 'error', '`rangeStart` is after `rangeEnd`.', prop(r, 'rangeStart')!.value);
      }
      for (const o of all) {
        if (o.v6 === v6 && o.first <= net.last && net.first <= o.last) {
          add('ipam/range-overlap', 'error', `Subnet "${s}" overlaps another range of this IPAM config.`, sn);
          break;
        }
      }
      all.push({ first: net.first, last: net.last, v6, node: sn });
    }
  }
  void version;
}

function whereabouts(ipam: Node, add: Add, summary: CniSummary): void {
  const rangeNode = prop(ipam, 'range')?.value;
  const ipRanges = prop(ipam, 'ipRanges')?.value;
  if (!rangeNode && !ipRanges) {
    add('ipam/no-range', 'error', 'whereabouts needs `range` (or `ipRanges`).', prop(ipam, 'type')!.value);
    return;
  }
  const check = (obj: Node, top: boolean) => {
    const rn = prop(obj, 'range')?.value;
    const rs = str(rn);
    if (!rn || rs === undefined) return;
    const m = /^(?:([^-]+)-)?(.+)$/.exec(rs)!;
    const c = parseCidr(m[2]);
    if (!c || (m[1] && !parseIp(m[1]))) {
      add('ipam/invalid-cidr', 'error', `whereabouts \`range\` "${rs}" must be a CIDR (e.g. 192.168.2.0/24) or first-IP-CIDR (192.168.2.10-192.168.2.0/24).`, rn);
      return;
    }
    summary.ranges.push({ cidr: m[2], start: rn.offset, end: rn.offset + rn.length });
    const net = networkOf(c);
    const v6 = c.ip.kind() === 'ipv6';
    if (toBig(c.ip) !== net.first && !m[1]) add('ipam/host-bits', 'warning', `Range "${rs}" has host bits set; whereabouts uses ${net.text}. Write the network address.`, rn, { networkAddress: net.text });
    const inside = (f: string, code: string, sev: Severity) => {
      const vn = prop(obj, f)?.value;
      const vs = str(vn);
      if (!vn || vs === undefined) return;
      const isCidr = vs.includes('/');
      const ip = isCidr ? parseCidr(vs)?.ip : parseIp(vs);
      if (!ip) {
        add(f === 'exclude' ? 'ipam/invalid-cidr' : 'ipam/invalid-cidr', 'error', `\`${f}\` "${vs}" is not ${isCidr ? 'a CIDR' : 'an IP address'}.`, vn);
        return;
      }
      if ((ip.kind() === 'ipv6') !== v6) {
        add('ipam/mixed-family', 'error', `\`${f}\` "${vs}" is not of the same IP family as range "${rs}".`, vn);
        return;
      }
      const b = toBig(ip);
      if (b < net.first || b > net.last) add(code, sev, `\`${f}\` "${vs}" lies outside range ${net.text}.`, vn);
    };
    inside('range_start', 'ipam/range-bounds', 'error');
    inside('range_end', 'ipam/range-bounds', 'error');
    inside('gateway', 'ipam/gateway-outside', 'warning');
    for (const ex of prop(obj, 'exclude')?.value.children ?? []) {
      const es = str(ex);
      if (es === undefined) continue;
      const ec = es.includes('/') ? parseCidr(es) : parseIp(es) ? { ip: parseIp(es)!, bits: width(parseIp(es)!) } : undefined;
      if (!ec) add('ipam/invalid-cidr', 'error', `exclude entry "${es}" is neither a CIDR nor an IP address.`, ex);
      else {
        const en = networkOf(ec);
        if ((ec.ip.kind() === 'ipv6') !== v6 || en.last < net.first || en.first > net.last) add('ipam/exclude-outside', 'warning', `exclude "${es}" lies outside range ${net.text}; it excludes nothing.`, ex);
      }
    }
    void top;
  };
  if (rangeNode) check(ipam, true);
  for (const r of ipRanges?.children ?? []) check(r, false);
  if (!rangeNode && ipRanges && prop(ipam, 'exclude')) {
    add('ipam/exclude-ignored', 'warning', 'whereabouts ignores a top-level `exclude` when only `ipRanges` is used; move it into each `ipRanges` entry.', prop(ipam, 'exclude')!.key);
  }
}
