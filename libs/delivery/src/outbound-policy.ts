import { BlockList, isIP } from 'node:net';
import type { AddressRange } from '@jiebang/config';

/**
 * Where Jiebang may send webhooks, robot messages and e-mail: public addresses only, unless the
 * operator lists a range in OUTBOUND_ALLOW. The ranges below are everything that is not the public
 * internet (IANA special-purpose registries): loopback, private, link-local (the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, documentation, multicast, and the IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4), so none of them can smuggle an inward address.
 */
const NOT_PUBLIC: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'this network'],
  ['10.0.0.0', 8, 'ipv4', 'a private range'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'a private range'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'ipv4', 'documentation'],
  ['192.88.99.0', 24, 'ipv4', '6to4 relay'],
  ['192.168.0.0', 16, 'ipv4', 'a private range'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['198.51.100.0', 24, 'ipv4', 'documentation'],
  ['203.0.113.0', 24, 'ipv4', 'documentation'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['::', 96, 'ipv6', 'IPv4-compatible'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['64:ff9b:1::', 48, 'ipv6', 'NAT64'],
  ['100::', 64, 'ipv6', 'discard'],
  ['2001::', 23, 'ipv6', 'IETF protocol assignments'],
  ['2001:db8::', 32, 'ipv6', 'documentation'],
  ['2002::', 16, 'ipv6', '6to4'],
  ['fc00::', 7, 'ipv6', 'a private range (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

/** Host names that only ever mean something inside: refused whatever they resolve to. */
const INWARD_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/i;

/** Why an address may not be reached, or null when it may. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** The destination policy: which resolved addresses outbound requests may connect to. */
export class OutboundPolicy {
  private readonly allowed = new BlockList();
  private readonly special: Array<{ list: BlockList; reason: string }>;

  constructor(readonly allow: readonly AddressRange[] = []) {
    for (const range of allow) this.allowed.addSubnet(range.address, range.prefix, range.family);
    this.special = NOT_PUBLIC.map(([address, prefix, family, reason]) => {
      const list = new BlockList();
      list.addSubnet(address, prefix, family);
      return { list, reason };
    });
  }

  /** Whether an IP address (v4 or v6, IPv4-mapped IPv6 read as the IPv4 it maps) may be connected to. */
  check(ip: string): AddressVerdict {
    const address = unmapped(ip);
    const version = isIP(address);
    if (version === 0) return { allowed: false, reason: `${ip} is not an IP address` };
    const family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, family)) return { allowed: true };
    const hit = this.special.find(({ list }) => list.check(address, family));
    if (hit) return { allowed: false, reason: `${address} is ${hit.reason}, not a public address (OUTBOUND_ALLOW)` };
    return { allowed: true };
  }

  /**
   * What can be said about a host before resolving it: an IP literal is checked (URL parsing has
   * already turned `2130706433` and `0x7f.1` into 127.0.0.1); a name that only means something
   * inside (`localhost`, `*.internal` such as metadata.google.internal) is refused; other names
   * are checked once resolved.
   */
  checkHost(host: string): AddressVerdict | 'resolve' {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare) !== 0) return this.check(bare);
    if (INWARD_NAMES.test(bare.replace(/\.$/, '')))
      return { allowed: false, reason: `${bare} is a name inside the network, not a public address` };
    return 'resolve';
  }
}

/** `::ffff:127.0.0.1` and `::ffff:7f00:1` as the IPv4 address they carry. */
function unmapped(ip: string): string {
  const match = /^::ffff:(?:0:)?(.+)$/i.exec(ip);
  if (!match) return ip;
  const rest = match[1];
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return ip;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
