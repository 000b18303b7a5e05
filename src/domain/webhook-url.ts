// The one parser of a webhook URL. Registration (the API's schema and the SSRF guard's URL check) and the sender use
// this same function, so a URL that is accepted can always be sent to: a URL the sender could not parse would make
// every attempt of its deliveries fail before connecting.

export type WebhookTarget = {
  url: URL;
  /** `user:password` from the URL, percent-decoded, for Basic auth; null when the URL names no user. */
  credentials: string | null;
};

export type WebhookUrlVerdict = { ok: true; target: WebhookTarget } | { ok: false; reason: string };

export function parseWebhookUrl(raw: string): WebhookUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'expected an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `expected an http:// or https:// URL, not ${url.protocol}//` };
  if (url.hostname === '') return { ok: false, reason: 'expected a host name in the URL' };
  if (url.username === '' && url.password === '') return { ok: true, target: { url, credentials: null } };
  // WHATWG URL keeps a malformed escape in the user info as it is (http://%zz@host/): decoding it for the
  // Authorization header would throw on every attempt, so it is refused here, with what to write instead
  try {
    const [user, password] = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
    // a password without a user name is not Basic auth: nothing is sent, as before
    return { ok: true, target: { url, credentials: url.username === '' ? null : `${user}:${password}` } };
  } catch {
    return { ok: false, reason: 'the user name or password in the URL has a malformed percent-escape (write a literal % as %25)' };
  }
}
