// How the hosted checkout answers with a page: HTML, never cached, under the checkout's own security headers.
import type { FastifyReply } from 'fastify';

// pages with a form of our own and our stylesheet, nothing else; never framed (clickjacking a buy button)
const checkoutCsp = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
// on the order form's pages alone: the form's POST carries its page's address (Referer), recorded as the page the
// order was placed from; no other site ever gets one (every other answer of Postback says no-referrer)
const formReferrerPolicy = 'same-origin';

export function pageAnswers() {
  const formReplies = new WeakSet<FastifyReply>();
  const page = (reply: FastifyReply, status: number, html: string) => reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  return {
    page,
    /** A page holding the order form. */
    formPage(reply: FastifyReply, status: number, html: string) {
      formReplies.add(reply);
      return page(reply, status, html);
    },
    /** The checkout's onSend hook: it runs after the root's security headers (a plugin's hooks follow its parent's). */
    async securityHeaders(_request: unknown, reply: FastifyReply): Promise<void> {
      void reply.header('content-security-policy', checkoutCsp);
      if (formReplies.has(reply)) void reply.header('referrer-policy', formReferrerPolicy);
    },
  };
}
