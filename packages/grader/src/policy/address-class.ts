import ipaddr from 'ipaddr.js';

/** What kind of network an address belongs to; only `public` is reachable under the strict policy. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'unique-local'
  | 'ipv4-embedding'
  | 'metadata';

export interface ClassifiedAddress {
  /** Canonical text form (`127.0.0.1`, `::1`). */
  address: string;
  family: 4 | 6;
  class: AddressClass;
  /** For IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4): the address inside. */
  embeddedIpv4?: string;
}

/** Cloud instance-metadata endpoints: refused even when a broader allow-list range covers them. */
export const METADATA_ADDRESSES: ReadonlySet<string> = new Set([
  '169.254.169.254', // AWS, GCP, Azure, DigitalOcean, Oracle, OpenStack
  '169.254.170.2', // AWS ECS task metadata
  '169.254.169.253', // AWS DNS resolver
  '100.100.100.200', // Alibaba Cloud
  '168.63.129.16', // Azure WireServer (a public address)
  '192.0.0.192', // Oracle Cloud (legacy)
  'fd00:ec2::254', // AWS over IPv6
  'fd00:ec2::23', // AWS DNS over IPv6
]);

const IPV4_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade-nat',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
};

const IPV6_CLASSES: Record<string, AddressClass> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
};

/** True for any literal form an address can take in a URL's host after WHATWG parsing. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

// Deprecated (RFC 4291 2.5.5.1); ipaddr.js calls it unicast, so [::127.0.0.1] would pass as public.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
// Local-use NAT64 (RFC 8215): where the IPv4 address sits depends on the operator's prefix length.
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');
// IANA's global unicast space: anything outside it that ipaddr.js calls unicast is unassigned.
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * Classifies an IP address. IPv6 forms that embed an IPv4 address take the class of the address
 * inside (IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96, 6to4
 * 2002::/16); IPv4-compatible ::/96 and Teredo 2001::/32 are `ipv4-embedding`, local-use NAT64
 * 64:ff9b:1::/48 is `private`.
 * @example classifyAddress('::ffff:127.0.0.1').class // => 'loopback'
 */
export function classifyAddress(text: string): ClassifiedAddress {
  const parsed = ipaddr.parse(stripBrackets(text));
  if (parsed.kind() === 'ipv4') {
    const address = parsed.toString();
    return { address, family: 4, class: classifyIpv4(parsed as ipaddr.IPv4) };
  }
  const ipv6 = parsed as ipaddr.IPv6;
  const address = ipv6.toString();
  if (METADATA_ADDRESSES.has(address)) return { address, family: 6, class: 'metadata' };
  const range = ipv6.range();
  const known = IPV6_CLASSES[range];
  if (known && known !== 'public') return { address, family: 6, class: known };
  // ::/96 (bar :: and ::1 above) is refused whatever it carries: deprecated, and nothing routes it.
  if (ipv6.match(IPV4_COMPATIBLE)) {
    const inner = embeddedIpv4(ipv6).toString();
    return { address, family: 6, class: 'ipv4-embedding', embeddedIpv4: inner };
  }
  // Teredo is refused: its client address is XOR-ed and reached through a relay we cannot judge.
  if (range === 'teredo') return { address, family: 6, class: 'ipv4-embedding' };
  // Local-use NAT64 is the operator's own network: private, so only an allow-list entry opens it.
  if (ipv6.match(LOCAL_NAT64)) return { address, family: 6, class: 'private' };
  // Mapped, translated, well-known NAT64 and 6to4 deliver to the IPv4 address inside: judge that.
  if (['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4'].includes(range)) {
    const inner = range === '6to4' ? fromWords(ipv6.parts[1], ipv6.parts[2]) : embeddedIpv4(ipv6);
    return { address, family: 6, class: classifyIpv4(inner), embeddedIpv4: inner.toString() };
  }
  if (known === 'public' && !ipv6.match(GLOBAL_UNICAST)) return { address, family: 6, class: 'reserved' };
  return { address, family: 6, class: known ?? 'reserved' };
}

function classifyIpv4(ipv4: ipaddr.IPv4): AddressClass {
  if (METADATA_ADDRESSES.has(ipv4.toString())) return 'metadata';
  return IPV4_CLASSES[ipv4.range()] ?? 'reserved';
}

/** The IPv4 address in the last 32 bits, where ::/96, ::ffff:0:0/96, ::ffff:0:0:0/96 and NAT64 /96 keep it. */
function embeddedIpv4(ipv6: ipaddr.IPv6): ipaddr.IPv4 {
  return fromWords(ipv6.parts[6], ipv6.parts[7]);
}

function fromWords(high: number | undefined, low: number | undefined): ipaddr.IPv4 {
  return new ipaddr.IPv4([(high ?? 0) >> 8, (high ?? 0) & 0xff, (low ?? 0) >> 8, (low ?? 0) & 0xff]);
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address (as /32 or /128). */
export function parseCidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** True when `address` lies in `cidr` (IPv4-mapped IPv6 addresses match IPv4 ranges). */
export function isInCidr(address: string, cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  let parsed = ipaddr.parse(stripBrackets(address));
  if (
    parsed.kind() === 'ipv6' &&
    (parsed as ipaddr.IPv6).isIPv4MappedAddress() &&
    cidr[0].kind() === 'ipv4'
  ) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() !== cidr[0].kind()) return false;
  return parsed.match(cidr);
}
