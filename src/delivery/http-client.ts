// The one outbound HTTP client of the platform: a keep-alive undici Agent whose connector runs a
// connect-time address check on every address it is about to connect to. Every request to a receiver
// goes through here, so the SSRF guard (security/) plugs in as `checkAddress` and nowhere else.
import dns from 'node:dns';
import net from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { Dispatcher } from 'undici';

/**
 * Returns true when connecting to `address` (an IP literal, family 4 or 6) is allowed. `hostname` is the
 * URL's host the address was reached through: the name that resolved to it, or the literal itself.
 */
export type AddressCheck = (address: string, family: number, hostname: string) => boolean;

export type HttpClientOptions = {
  /** Sockets kept per origin (receiver). Bounds how hard one receiver is hit by one process. Default 8. */
  connections?: number;
  /**
   * Connect-time address check, run on the literal address of every IP URL and on EVERY address a name
   * resolves to, before connecting; the socket then connects to an address that was checked (no second
   * lookup, so DNS rebinding cannot slip past). Default: allow all (the SSRF policy lives in security/).
   */
  checkAddress?: AddressCheck;
  /** Largest response head (status line + headers) accepted, in bytes. Default 16 KiB (undici's). */
  maxHeaderSize?: number;
  /** Socket connect timeout in ms; a backstop, the per-attempt deadline in send() usually fires first. Default 10 s. */
  connectTimeoutMs?: number;
};

export type HttpClient = {
  dispatcher: Dispatcher;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

/** Error code of a connection refused by `checkAddress`; classify-failure maps it to 'blocked_address'. */
export const BLOCKED_ADDRESS_CODE = 'ERR_POSTBACK_BLOCKED_ADDRESS';

/**
 * The message names the host as the webhook's owner wrote it, never the address it resolved to: attempt histories
 * and replays show it to the tenant, who could otherwise map this network's internal names to their addresses.
 */
export class BlockedAddressError extends Error {
  readonly code = BLOCKED_ADDRESS_CODE;
  constructor(hostname: string) {
    super(`connect to ${hostname} refused by the address check: not a public address`);
    this.name = 'BlockedAddressError';
  }
}

const allowAll: AddressCheck = () => true;

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const checkAddress = options.checkAddress ?? allowAll;
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const connectSocket = buildConnector({
    timeout: connectTimeout,
    // HTTP/1.1 only: receivers all speak it, and h2 has different header limits and error codes.
    allowH2: false,
    lookup: checkedLookup(checkAddress),
  });
  const agent = new Agent({
    connections: options.connections ?? 8,
    pipelining: 1,
    allowH2: false,
    connectTimeout,
    // undici's own 300 s timers stay as backstops; the per-attempt deadline in send() is the real bound.
    ...(options.maxHeaderSize !== undefined ? { maxHeaderSize: options.maxHeaderSize } : {}),
    connect: (connectOptions, callback) => {
      // An IP literal never reaches `lookup` (net skips resolution), so it is checked here.
      const family = net.isIP(connectOptions.hostname);
      if (family !== 0 && !safeCheck(checkAddress, connectOptions.hostname, family, connectOptions.hostname)) {
        callback(new BlockedAddressError(connectOptions.hostname), null);
        return;
      }
      connectSocket(connectOptions, callback);
    },
  });
  // Redirects are never followed: a plain Agent has no redirect interceptor, and none is added.

  // close() ends every socket at once rather than waiting for requests to drain: a graceful close would
  // wait out connects that a deadline already abandoned (up to the connect timeout). Sends must be
  // aborted first (the shutdown signal); one still in flight when its client closes is a bug and throws.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= agent.destroy());
  return { dispatcher: agent, close, [Symbol.asyncDispose]: close };
}

// Fails closed: a check that throws blocks the address rather than letting the connection through.
function safeCheck(check: AddressCheck, address: string, family: number, hostname: string): boolean {
  try {
    return check(address, family, hostname) === true;
  } catch {
    return false;
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that resolves every address, checks all of them, and hands only checked
 * addresses to the socket. Fails closed: one blocked address refuses the whole name (a name that points
 * anywhere internal is not a receiver), and a DNS error is passed on as an error, never as a pass.
 */
function checkedLookup(checkAddress: AddressCheck) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, []);
        return;
      }
      const blocked = addresses.find((entry) => !safeCheck(checkAddress, entry.address, entry.family, hostname));
      if (blocked !== undefined) {
        callback(new BlockedAddressError(hostname), []);
        return;
      }
      const first = addresses[0];
      if (first === undefined) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
