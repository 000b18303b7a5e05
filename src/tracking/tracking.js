// Postback's landing-page carrier script, served minified as /tracking.js (this file is the readable source).
//
// An ad network sends a visitor to a landing page with its click id in the URL (MGID: ?sck=<click id>). The
// checkout only learns where a sale came from if that query string reaches it, through every page between.
// This script copies the current page's query parameters onto the page's outgoing links and checkout forms:
//
//   <script src="https://postback.example.com/tracking.js" data-hosts="pay.example.com" async></script>
//
// Options, as data- attributes of the script tag:
//   data-hosts   only links and forms to these hosts (comma-separated, any case) are touched; default: every
//                http(s) link. Limit it to the checkout so that no other site receives the click ids.
//   data-params  which parameters are carried (comma-separated; "utm_*" matches a prefix); default: all of them.
//   data-days    how many days a visit's parameters are remembered for the next pages; default 30, 0: not at all.
//
// Rules (each one has a browser test, test/browser/tracking-script.test.ts):
// - a parameter the link already has is never overwritten; #fragments stay at the end; relative links stay relative;
// - only http: and https: links; mailto:, tel:, javascript: and in-page "#..." links are left alone;
// - values keep their case (Taboola's click ids are case-sensitive) and are encoded exactly once;
// - links and forms added or changed after load are followed (a MutationObserver);
// - the parameters are remembered first-party (localStorage) with a time limit, so a second page reached without
//   them still carries them; a visit that brings parameters replaces what was remembered (last click wins).
// Nothing is sent anywhere: the script only rewrites this page's own links.
(() => {
  const options = document.currentScript?.dataset ?? {};
  const storageKey = 'postback:params';
  const dayMs = 864e5;
  const list = (text) => (text ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
  const hosts = list(options.hosts);
  const wanted = list(options.params);
  const days = options.days === undefined || options.days === '' ? 30 : Number(options.days);

  /** Whether a parameter is carried: all by default, else an exact name or a "prefix*" of data-params. */
  const isWanted = (name) => wanted.length === 0 || wanted.some((pattern) =>
    pattern.endsWith('*') ? name.toLowerCase().startsWith(pattern.slice(0, -1)) : name.toLowerCase() === pattern);

  /**
   * The pairs to carry: this page's own when it has any (and they are remembered, last click wins), else the
   * remembered ones while they are fresh. Storage that is blocked or full fails open: this page's pairs still go.
   */
  const carried = (() => {
    const own = [...new URLSearchParams(location.search)].filter(([name]) => isWanted(name));
    try {
      if (own.length > 0) {
        if (days > 0) localStorage.setItem(storageKey, JSON.stringify({ pairs: own, until: Date.now() + days * dayMs }));
        return own;
      }
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
      if (saved && saved.until > Date.now() && Array.isArray(saved.pairs)) return saved.pairs.filter(([name]) => isWanted(name));
      localStorage.removeItem(storageKey);
    } catch { /* no storage: only this page's pairs */ }
    return own;
  })();
  if (carried.length === 0) return;

  /** The target of a link or form, when it is one the script may touch: http(s), to a listed host if any. */
  const target = (raw) => {
    // an in-page anchor would turn into a reload of this page with a new query string
    if (!raw || raw.startsWith('#')) return null;
    let url;
    try { url = new URL(raw, document.baseURI); } catch { return null; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (hosts.length > 0 && !hosts.includes(url.hostname.toLowerCase()) && !hosts.includes(url.host.toLowerCase())) return null;
    return url;
  };

  /** The pairs `has` does not name yet: a parameter already there is never overwritten. */
  const missing = (has) => carried.filter(([name]) => !has(name));

  /**
   * Appends the missing pairs to an href or action attribute as written: the existing query keeps its bytes, a
   * relative URL stays relative, the #fragment stays last. encodeURIComponent encodes each value once and keeps case.
   */
  const decorate = (element, attribute) => {
    const raw = element.getAttribute(attribute);
    const url = target(raw);
    if (!url) return;
    const add = missing((name) => url.searchParams.has(name));
    if (add.length === 0) return;
    const cut = raw.indexOf('#');
    const head = cut < 0 ? raw : raw.slice(0, cut);
    const fragment = cut < 0 ? '' : raw.slice(cut);
    const separator = !head.includes('?') ? '?' : /[?&]$/.test(head) ? '' : '&';
    const query = add.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
    element.setAttribute(attribute, head + separator + query + fragment);
  };

  /** A GET form replaces its action's query with its fields, so the pairs go in as hidden fields; a POST form keeps its action's query. */
  const decorateForm = (form) => {
    if (!target(form.getAttribute('action'))) return;
    if (form.method !== 'get') return decorate(form, 'action');
    for (const [name, value] of missing((field) => form.elements.namedItem(field) !== null)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
  };

  const scan = () => {
    for (const link of document.querySelectorAll('a[href], area[href]')) decorate(link, 'href');
    for (const form of document.querySelectorAll('form[action]')) decorateForm(form);
  };

  // Our own changes are mutations too: the rescan they cause finds nothing missing and changes nothing, so it stops.
  new MutationObserver(scan).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['href', 'action'] });
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
