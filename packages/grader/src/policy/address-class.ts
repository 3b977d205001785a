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
  | 'metadata';

export interface ClassifiedAddress {
  /** Canonical text form (`127.0.0.1`, `::1`). */
  address: string;
  family: 4 | 6;
  class: AddressClass;
  /** For IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4): the address inside. */
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

/**
 * Classifies an IP address. IPv6 forms that embed an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d,
 * 64:ff9b::/96, 2002::/16) take the class of the address inside.
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
  const embedded = embeddedIpv4(ipv6);
  if (embedded)
    return { address, family: 6, class: classifyIpv4(embedded), embeddedIpv4: embedded.toString() };
  return { address, family: 6, class: IPV6_CLASSES[ipv6.range()] ?? 'reserved' };
}

function classifyIpv4(ipv4: ipaddr.IPv4): AddressClass {
  if (METADATA_ADDRESSES.has(ipv4.toString())) return 'metadata';
  return IPV4_CLASSES[ipv4.range()] ?? 'reserved';
}

function embeddedIpv4(ipv6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = ipv6.range();
  const parts = ipv6.parts;
  const fromWords = (high: number | undefined, low: number | undefined) =>
    new ipaddr.IPv4([(high ?? 0) >> 8, (high ?? 0) & 0xff, (low ?? 0) >> 8, (low ?? 0) & 0xff]);
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d (ipaddr also files ::a.b.c.d here)
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64)
      return fromWords(parts[6], parts[7]);
    case '6to4': // 2002:aabb:ccdd::
      return fromWords(parts[1], parts[2]);
    default:
      return undefined;
  }
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
