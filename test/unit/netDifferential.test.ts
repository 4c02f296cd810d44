// Differential test of the one IP/CIDR module (server/src/core/net/ip.ts) against Go itself: the
// verdicts in test/fixtures/net/go-verdicts.json were printed by scripts/go-cidr-cases/main.go
// (net.ParseIP, net.ParseCIDR, IPNet.String/Contains/Mask.Size). Add cases there and rerun it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  contains,
  formatIp,
  hasHostBits,
  parseCidr,
  parseCidrOrAddress,
  parseIp,
  parseIpSloppy,
} from '../../server/src/core/net/ip';
import { ROOT } from '../support/shared';

interface IpVerdict {
  input: string;
  ok: boolean;
  string?: string;
  is4?: boolean;
}
interface CidrVerdict {
  input: string;
  ok: boolean;
  ip?: string;
  ipIs4?: boolean;
  net?: string;
  ones?: number;
  bits?: number;
  contains?: Record<string, boolean>;
}
const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/net/go-verdicts.json'), 'utf8')) as {
  go: string;
  ips: IpVerdict[];
  cidrs: CidrVerdict[];
};

/**
 * Where the Go that printed the table (Debian's, older than 1.22) differs from the Go the plugins,
 * Multus and Rook are built with today: since Go 1.22 net.ParseIP/ParseCIDR use netip.ParseAddr,
 * which refuses an IPv6 group of more than four hex digits ("each group must have 4 or less
 * digits"). We follow the newer Go.
 */
const NEWER_GO_REJECTS = new Set(['2001:00db8::1', '2001:00db8::/32']);

test(`net.ParseIP: our parseIp gives Go's verdict, text and family on every case (${table.go})`, () => {
  assert.ok(table.ips.length >= 40);
  for (const v of table.ips) {
    const ip = parseIp(v.input);
    if (NEWER_GO_REJECTS.has(v.input)) {
      assert.equal(v.ok, true, `${v.input}: the table is from a Go before 1.22`);
      assert.equal(ip, undefined, v.input);
      continue;
    }
    assert.equal(ip !== undefined, v.ok, `${JSON.stringify(v.input)}: ok`);
    if (!ip) continue;
    assert.equal(formatIp(ip), v.string, `${v.input}: text`);
    assert.equal(ip.family === 4, v.is4 ?? false, `${v.input}: To4`);
  }
});

test(`net.ParseCIDR: our parseCidr gives Go's verdict, address, network, mask and Contains (${table.go})`, () => {
  assert.ok(table.cidrs.length >= 70);
  let mapped = 0;
  for (const v of table.cidrs) {
    const c = parseCidr(v.input);
    const what = JSON.stringify(v.input);
    if (NEWER_GO_REJECTS.has(v.input)) {
      assert.equal(v.ok, true, `${v.input}: the table is from a Go before 1.22`);
      assert.equal(c, undefined, v.input);
      continue;
    }
    assert.equal(c !== undefined, v.ok, `${what}: ok`);
    if (!c) {
      assert.ok(cidrProblem(v.input).length > 0);
      continue;
    }
    if (/^::ffff:/i.test(v.input)) mapped++;
    // The address as written: Go prints an IPv4-mapped one as a dotted quad.
    const ipText =
      c.ip.family === 6 && c.ip.value >> 32n === 0xffffn
        ? formatIp({ family: 4, value: c.ip.value & 0xffffffffn })
        : formatIp(c.ip);
    assert.equal(ipText, v.ip, `${what}: address`);
    assert.equal(c.network.text, v.net, `${what}: IPNet.String()`);
    assert.deepEqual([c.ones, c.bits], [v.ones ?? 0, v.bits], `${what}: Mask.Size()`);
    for (const [probe, inside] of Object.entries(v.contains ?? {}))
      assert.equal(contains(c.network, parseIp(probe)!), inside, `${what} contains ${probe}`);
  }
  assert.ok(mapped >= 10, 'IPv4-mapped cases are in the table');
});

test('the two divergences the issue named now agree with Go: IPv4-mapped and IPv4-compatible forms', () => {
  const mapped = parseCidr('::ffff:10.1.2.0/120')!;
  assert.deepEqual([mapped.family, mapped.prefix, mapped.network.text], [4, 24, '10.1.2.0/24']);
  assert.ok(!hasHostBits(mapped));
  assert.ok(cidrContains(parseCidr('10.1.0.0/16')!, mapped));
  const compat = parseCidr('::1.2.3.4/96')!;
  assert.deepEqual([compat.family, compat.prefix, compat.network.text], [6, 96, '::/96']);
  assert.ok(hasHostBits(compat));
  // A mapped address with a prefix under /96 is an IPv6 network to Go.
  const wide = parseCidr('::ffff:10.1.2.0/24')!;
  assert.deepEqual([wide.family, wide.network.text], [6, '::/24']);
  assert.ok(hasHostBits(wide));
});

test('sloppy IPv4 (whereabouts, k8s.io/utils/net) reads leading zeros as decimal; strict Go refuses them', () => {
  assert.equal(parseIp('010.1.2.3'), undefined);
  assert.equal(formatIp(parseIpSloppy('010.1.2.3')!), '10.1.2.3');
  assert.equal(parseCidr('010.1.2.0/24'), undefined);
  assert.equal(parseCidr('010.1.2.0/24', true)!.network.text, '10.1.2.0/24');
  assert.equal(parseCidr('10.1.2.0/33', true), undefined);
});

test('containment, overlap, bare addresses and explanations', () => {
  const big = parseCidr('192.168.0.0/16')!;
  const small = parseCidr('192.168.30.0/24')!;
  assert.ok(cidrContains(big, small) && !cidrContains(small, big));
  assert.ok(cidrsOverlap(big, small) && cidrsOverlap(small, big));
  assert.ok(!cidrContains(big, parseCidr('fd00::/64')!));
  assert.ok(!cidrsOverlap(parseCidr('10.0.0.0/25')!, parseCidr('10.0.0.128/25')!));
  assert.equal(parseCidrOrAddress('10.1.2.3')!.network.text, '10.1.2.3/32');
  assert.equal(parseCidrOrAddress('fd00::1')!.network.text, 'fd00::1/128');
  assert.equal(parseCidrOrAddress('::ffff:10.1.2.3')!.network.text, '10.1.2.3/32');
  assert.equal(parseCidrOrAddress('10.1.2'), undefined);
  assert.match(cidrProblem('010.0.0.0/8'), /leading zero/);
  assert.match(cidrProblem('10.0.0.256/24'), /above 255/);
  assert.match(cidrProblem('10.0.0.0/33'), /longer than \/32/);
  assert.match(cidrProblem('fd00::/129'), /longer than \/128/);
  assert.match(cidrProblem('fe80::1%eth0/64'), /zone/);
  assert.match(cidrProblem('2001:00db8::/32'), /more than four hex digits/);
  assert.match(cidrProblem('10.0.0/24'), /not an IPv4 or IPv6 address/);
  assert.match(cidrProblem('10.0.0.0'), /no prefix length/);
  assert.match(cidrProblem(' 10.0.0.0/8'), /spaces/);
});
