// Postback's landing-page carrier script, served minified as /tracking.js (this file is the readable source).
//
// An ad network sends a visitor to a landing page with its click id in the URL (MGID: ?sck=<click id>). The
// checkout only learns where a sale came from if that query string reaches it, through every page between.
// This script copies the current page's query parameters onto the page's outgoing links and checkout forms:
//
//   <script src="https://postback.example.com/tracking.js" data-hosts="pay.example.com" async></script>
//
// Options, as data- attributes of the script tag:
//   data-hosts   only links and forms to these hosts (comma-separated, any case; an internationalised name in
//                Unicode or punycode) are touched; default: every http(s) link. Limit it to the checkout so that no
//                other site receives the click ids.
//   data-params  which parameters are carried (comma-separated; "utm_*" matches a prefix); default: all of them.
//                An affiliate's code (aff) is carried whatever the list says: the checkout credits only a real
//                affiliation under it, and a list written for click ids must not lose an affiliate its sale.
//   data-days    how many days a visit's parameters are remembered for the next pages; default 30, 0: not at all.
//
// Rules (each one has a browser test, test/browser/tracking-script.test.ts):
// - a parameter the link already has is never overwritten; #fragments stay at the end; relative links stay relative;
// - only http: and https: links; mailto:, tel:, javascript: and in-page "#..." links are left alone;
// - values keep their case (Taboola's click ids are case-sensitive) and are encoded exactly once;
// - links and forms added or changed after load are followed (a MutationObserver);
// - the parameters are remembered first-party (localStorage) with a time limit, so a later page still carries them;
//   only a new click replaces what was remembered, whole (last click wins, never two clicks mixed). A click is a page
//   whose URL has a tracking parameter with a value: one the checkout records as a sale's origin (sck, src, xcod,
//   utm_source, utm_medium, utm_campaign, utm_term, utm_content, fbclid, gclid, ttclid, ob_click_id, click_id;
//   src/domain/tracking-origin.ts's originKeys), among those data-params carries, or an affiliate's code (aff, the
//   checkout's affiliate link: an affiliate's visit never keeps another ad's click id, nor one ad an affiliate's
//   code it did not bring). Any other page carries the remembered pairs plus its own other parameters (its value
//   first for a name in both), and remembers nothing new:
//   /pricing?plan=pro or ?page=2 must not forget the ad's click id, nor ?sck= (empty, no click id) erase it.
// Nothing is sent anywhere: the script only rewrites this page's own links.
(() => {
  const options = document.currentScript?.dataset ?? {};
  const storageKey = 'postback:params';
  const dayMs = 864e5;
  const list = (text) => (text ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
  /**
   * A host as links are compared by: a URL's hostname is punycode, lowercase, so each data-hosts entry is parsed the
   * same way (pagamento.café.com matches xn--caf-dma); a trailing dot (an absolute name) is the same host; a port only
   * when the entry names one. An entry no URL takes is kept as written, and matches nothing.
   */
  const hostKey = (hostname, port) => hostname.replace(/\.$/, '') + (port ? `:${port}` : '');
  const hosts = list(options.hosts).map((entry) => {
    try { const url = new URL(`http://${entry}`); return hostKey(url.hostname, url.port); } catch { return entry; }
  });
  /**
   * The checkout's origin parameters, then its affiliate code (kept equal to originKeys and affiliateLinkParameter by
   * test/carrier-script.test.ts).
   */
  const trackingNames = ['sck', 'src', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'ttclid', 'ob_click_id', 'click_id', 'aff'];
  const affiliateName = trackingNames.at(-1);
  const wanted = list(options.params);
  const days = options.days === undefined || options.days === '' ? 30 : Number(options.days);

  /** Whether a parameter is carried: all by default, else an exact name or a "prefix*" of data-params; aff always. */
  const isWanted = (name) => wanted.length === 0 || name === affiliateName || wanted.some((pattern) =>
    pattern.endsWith('*') ? name.toLowerCase().startsWith(pattern.slice(0, -1)) : name.toLowerCase() === pattern);

  /**
   * The pairs to carry: a click's own (remembered, replacing the last click whole), else the remembered ones while
   * fresh, with this page's other parameters. Storage that is blocked or full fails open: this page's pairs still go.
   */
  const carried = (() => {
    const own = [...new URLSearchParams(location.search)].filter(([name]) => isWanted(name));
    const isTracking = (name) => trackingNames.includes(name);
    // an empty value is no click id: the checkout records none either
    const isClick = own.some(([name, value]) => value !== '' && isTracking(name));
    try {
      if (isClick) {
        if (days > 0) localStorage.setItem(storageKey, JSON.stringify({ pairs: own, until: Date.now() + days * dayMs }));
        return own;
      }
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
      if (saved && saved.until > Date.now() && Array.isArray(saved.pairs)) {
        const others = own.filter(([name]) => !isTracking(name));
        const kept = saved.pairs.filter(([name]) => isWanted(name) && !others.some(([other]) => other === name));
        return [...kept, ...others];
      }
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
    if (hosts.length > 0 && !hosts.includes(hostKey(url.hostname)) && !hosts.includes(hostKey(url.hostname, url.port))) return null;
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
