// How the hosted checkout answers with a page: HTML, never cached (but the order form, below), under the checkout's
// own security headers.
import type { FastifyReply } from 'fastify';

// pages with a form of our own and our stylesheet, nothing else; never framed (clickjacking a buy button)
const checkoutCsp = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
// on the order form's pages alone: the form's POST carries its page's address (Referer), recorded as the page the
// order was placed from; no other site ever gets one (every other answer of Postback says no-referrer)
const formReferrerPolicy = 'same-origin';

// The blank order form (GET) is kept by the buyer's browser alone and checked again on every load but Back: Back
// (after a failed send, or an order the buyer doubts) shows the very page left, its order key with it, so sending it
// again is the same order (order-key.ts). With no-store, Back fetched a new page, a new key: a second order. It holds
// no buyer's data: only the offer and the ad's parameters, which the URL holds too
const blankFormCaching = 'private, no-cache';

export function pageAnswers() {
  const formReplies = new WeakSet<FastifyReply>();
  const page = (reply: FastifyReply, status: number, html: string, caching = 'no-store') => reply.code(status).header('cache-control', caching).type('text/html; charset=utf-8').send(html);
  return {
    page,
    /** A page holding the order form; `blank`: the GET's, before the buyer typed anything (a 422's holds their data). */
    formPage(reply: FastifyReply, status: number, html: string, { blank = false } = {}) {
      formReplies.add(reply);
      if (blank) void reply.header('vary', 'accept-language');
      return page(reply, status, html, blank ? blankFormCaching : 'no-store');
    },
    /** The checkout's onSend hook: it runs after the root's security headers (a plugin's hooks follow its parent's). */
    async securityHeaders(_request: unknown, reply: FastifyReply): Promise<void> {
      void reply.header('content-security-policy', checkoutCsp);
      if (formReplies.has(reply)) void reply.header('referrer-policy', formReferrerPolicy);
    },
  };
}
