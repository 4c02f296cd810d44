// IPAM checks: whether a plugin that needs addresses has an IPAM, and the address math of the
// host-local, static and whereabouts configs (subnets, ranges, gateways, excludes, routes) as
// their Go code reads them. Also collects the ranges and routes for the cross-file rules.
import type { Node } from 'jsonc-parser';
import { CHAINED_ONLY, type PluginEntry, typeNameFindings } from './configShape';
import type { Findings } from './findings';
import { field, items, members, setValue, spanOf, str } from './jsonNodes';
import {
  cidrProblem,
  contains,
  type Family,
  familyName,
  formatIp,
  hasHostBits,
  type Ip,
  ipProblem,
  type Network,
  networkOf,
  parseCidr,
  parseCidrOrAddress,
  parseIp,
  parseIpSloppy,
} from '../net/ip';
import { dnsNameservers } from './pluginRules';
import { schemaIpamTypes } from './schemaRegistry';

/** Above this many networks on one interface (a hostile config), routes are not checked against them. */
const MAX_NETWORKS = 256;

/** Main plugins that fail without an IPAM `type` (ipvlan only when it is not chained). */
const NEEDS_IPAM = ['vlan', 'ptp', 'dummy'];
/** Reference plugins that work without IPAM (layer 2 only): worth a note. */
const LAYER2_NOTE = ['macvlan', 'bridge', 'host-device'];

/**
 * Main plugins that rewrite their IPAM config before running it: Antrea fills host-local's ranges
 * from the node's pod CIDRs, Calico replaces "usePodCidr". What they fill in is not reported.
 */
const RUNTIME_FILLED_IPAM: Readonly<Record<string, readonly string[]>> = {
  antrea: ['host-local'],
  calico: ['host-local'],
};

export interface IpamContext {
  isList: boolean;
  extraIpamTypes?: string[];
}

/** What the IPAM of one plugin yields, for the summary and the version rules. */
export interface IpamResult {
  type?: string;
  /** Address ranges/subnets as written (CIDR text), with the JSON span of the value. */
  ranges: { cidr: string; start: number; end: number }[];
  routes: string[];
  /** Per family, the nodes that each give the pod one address (for the ≥0.3.0 rule). */
  addresses: Record<Family, Node[]>;
}

interface Gateway {
  ip: Ip;
  node: Node;
  /** The subnet/range the gateway belongs to, when it lies outside it. */
  outsideOf?: Network;
}

/** Collects what one IPAM config connects the interface to, and reports on it. */
class IpamCheck {
  readonly result: IpamResult;
  private readonly connected: Network[] = [];
  private readonly gateways: Gateway[] = [];

  constructor(
    readonly ipam: Node,
    readonly type: string,
    readonly f: Findings,
  ) {
    this.result = { type, ranges: [], routes: [], addresses: { 4: [], 6: [] } };
  }

  range(text: string, node: Node, net: Network, cidr?: string): void {
    this.result.ranges.push({ cidr: cidr ?? text, ...spanOf(node) });
    this.connected.push(net);
  }

  address(family: Family, node: Node): void {
    this.result.addresses[family].push(node);
  }

  /** A gateway of the IPAM result; `own` is the network it should lie in. */
  gateway(ip: Ip, node: Node, own: Network): void {
    const outside = !contains(own, ip);
    this.gateways.push({ ip, node, outsideOf: outside ? own : undefined });
  }

  /** Routes: valid CIDR destinations, no host bits, and next hops on a connected network. */
  routes(): void {
    const gatewayless = new Set<Family>();
    for (const r of items(setValue(field(this.ipam, 'routes')))) {
      const dst = setValue(field(r, 'dst'));
      const ds = str(dst);
      let family: Family | undefined;
      if (dst && ds !== undefined) {
        this.result.routes.push(ds);
        const c = parseCidr(ds);
        if (!c) {
          this.f.error(
            'ipam/invalid-cidr',
            `Route destination "${ds}" ${cidrProblem(ds)}: the plugin rejects the config ("invalid CIDR address"). Write it like "10.20.0.0/16" (or "0.0.0.0/0" for a default route).`,
            dst,
          );
        } else {
          family = c.family;
          if (hasHostBits(c)) {
            const net = networkOf(c).text;
            this.f.error(
              'ipam/host-bits',
              `Route destination "${ds}" has host bits set: the kernel refuses the route ("invalid argument"), so the pod fails to start. Use the network address ${net}.`,
              dst,
              { networkAddress: net },
            );
          }
        }
      }
      const gwNode = setValue(field(r, 'gw'));
      const gs = str(gwNode);
      const special = setValue(field(r, 'table')) || setValue(field(r, 'scope'));
      // Go decodes "" into a nil net.IP: an empty gateway means "not set" (the plugins accept it).
      if (gwNode && gs !== undefined && gs !== '') {
        const ip = parseIp(gs);
        if (!ip) {
          this.f.error(
            'ipam/invalid-cidr',
            `Route gateway "${gs}" ${ipProblem(gs)}: the plugin rejects the config ("invalid IP address"). Write an IP address.`,
            gwNode,
          );
        } else if (family && ip.family !== family) {
          this.f.error(
            'ipam/mixed-family',
            `Route gateway ${gs} is an ${familyName(ip.family)} address for the ${familyName(family)} destination "${ds}": the kernel refuses the route ("gateway, source, and destination ip are not the same IP family"), so the pod fails to start. Use an ${familyName(family)} gateway, or put the route in the other family's routes.`,
            gwNode,
          );
        } else if (!special && this.knows(ip.family) && !this.reaches(ip)) {
          this.f.error(
            'ipam/gateway-outside',
            `Route gateway ${gs} is not on any network of this interface (${this.networksText(ip.family)}): the kernel refuses the route ("network is unreachable"), so the pod fails to start. Use a gateway inside the subnet.`,
            gwNode,
          );
        }
      } else if (family && !special) gatewayless.add(family);
    }
    // Gateways outside their subnet: harmless unless a route goes through them.
    for (const g of this.gateways) {
      if (!g.outsideOf) continue;
      const where =
        g.ip.family === g.outsideOf.family
          ? `outside ${g.outsideOf.text}`
          : `an ${familyName(g.ip.family)} address for the ${familyName(g.outsideOf.family)} range ${g.outsideOf.text}`;
      const s = formatIp(g.ip);
      if (gatewayless.has(g.ip.family) && this.knows(g.ip.family) && !this.reaches(g.ip)) {
        this.f.error(
          'ipam/gateway-outside',
          `Gateway ${s} is ${where}, and a route without its own gw goes through it: the kernel refuses that route ("network is unreachable"), so the pod fails to start. Use a gateway inside the subnet.`,
          g.node,
        );
      } else {
        this.f.warning(
          'ipam/gateway-outside',
          `Gateway ${s} is ${where}: the IPAM accepts it, but the pod cannot reach it, so routes through it will not work. Use a gateway inside the subnet.`,
          g.node,
        );
      }
    }
  }

  /** Whether the interface's networks of this family are known (and few enough to compare against). */
  private knows(family: Family): boolean {
    return this.connected.length <= MAX_NETWORKS && this.connected.some((n) => n.family === family);
  }

  private reaches(ip: Ip): boolean {
    return this.connected.some((n) => contains(n, ip));
  }

  private networksText(family: Family): string {
    return [...new Set(this.connected.filter((n) => n.family === family).map((n) => n.text))].join(', ');
  }
}

/**
 * The IPAM of one plugin entry. Returns undefined when the plugin has no (typed) IPAM.
 */
export function checkIpam(e: PluginEntry, ctx: IpamContext, f: Findings): IpamResult | undefined {
  if (CHAINED_ONLY.includes(e.type)) return undefined;
  const ipamMember = field(e.node, 'ipam');
  const ipam = setValue(ipamMember);
  if (ipam && ipam.type !== 'object') return undefined; // a schema type error
  const typeNode = setValue(field(ipam, 'type'));
  if (typeNode && typeNode.type !== 'string') return undefined; // a schema type error
  const type = str(typeNode) ?? '';
  if (!type) {
    missingIpam(e, ctx, ipamMember?.key, ipam, f);
    return undefined;
  }
  const check = new IpamCheck(ipam!, type, f);
  if (!schemaIpamTypes.includes(type)) {
    typeNameFindings(type, typeNode!, 'ipam', ctx.extraIpamTypes ?? [], 'its IPAM config', f);
    return check.result;
  }
  if (RUNTIME_FILLED_IPAM[e.type]?.includes(type)) return check.result;
  switch (type) {
    case 'dhcp':
      f.info(
        'ipam/dhcp-daemon',
        `dhcp IPAM needs the CNI DHCP daemon running on every node (the command "dhcp daemon", usually as a DaemonSet) and a DHCP server on this network; without them pods fail with "error dialing DHCP daemon".`,
        typeNode!,
      );
      if (e.type === 'ipvlan') {
        f.warning(
          'ipam/dhcp-ipvlan',
          `ipvlan interfaces share the master's MAC address, so DHCP servers see every pod as the same client and leases collide. Use whereabouts or static IPAM with ipvlan (or macvlan with DHCP).`,
          typeNode!,
        );
      }
      return check.result;
    case 'host-local':
      hostLocal(check, typeNode!);
      break;
    case 'static':
      staticIpam(check);
      break;
    case 'whereabouts':
      whereabouts(check, typeNode!);
      break;
  }
  check.routes();
  dnsNameservers(field(ipam, 'dns')?.value, f);
  return check.result;
}

function missingIpam(
  e: PluginEntry,
  ctx: IpamContext,
  key: Node | undefined,
  ipam: Node | undefined,
  f: Findings,
): void {
  const chained = ctx.isList && e.index > 0;
  const settings = members(ipam).filter((m) => String(m.key.value).toLowerCase() !== 'type');
  if (NEEDS_IPAM.includes(e.type) || (e.type === 'ipvlan' && !chained)) {
    f.error(
      'ipam/missing',
      `${e.type} needs an IPAM config with a type to give the interface an address; without one it fails. Add e.g. "ipam": {"type": "whereabouts", "range": "192.168.10.0/24"}.`,
      key ?? e.typeNode,
    );
  } else if (settings.length) {
    f.warning(
      'ipam/missing',
      `This ipam block has no type, so ${e.type} ignores all of it and the interface gets no IP address. Add the IPAM plugin's type (e.g. "whereabouts"), or use {} for a layer-2-only interface.`,
      key!,
    );
  } else if (!ipam && LAYER2_NOTE.includes(e.type)) {
    f.info(
      'ipam/missing',
      `${e.type} has no ipam: the interface gets no IP address (layer 2 only). If the pod needs one, add e.g. "ipam": {"type": "whereabouts", "range": "192.168.10.0/24"}.`,
      e.typeNode,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// host-local

interface Bounds {
  first: bigint;
  last: bigint;
  family: Family;
  node: Node;
}

function hostLocal(c: IpamCheck, typeNode: Node): void {
  const f = c.f;
  const sets: Node[][] = [];
  let emptySet = false;
  // The legacy single range (subnet, rangeStart, ... at the top) is prepended to `ranges`.
  if (setValue(field(c.ipam, 'subnet'))) sets.push([c.ipam]);
  const ranges = setValue(field(c.ipam, 'ranges'));
  for (const set of items(ranges)) {
    if (set.type !== 'array') continue; // schema type error
    if (!(set.children ?? []).length) {
      emptySet = true;
      f.error(
        'ipam/no-range',
        `An empty range set: host-local rejects it ("empty range set"). Put at least one {"subnet": ...} in it, or remove it.`,
        set,
      );
      continue;
    }
    sets.push((set.children ?? []).filter((r) => r.type === 'object'));
  }
  if (!sets.length) {
    if (!emptySet) {
      f.error(
        'ipam/no-range',
        `host-local has no subnet and no ranges, so it has nothing to allocate from ("no IP ranges specified"). Add e.g. "subnet": "192.168.10.0/24".`,
        ranges ?? typeNode,
      );
    }
    return;
  }
  const all: Bounds[] = [];
  for (const set of sets) {
    let setFamily: Family | undefined;
    for (const r of set) {
      const b = hostLocalRange(c, r);
      if (!b) continue;
      if (setFamily === undefined) {
        setFamily = b.family;
        c.address(b.family, b.node);
      } else if (b.family !== setFamily) {
        f.error(
          'ipam/range-overlap',
          `This range set mixes ${familyName(setFamily)} and ${familyName(b.family)}: host-local rejects it ("mixed address families"). Put each family in its own set (one inner list each).`,
          b.node,
        );
        continue;
      }
      all.push(b);
    }
  }
  const show = (b: Bounds) =>
    `${formatIp({ family: b.family, value: b.first })}–${formatIp({ family: b.family, value: b.last })}`;
  for (const [later, earlier] of overlaps(all)) {
    f.error(
      'ipam/range-overlap',
      `This range (${show(later)}) overlaps an earlier one (${show(earlier)}): host-local rejects overlapping ranges, within a set and across sets. Make them disjoint.`,
      later.node,
    );
  }
}

/**
 * Overlapping ranges as (later, earlier) pairs in document order, one per later range: a sweep
 * over the ranges sorted by start (so a hostile list of many ranges stays fast).
 */
function overlaps(all: Bounds[]): [Bounds, Bounds][] {
  const order = all
    .map((b, i) => ({ b, i }))
    .sort((x, y) => x.b.family - y.b.family || (x.b.first < y.b.first ? -1 : x.b.first > y.b.first ? 1 : x.i - y.i));
  const found = new Map<number, Bounds>();
  let reach: { b: Bounds; i: number } | undefined;
  for (const cur of order) {
    if (reach && reach.b.family === cur.b.family && cur.b.first <= reach.b.last) {
      const [later, earlier] = cur.i > reach.i ? [cur, reach] : [reach, cur];
      if (!found.has(later.i)) found.set(later.i, earlier.b);
    }
    if (!reach || reach.b.family !== cur.b.family || cur.b.last > reach.b.last) reach = cur;
  }
  return [...found.entries()].sort((x, y) => x[0] - y[0]).map(([i, earlier]) => [all[i], earlier]);
}

/** One host-local range: its subnet and bounds (defaults: .1 to the last address before broadcast). */
function hostLocalRange(c: IpamCheck, r: Node): Bounds | undefined {
  const f = c.f;
  const subnet = setValue(field(r, 'subnet'));
  const s = str(subnet);
  if (!subnet || s === undefined) return undefined;
  const cidr = parseCidr(s);
  if (!cidr) {
    f.error(
      'ipam/invalid-cidr',
      `Subnet "${s}" ${cidrProblem(s)}: host-local rejects it. Write a network in CIDR notation, e.g. "192.168.10.0/24".`,
      subnet,
    );
    return undefined;
  }
  const net = networkOf(cidr);
  if (cidr.v4InV6) {
    // Go reads the address as IPv4 (To4) but keeps a 128-bit mask; host-local's canonicalization
    // then fails on the mismatch.
    f.error(
      'ipam/invalid-cidr',
      `Subnet "${s}" is an IPv4 address written in IPv6 form: host-local rejects it ("IPNet IP and Mask version mismatch"). Write the ${familyName(net.family)} network${net.family === 4 ? ` "${net.text}"` : ''} instead.`,
      subnet,
    );
    return undefined;
  }
  c.range(s, subnet, net);
  const family = net.family;
  if (cidr.prefix > (family === 4 ? 30 : 126)) {
    f.error(
      'ipam/subnet-too-small',
      `Subnet "${s}" has no addresses host-local can hand out ("too small to allocate from"): use at most /${family === 4 ? 30 : 126}, e.g. ${formatIp({ family, value: net.first })}/${family === 4 ? 24 : 64}.`,
      subnet,
    );
    return undefined;
  }
  if (hasHostBits(cidr)) {
    f.error(
      'ipam/host-bits',
      `Subnet "${s}" has host bits set: host-local rejects it ("Network has host bits set"). Use the network address ${net.text}.`,
      subnet,
      { networkAddress: net.text },
    );
  }
  const bound = (key: 'rangeStart' | 'rangeEnd'): Ip | undefined => {
    const v = setValue(field(r, key));
    const vs = str(v);
    if (!v || vs === undefined || vs === '') return undefined; // "" is an unset net.IP
    const ip = parseIp(vs);
    if (!ip) {
      f.error(
        'ipam/invalid-cidr',
        `${key} "${vs}" ${ipProblem(vs)}: host-local rejects it. Write an IP address inside ${net.text}.`,
        v,
      );
    } else if (ip.family !== family) {
      f.error(
        'ipam/mixed-family',
        `${key} ${vs} is ${familyName(ip.family)}, but the subnet ${net.text} is ${familyName(family)}: host-local rejects it.`,
        v,
      );
    } else if (!contains(net, ip)) {
      f.error(
        'ipam/range-bounds',
        `${key} ${vs} lies outside the subnet ${net.text}: host-local rejects it ("not in network").`,
        v,
      );
    } else return ip;
    return undefined;
  };
  const start = bound('rangeStart');
  const end = bound('rangeEnd');
  const first = start?.value ?? net.first + 1n;
  const last = end?.value ?? (family === 4 ? net.last - 1n : net.last);
  if (start && end && end.value < start.value) {
    f.error(
      'ipam/range-bounds',
      `rangeEnd ${formatIp(end)} is before rangeStart ${formatIp(start)}: host-local rejects the range. Swap them.`,
      setValue(field(r, 'rangeEnd'))!,
    );
  }
  const gw = setValue(field(r, 'gateway'));
  const gs = str(gw);
  if (gw && gs !== undefined && gs !== '') {
    const ip = parseIp(gs);
    if (!ip)
      f.error(
        'ipam/invalid-cidr',
        `Gateway "${gs}" ${ipProblem(gs)}: host-local rejects it. Write an IP address inside ${net.text}.`,
        gw,
      );
    else c.gateway(ip, gw, net);
  }
  return { first, last: last < first ? first : last, family, node: subnet };
}

// ---------------------------------------------------------------------------------------------
// static

function staticIpam(c: IpamCheck): void {
  const f = c.f;
  for (const a of items(setValue(field(c.ipam, 'addresses')))) {
    const v = setValue(field(a, 'address'));
    const s = str(v);
    if (!v || s === undefined) continue;
    const cidr = parseCidr(s);
    if (!cidr) {
      f.error(
        'ipam/invalid-cidr',
        `Address "${s}" ${cidrProblem(s)}: static IPAM needs the address with its prefix length, e.g. "10.10.0.5/24".`,
        v,
      );
      continue;
    }
    const net = networkOf(cidr);
    c.range(s, v, net);
    c.address(cidr.family, v);
    const gw = setValue(field(a, 'gateway'));
    const gs = str(gw);
    if (gw && gs !== undefined && gs !== '') {
      const ip = parseIp(gs);
      if (!ip)
        f.error(
          'ipam/invalid-cidr',
          `Gateway "${gs}" ${ipProblem(gs)}: static IPAM rejects it ("invalid IP address"). Write an IP address inside ${net.text}.`,
          gw,
        );
      else c.gateway(ip, gw, net);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// whereabouts

function whereabouts(c: IpamCheck, typeNode: Node): void {
  const f = c.f;
  const top = setValue(field(c.ipam, 'range'));
  const topText = str(top);
  const ipRanges = items(setValue(field(c.ipam, 'ipRanges'))).filter((r) => r.type === 'object');
  if (!topText && !ipRanges.length) {
    f.error(
      'ipam/no-range',
      `whereabouts needs a range (or ipRanges) to allocate from. Add e.g. "range": "192.168.10.0/24".`,
      top ?? typeNode,
    );
    return;
  }
  const nets: Network[] = [];
  // The top-level range (with the top-level range_start, range_end and exclude) comes first.
  if (topText) {
    const n = whereaboutsRange(c, c.ipam, top!);
    if (n) nets.push(n);
  }
  for (const r of ipRanges) {
    const rn = setValue(field(r, 'range'));
    if (!rn || str(rn) === undefined || str(rn) === '') {
      f.error(
        'ipam/invalid-cidr',
        `This ipRanges entry has no range: whereabouts rejects it ("invalid CIDR"). Add e.g. "range": "192.168.10.0/24".`,
        rn ?? { start: r.offset, end: r.offset + 1 },
      );
      continue;
    }
    const n = whereaboutsRange(c, r, rn);
    if (n) nets.push(n);
  }
  const gw = setValue(field(c.ipam, 'gateway'));
  const gs = str(gw);
  if (gw && gs) {
    const ip = parseIpSloppy(gs);
    if (!ip)
      f.error(
        'ipam/invalid-cidr',
        `Gateway "${gs}" ${ipProblem(gs)}: whereabouts rejects it ("couldn't parse gateway IP"). Write an IP address.`,
        gw,
      );
    else if (nets.length && !nets.some((n) => contains(n, ip)))
      c.gateway(ip, gw, nets.find((n) => n.family === ip.family) ?? nets[0]);
  }
  const exclude = field(c.ipam, 'exclude');
  if (!topText && setValue(exclude)) {
    f.warning(
      'ipam/exclude-ignored',
      `whereabouts ignores a top-level exclude when the ranges come only from ipRanges, so these addresses can be handed out. Move exclude into each ipRanges entry.`,
      exclude!.key,
    );
  }
  for (const a of items(setValue(field(c.ipam, 'addresses')))) {
    const v = setValue(field(a, 'address'));
    const s = str(v);
    if (!v || s === undefined) continue;
    const cidr = parseCidr(s, true);
    if (!cidr)
      f.error(
        'ipam/invalid-cidr',
        `Address "${s}" ${cidrProblem(s, true)}: whereabouts rejects it ("invalid CIDR in addresses"). Write it like "10.10.0.5/24".`,
        v,
      );
    else {
      c.range(s, v, networkOf(cidr));
      c.address(cidr.family, v);
    }
  }
}

/** One whereabouts range: "CIDR" or "firstIP-CIDR", with its range_start, range_end and exclude. */
function whereaboutsRange(c: IpamCheck, obj: Node, rangeNode: Node): Network | undefined {
  const f = c.f;
  const s = rangeNode.value as string;
  const dash = s.indexOf('-');
  let net: Network;
  let cidrText = s;
  if (dash >= 0) {
    const firstText = s.slice(0, dash);
    cidrText = s.slice(dash + 1);
    const first = parseIpSloppy(firstText);
    const cidr = parseCidr(cidrText, true);
    if (!first || !cidr) {
      const why = !first
        ? `its first address "${firstText}" ${ipProblem(firstText)}`
        : `its CIDR "${cidrText}" ${cidrProblem(cidrText, true)}`;
      f.error(
        'ipam/invalid-cidr',
        `Range "${s}" is neither a CIDR nor first-IP-CIDR: ${why}. whereabouts rejects it; write e.g. "192.168.10.0/24" or "192.168.10.50-192.168.10.0/24".`,
        rangeNode,
      );
      return undefined;
    }
    net = networkOf(cidr);
    if (!contains(net, first)) {
      f.error(
        'ipam/range-bounds',
        `The first address ${firstText} of range "${s}" lies outside ${net.text}: whereabouts rejects it ("invalid range start for CIDR").`,
        rangeNode,
      );
    }
  } else {
    const cidr = parseCidr(s, true);
    if (!cidr) {
      f.error(
        'ipam/invalid-cidr',
        `Range "${s}" ${cidrProblem(s, true)}: whereabouts rejects it ("invalid CIDR"). Write a network in CIDR notation, e.g. "192.168.10.0/24".`,
        rangeNode,
      );
      return undefined;
    }
    net = networkOf(cidr);
    if (hasHostBits(cidr)) {
      f.warning(
        'ipam/host-bits',
        `Range "${s}" has host bits set: whereabouts silently uses the whole network ${net.text}, not addresses from ${formatIp(cidr.ip)} on. Write ${net.text}, and use range_start (or "${formatIp(cidr.ip)}-${net.text}") to start later.`,
        rangeNode,
        { networkAddress: net.text },
      );
    }
  }
  c.range(s, rangeNode, net, cidrText);
  c.address(net.family, rangeNode);
  if (net.prefix > (net.family === 4 ? 30 : 126)) {
    f.error(
      'ipam/subnet-too-small',
      `Range "${s}" has no usable addresses (whereabouts skips the network and broadcast addresses): use at most /${net.family === 4 ? 30 : 126}.`,
      rangeNode,
    );
    return net;
  }
  const usable = { first: net.first + 1n, last: net.last - 1n };
  // range_start and range_end that do not parse or lie outside the range are silently ignored;
  // with the first-IP-CIDR form, the range itself sets both.
  let start = usable.first;
  for (const key of dash >= 0 ? [] : (['range_start', 'range_end'] as const)) {
    const v = setValue(field(obj, key));
    const vs = str(v);
    if (!v || !vs) continue;
    const ip = parseIpSloppy(vs);
    if (!ip) {
      f.warning(
        'ipam/invalid-cidr',
        `${key} "${vs}" ${ipProblem(vs)}: whereabouts silently ignores it and uses the whole range. Write an IP address inside ${net.text}.`,
        v,
      );
    } else if (ip.family !== net.family) {
      f.warning(
        'ipam/mixed-family',
        `${key} ${vs} is ${familyName(ip.family)}, but the range ${net.text} is ${familyName(net.family)}: whereabouts silently ignores it.`,
        v,
      );
    } else if (ip.value < (key === 'range_end' ? start : usable.first) || ip.value > usable.last) {
      const why =
        key === 'range_end' && ip.value >= usable.first && ip.value < start
          ? `is before range_start`
          : `lies outside the usable addresses of ${net.text}`;
      f.warning(
        'ipam/range-bounds',
        `${key} ${vs} ${why}: whereabouts silently ignores it and uses the range up to its ${key === 'range_start' ? 'first' : 'last'} usable address.`,
        v,
      );
    } else if (key === 'range_start') start = ip.value;
  }
  for (const ex of items(setValue(field(obj, 'exclude')))) {
    const es = str(ex);
    if (es === undefined) continue;
    const cidr = es.includes('/') ? parseCidr(es) : parseCidrOrAddress(es);
    if (!cidr) {
      const why = es.includes('/') ? cidrProblem(es) : ipProblem(es);
      f.error(
        'ipam/invalid-cidr',
        `Exclude entry "${es}" ${why}: whereabouts fails at allocation ("could not parse exclude range"). Write a CIDR ("192.168.10.0/28") or a single IP.`,
        ex,
      );
      continue;
    }
    const exNet = networkOf(cidr);
    if (exNet.family !== net.family || exNet.last < net.first || exNet.first > net.last) {
      f.warning(
        'ipam/exclude-outside',
        `Exclude entry "${es}" lies outside the range ${net.text}, so it excludes nothing. Check the addresses.`,
        ex,
      );
    }
  }
  return net;
}
