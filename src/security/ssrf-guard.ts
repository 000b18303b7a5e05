// The SSRF guard. A webhook URL is chosen by a tenant, but the request leaves from inside our network, so
// Postback sends only to public unicast addresses, unless an operator allows a network (CIDR) or a host name
// in POSTBACK_ALLOW_NETWORKS. Two entry points share one rule:
//   checkAddress: run by the HTTP client at connect time on every address it is about to connect to (IP
//                 literals and every address a name resolves to). This is the guard; it sees DNS answers.
//   checkUrl:     run when a webhook URL is registered or changed, on the URL's host alone, so an obviously
//                 internal URL is refused up front with a clear 422. Names are not resolved here: a name's
//                 addresses can change, and they are checked at connect time anyway.
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseWebhookUrl } from '../domain/webhook-url.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

export type UrlVerdict = { ok: true } | { ok: false; reason: string };

export type AddressPolicy = {
  /** True when connecting to `address` (a canonical IP literal) on behalf of `hostname` is allowed. */
  checkAddress(address: string, family: number, hostname: string): boolean;
  /** Registration-time check of a webhook URL's host; never resolves names. */
  checkUrl(url: string): UrlVerdict;
};

const ALLOW_HINT = 'Postback does not send to private networks. An operator can allow it with POSTBACK_ALLOW_NETWORKS.';

// What each non-public range of ipaddr.js 2.5 (plus our two extras) is, in words for the error message.
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services such as 169.254.169.254 live)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local IPv6 address (fc00::/7)',
  deprecatedSiteLocal: 'a site-local IPv6 address (fec0::/10)',
  rfc6145: 'an IPv4-translated IPv6 address (it embeds an IPv4 address)',
  rfc6052: 'a NAT64 IPv6 address (it embeds an IPv4 address)',
  '6to4': 'a 6to4 IPv6 address (it embeds an IPv4 address)',
  teredo: 'a Teredo IPv6 address (it embeds an IPv4 address)',
  ipv4Compatible: 'an IPv4-compatible IPv6 address (::/96, it embeds an IPv4 address)',
  notGlobalUnicast: 'an IPv6 address outside global unicast (2000::/3)',
};

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * The range an address falls in: 'unicast' for a public address, anything else names why it is blocked.
 * Fails closed: ipaddr.js calls every address outside its special ranges 'unicast', so IPv6 is further held
 * to 2000::/3, the only space IANA allocates for global unicast (this also catches ::/96, which embeds IPv4).
 */
function rangeOf(address: Address): string {
  const range = address.range();
  if (range !== 'unicast' || address.kind() === 'ipv4') return range;
  if (inNetwork(address, IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return inNetwork(address, GLOBAL_UNICAST_V6) ? 'unicast' : 'notGlobalUnicast';
}

export function createAddressPolicy(allow: readonly string[]): AddressPolicy {
  const networks: Network[] = [];
  const hosts = new Set<string>();
  for (const entry of allow) {
    const parsed = parseAllowEntry(entry);
    if (parsed.kind === 'network') networks.push(parsed.network);
    else hosts.add(parsed.host);
  }
  const allowedByNetwork = (raw: Address, processed: Address) =>
    networks.some((network) => inNetwork(raw, network) || inNetwork(processed, network));

  const checkAddress = (address: string, _family: number, hostname: string): boolean => {
    // Fails closed: anything but a canonical IP literal is refused, never guessed at.
    if (net.isIP(address) === 0) return false;
    if (hosts.has(normalizeHost(hostname))) return true;
    const raw = ipaddr.parse(address);
    const processed = ipaddr.process(address); // ::ffff:127.0.0.1 is judged as 127.0.0.1
    return allowedByNetwork(raw, processed) || rangeOf(processed) === 'unicast';
  };

  const checkUrl = (value: string): UrlVerdict => {
    // Fails closed: a URL the sender could not use is refused (the schema has normally refused it already), by the
    // sender's own parser
    const parsed = parseWebhookUrl(value);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    const { url } = parsed.target;
    const host = normalizeHost(url.hostname);
    if (hosts.has(host)) return { ok: true };
    if (host === 'localhost' || host.endsWith('.localhost')) {
      // localhost always means this machine (RFC 6761): allowed only where the operator allowed loopback.
      if (checkAddress('127.0.0.1', 4, '') || checkAddress('::1', 6, '')) return { ok: true };
      return { ok: false, reason: `${url.hostname} is this machine (a loopback address); ${ALLOW_HINT}` };
    }
    // A name passes here: its addresses are checked at connect time, on every attempt.
    // Odd IPv4 spellings (127.1, 0x7f000001, 2130706433, 0177.0.0.1) are already canonical: WHATWG URL parsing
    // normalizes every http(s) IPv4 host, so net.isIP sees 127.0.0.1.
    if (net.isIP(host) === 0) return { ok: true };
    if (checkAddress(host, net.isIP(host), host)) return { ok: true };
    return { ok: false, reason: `${url.hostname} is ${describeAddress(host)}; ${ALLOW_HINT}` };
  };

  return { checkAddress, checkUrl };
}

/** Whether `address` (an IP literal; IPv4-mapped IPv6 judged as its IPv4) is public: what the guard sends to by default. */
export function isPublicAddress(address: string): boolean {
  return net.isIP(address) !== 0 && rangeOf(ipaddr.process(address)) === 'unicast';
}

/** Comma-separated CIDRs and single IP addresses, no host names; throws on anything else (a typo stops start-up). */
export function parseNetworkList(raw: string): string[] {
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (parseAllowEntry(entry).kind !== 'network') throw new Error(`"${entry}" is not an IP address or a CIDR; write them like 10.0.0.5, 10.0.0.0/8 or fd00::/8`);
  }
  return entries;
}

/** Whether an IP literal is in one of `entries` (from parseNetworkList), as written or IPv4-mapped. */
export function networkMatcher(entries: readonly string[]): (address: string) => boolean {
  const networks = entries.map((entry) => parseAllowEntry(entry)).flatMap((parsed) => (parsed.kind === 'network' ? [parsed.network] : []));
  return (address) => net.isIP(address) !== 0 && networks.some((network) => inNetwork(ipaddr.parse(address), network) || inNetwork(ipaddr.process(address), network));
}

/** "a loopback address", or "an IPv4-mapped form of 127.0.0.1, a loopback address". */
function describeAddress(host: string): string {
  const processed = ipaddr.process(host);
  const words = RANGE_WORDS[rangeOf(processed)] ?? `a special-purpose address (${rangeOf(processed)})`;
  return processed.kind() === 'ipv4' && net.isIPv6(host) ? `an IPv4-mapped form of ${processed.toString()}, ${words}` : words;
}

/**
 * POSTBACK_ALLOW_NETWORKS: comma-separated CIDRs, single IP addresses and host names. Throws on a malformed
 * entry (fails closed: a typo must stop start-up, not silently allow nothing or everything).
 */
export function parseAllowNetworks(raw: string): string[] {
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) parseAllowEntry(entry);
  return entries;
}

type AllowEntry = { kind: 'network'; network: Network } | { kind: 'host'; host: string };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function parseAllowEntry(entry: string): AllowEntry {
  if (entry.includes('/')) {
    // IPv4 only in four decimal parts: ipaddr.js would read "10.0.0/8" as 10.0.0.0/8, a guess we refuse to make.
    if (ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || (entry.includes(':') && ipaddr.IPv6.isValidCIDR(entry))) {
      return { kind: 'network', network: ipaddr.parseCIDR(entry) };
    }
    throw new Error(`"${entry}" is not a valid CIDR; write networks like 10.0.0.0/8, 127.0.0.1/32 or ::1/128`);
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(entry)) return { kind: 'network', network: [ipaddr.parse(entry), 32] };
  if (entry.includes(':')) {
    if (ipaddr.IPv6.isValid(entry)) return { kind: 'network', network: [ipaddr.parse(entry), 128] };
    throw new Error(`"${entry}" is not a valid IPv6 address; write networks like ::1/128 or fd00::/8`);
  }
  const host = normalizeHost(entry);
  if (/^[\d.]+$/.test(host) || !HOST_NAME.test(host)) {
    throw new Error(`"${entry}" is neither a CIDR (10.0.0.0/8, ::1/128) nor a host name (receiver.internal)`);
  }
  return { kind: 'host', host };
}

/** Lower case, without IPv6 brackets or a trailing dot: "Receiver.Internal." and "receiver.internal" are one host. */
function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

function inNetwork(address: Address, [base, bits]: Network): boolean {
  return address.kind() === base.kind() && address.match(base, bits);
}
