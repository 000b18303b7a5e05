// An affiliate's link to an offer: /checkout/<offer code>?aff=<affiliate code>. Hotmart credits an affiliate through
// its hotlink (go.hotmart.com/<code>) and a cookie, and documents no checkout parameter for it; `aff` is the name
// Hotmart's own 1.0.0 postback gives the affiliate code, so a producer reads the link as it reads the payload. The
// carrier script (src/tracking/tracking.js) carries it from a landing page to the checkout like a click id
// (test/carrier-script.test.ts keeps the two names equal). Pure.

/** The query parameter that names the affiliate code. */
export const affiliateLinkParameter = 'aff';

/** What an affiliate code is (POST /api/v1/products/:id/affiliations): 1 to 64 letters, digits, - or _. */
export const affiliateCodeShape = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The affiliate code among `pairs` (a query string's or a form's): the first `aff` value shaped like a code, or
 * undefined. Fails closed: a value of another shape (oversized, markup, not ASCII) names no affiliate and is
 * dropped, never cut or cleaned into one; whether the code names an affiliation is the checkout's to check.
 */
export function affiliateCodeFromQuery(pairs: Iterable<[string, string]>): string | undefined {
  for (const [name, value] of pairs) {
    if (name === affiliateLinkParameter && affiliateCodeShape.test(value)) return value;
  }
  return undefined;
}

/** The checkout path of an offer, an affiliate's own when a code is given. */
export const checkoutPathOf = (offerCode: string, affiliateCode?: string): string =>
  `/checkout/${offerCode}${affiliateCode === undefined ? '' : `?${affiliateLinkParameter}=${encodeURIComponent(affiliateCode)}`}`;
