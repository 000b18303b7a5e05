// The unit per-address limits count by (failed authentications, open connections).
import ipaddr from 'ipaddr.js';

/**
 * An IPv4 address as it is; an IPv6 address by its /64, because one host commonly holds a whole /64 and would
 * otherwise get 2^64 budgets; IPv4-mapped IPv6 (::ffff:1.2.3.4) as the IPv4 address it is. Text that is not an
 * address (none is expected from a socket) counts as itself.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}
