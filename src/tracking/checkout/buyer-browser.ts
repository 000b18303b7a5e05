// What the hosted checkout records about the buyer's browser with an order: its IP address, its User-Agent and the
// page the order was placed from. Meta's Conversions API asks website events for all three (client_ip_address,
// client_user_agent, event_source_url). Each is recorded only when the request really says it: a guess would report
// a stranger (a proxy, a test on this machine) as the buyer, so every doubt leaves the value out.
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { isPublicAddress } from '../../security/ssrf-guard.ts';

/** Under the keys the purchase carries them: Hotmart's own `buyer_ip`, and Postback's two beside it. */
export type BuyerBrowser = { buyer_ip?: string; buyer_user_agent?: string; checkout_page_url?: string };

export type OrderRequest = { socketAddress: string | undefined; headers: Record<string, string | string[] | undefined> };

/** Longest User-Agent kept (real ones run to a few hundred characters); a longer one is dropped, not cut: cut, it names no browser. */
export const userAgentMaxLength = 1000;
/** Longest page address kept; a longer one is dropped, not cut. */
export const pageUrlMaxLength = 2000;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** `isTrustedProxy`: whether an address is one of the reverse proxies in front of Postback (POSTBACK_TRUSTED_PROXIES). */
export function buyerBrowserOf(request: OrderRequest, isTrustedProxy: (address: string) => boolean): BuyerBrowser {
  const ip = buyerAddress(request, isTrustedProxy);
  const userAgent = first(request.headers['user-agent'])?.trim();
  const page = pageAddress(first(request.headers.referer));
  return {
    ...(ip ? { buyer_ip: ip } : {}),
    ...(userAgent && userAgent.length <= userAgentMaxLength ? { buyer_user_agent: userAgent } : {}),
    ...(page ? { checkout_page_url: page } : {}),
  };
}

/**
 * The connecting address; or, when that is a trusted proxy, the last address of its X-Forwarded-For chain that is not
 * one (each proxy appends the address it saw, so only the trusted end of the chain is believed). None (fails closed)
 * for a request a proxy that is not trusted forwarded (the connecting address is that proxy's), a trusted proxy that
 * names no client, a hop that is not an IP address, or an address that is not public (a proxy's, or this machine's).
 */
function buyerAddress({ socketAddress, headers }: OrderRequest, isTrustedProxy: (address: string) => boolean): string | undefined {
  if (socketAddress === undefined || net.isIP(socketAddress) === 0) return undefined;
  const forwardedFor = headers['x-forwarded-for'];
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter((hop) => hop !== '');
  let address = socketAddress;
  if (isTrustedProxy(socketAddress)) {
    if (hops.length === 0) return undefined;
    for (let index = hops.length - 1; index >= 0; index--) {
      address = hops[index]!;
      if (net.isIP(address) === 0) return undefined;
      if (!isTrustedProxy(address)) break;
    }
  } else if (hops.length > 0 || headers.forwarded !== undefined) return undefined;
  return isPublicAddress(address) ? ipaddr.process(address).toString() : undefined;
}

/** The Referer as the page's address when it is an absolute http(s) URL, without credentials or fragment (browsers send neither). */
function pageAddress(referer: string | undefined): string | undefined {
  if (referer === undefined || referer.length > pageUrlMaxLength || !URL.canParse(referer)) return undefined;
  const url = new URL(referer);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  return url.href;
}
