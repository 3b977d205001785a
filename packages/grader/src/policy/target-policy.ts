import { lookup } from 'node:dns/promises';
import {
  type AddressClass,
  type ClassifiedAddress,
  classifyAddress,
  isInCidr,
  isIpLiteral,
  parseCidr,
  stripBrackets,
} from './address-class';
import { PolicyRefusal } from './policy-refusal';
import type { TargetPolicyMode } from './types';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; tests inject one so no DNS query leaves the machine. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface TargetPolicyOptions {
  mode: TargetPolicyMode;
  /** CIDRs (or single addresses) the operator allows although they are not public, e.g. `10.1.0.0/16`. */
  allow?: readonly string[];
  resolve?: Resolver;
}

export type AddressVerdict =
  | { isAllowed: true; address: ClassifiedAddress }
  | { isAllowed: false; address: ClassifiedAddress; reason: string };

/** A target the policy accepted: the addresses to connect to, fixed once (no DNS rebinding). */
export interface ResolvedTarget {
  url: URL;
  /** The URL's host name without brackets (for SNI and messages). */
  hostname: string;
  /** Allowed addresses to try in order, IPv4 first. */
  addresses: readonly ClassifiedAddress[];
}

/** Names that reach cloud metadata services or mean "this machine". */
const METADATA_NAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

const CLASS_WORDS: Record<AddressClass, string> = {
  public: 'a public address',
  loopback: 'a loopback address (this machine)',
  private: 'a private-network address',
  'link-local': 'a link-local address',
  'carrier-grade-nat': 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  'unique-local': 'an IPv6 unique-local address',
  'ipv4-embedding': 'an IPv6 form that hides an IPv4 address (IPv4-compatible or Teredo)',
  metadata: 'a cloud metadata address',
};

export const defaultResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * Decides which addresses the grader may reach. `loopback-allowed` (the CLI) accepts public and
 * loopback addresses; `strict` (server-side grading) accepts public addresses only. Both refuse
 * private, link-local, CGNAT, multicast, reserved, ULA and metadata addresses unless allow-listed;
 * metadata addresses need an allow-list entry for that exact address.
 * @example
 * const policy = createTargetPolicy({ mode: 'strict' });
 * const target = await policy.resolveTarget('https://learner.example.com'); // throws PolicyRefusal if inside
 */
export class TargetPolicy {
  readonly mode: TargetPolicyMode;
  private readonly allowList: ReturnType<typeof parseCidr>[];
  private readonly resolve: Resolver;

  constructor(options: TargetPolicyOptions) {
    this.mode = options.mode;
    this.allowList = (options.allow ?? []).map((cidr) => {
      try {
        return parseCidr(cidr);
      } catch {
        throw new TypeError(`"${cidr}" is not an address or CIDR range`);
      }
    });
    this.resolve = options.resolve ?? defaultResolver;
  }

  /** Judges one address in any literal form. */
  checkAddress(text: string): AddressVerdict {
    let address: ClassifiedAddress;
    try {
      address = classifyAddress(text);
    } catch {
      return {
        isAllowed: false,
        address: { address: text, family: 4, class: 'reserved' },
        reason: `"${text}" is not an IP address`,
      };
    }
    if (this.isAllowListed(address)) return { isAllowed: true, address };
    if (address.class === 'public') return { isAllowed: true, address };
    if (
      this.mode === 'loopback-allowed' &&
      (address.class === 'loopback' || address.class === 'unspecified')
    ) {
      return { isAllowed: true, address };
    }
    const scope =
      this.mode === 'strict'
        ? 'server-side grading only reaches public addresses'
        : 'the grader only reaches this machine or public addresses';
    return {
      isAllowed: false,
      address,
      reason: `${address.address} is ${CLASS_WORDS[address.class]}; ${scope}`,
    };
  }

  /**
   * Parses the URL (every literal address form is normalised by the WHATWG parser), resolves the
   * host once and returns the allowed addresses to pin. Throws PolicyRefusal without connecting.
   */
  async resolveTarget(input: string | URL): Promise<ResolvedTarget> {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new PolicyRefusal(`"${String(input)}" is not a valid URL`);
    }
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
      throw new PolicyRefusal(`${url.protocol} URLs are not allowed; use http or https`);
    }
    if (url.username || url.password)
      throw new PolicyRefusal('URLs with a user name or password are not allowed');
    const hostname = stripBrackets(url.hostname);
    if (isIpLiteral(hostname)) {
      return { url, hostname, addresses: [this.requireAllowed(hostname, hostname)] };
    }
    this.checkHostname(hostname);
    let resolved: readonly ResolvedAddress[];
    try {
      resolved = await this.resolve(hostname);
    } catch {
      throw new PolicyRefusal(`the name ${hostname} does not resolve`, { isUnresolvable: true });
    }
    if (resolved.length === 0)
      throw new PolicyRefusal(`the name ${hostname} does not resolve`, { isUnresolvable: true });
    // Every answer must be allowed: a name with one public and one inside address is refused.
    const addresses = resolved.map((entry) => this.requireAllowed(entry.address, hostname));
    return { url, hostname, addresses: [...addresses].sort((a, b) => a.family - b.family) };
  }

  /**
   * Judges a redirect's Location (relative to the URL that answered) without connecting, for checks
   * that want to follow one hop themselves.
   */
  async resolveRedirect(
    location: string,
    from: string | URL,
  ): Promise<{ isAllowed: true; target: ResolvedTarget } | { isAllowed: false; reason: string }> {
    let url: URL;
    try {
      url = new URL(location, from);
    } catch {
      return { isAllowed: false, reason: `the Location "${location}" is not a valid URL` };
    }
    try {
      return { isAllowed: true, target: await this.resolveTarget(url) };
    } catch (error) {
      if (error instanceof PolicyRefusal) return { isAllowed: false, reason: error.message };
      throw error;
    }
  }

  private checkHostname(hostname: string): void {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (METADATA_NAMES.has(name)) throw new PolicyRefusal(`${hostname} is a cloud metadata service`);
    if (this.mode === 'strict' && (name === 'localhost' || name.endsWith('.localhost'))) {
      throw new PolicyRefusal(
        `${hostname} is this machine; server-side grading only reaches public addresses`,
      );
    }
    if (this.mode === 'strict' && name.endsWith('.internal')) {
      throw new PolicyRefusal(
        `${hostname} is an internal name; server-side grading only reaches public addresses`,
      );
    }
  }

  private requireAllowed(address: string, hostname: string): ClassifiedAddress {
    const verdict = this.checkAddress(address);
    if (verdict.isAllowed) return verdict.address;
    const via = stripBrackets(hostname) === address ? '' : ` (${hostname} resolves to it)`;
    throw new PolicyRefusal(`${verdict.reason}${via}`);
  }

  private isAllowListed(address: ClassifiedAddress): boolean {
    return this.allowList.some((cidr) => {
      const isExactHost = cidr[1] === (cidr[0].kind() === 'ipv4' ? 32 : 128);
      if (address.class === 'metadata' && !isExactHost) return false;
      return isInCidr(address.address, cidr);
    });
  }
}

/** @example createTargetPolicy({ mode: 'loopback-allowed' }) */
export function createTargetPolicy(options: TargetPolicyOptions): TargetPolicy {
  return new TargetPolicy(options);
}
