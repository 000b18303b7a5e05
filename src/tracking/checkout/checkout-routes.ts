// The hosted checkout, public pages under /checkout: an offer's form (GET, POST), its order's status page, and in
// demo mode (POSTBACK_CHECKOUT_DEMO) the buttons that pay, complete and refund an order as a payment provider would.
// The link's tracking parameters (sck, src, xcod, utm_*, click ids) are recorded as the purchase's origin, and the
// buyer's browser (IP address, User-Agent, the page of the form) beside it (buyer-browser.ts). An affiliate's link
// (?aff=<code>) credits the affiliate when the code names an affiliation of the offer's product (affiliate-credit.ts).
// Each form carries an order key: the form sent again (a double click, a resend) is the same order (order-key.ts).
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { affiliateCodeFromQuery, affiliateLinkParameter } from '../../domain/affiliate-link.ts';
import { pickLanguage } from '../../domain/page-language.ts';
import { originFromQuery } from '../../domain/tracking-origin.ts';
import type { TrackingOrigin } from '../../domain/tracking-origin.ts';
import { networkMatcher } from '../../security/ssrf-guard.ts';
import { movePurchase } from '../../ingest/record-purchase.ts';
import type { PurchaseDeps } from '../../ingest/record-purchase.ts';
import type { Offer } from '../../store/offers.ts';
import type { Store } from '../../store/store.ts';
import { affiliateCredit } from './affiliate-credit.ts';
import { buyerBrowserOf } from './buyer-browser.ts';
import { checkoutErrorHandler } from './checkout-errors.ts';
import { checkoutMessages } from './messages.ts';
import type { CheckoutLanguage } from './messages.ts';
import { pageAnswers } from './page-answers.ts';
import { newOrderKey, orderKeyField, orderKeyOf } from './order-key.ts';
import { checkoutCss, notFoundPage, offerPage, orderKeyTakenPage, orderPage } from './pages.ts';
import type { FormState } from './pages.ts';
import { paymentMethods, placeOrder } from './place-order.ts';

export type CheckoutDeps = {
  store: Store;
  config: Pick<Config, 'retrySchedule' | 'checkoutDemo' | 'trustedProxies'>;
  wake: () => void;
  clock: () => number;
};

/** An order form is a name, an e-mail, a payment method and an ad's origin: a few hundred bytes. */
const orderFormBytes = 16 * 1024;
const offerParams = z.object({ offer: z.string().regex(/^[a-z0-9]{1,32}$/) });
const orderParams = offerParams.extend({ transaction: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const demoParams = orderParams.extend({ action: z.enum(['pay', 'complete', 'refund']) });
const demoMoves = { pay: 'approved', complete: 'completed', refund: 'refunded' } as const;
const orderFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  payment: z.enum(paymentMethods),
};

/**
 * A parsed query or form as the pairs originFromQuery reads. Fastify's parsers make an array of a repeated key
 * (?sck=ONE&sck=TWO): each of its strings is a pair, in order, so the first non-empty one is the value, as for a
 * single key. Anything else (an object from a custom parser) is no value.
 */
const pairsOf = (value: unknown): [string, string][] =>
  Object.entries((value ?? {}) as Record<string, unknown>).flatMap(([name, item]) =>
    (Array.isArray(item) ? item : [item]).filter((one): one is string => typeof one === 'string').map((one): [string, string] => [name, one]));

/** The offer's form page with the ad's parameters and the link's affiliate code: a new form, a new key. */
const freshFormPath = (offer: Offer, origin: TrackingOrigin, affiliateCode: string | undefined): string => {
  const pairs = Object.entries(origin).filter((pair): pair is [string, string] => pair[1] !== undefined);
  const query = new URLSearchParams(affiliateCode === undefined ? pairs : [...pairs, [affiliateLinkParameter, affiliateCode]]).toString();
  return `/checkout/${offer.code}${query ? `?${query}` : ''}`;
};

export function checkoutRoutes(deps: CheckoutDeps): FastifyPluginAsync {
  const isTrustedProxy = networkMatcher(deps.config.trustedProxies);
  const lifecycle: PurchaseDeps = { store: deps.store, defaultMaxAttempts: deps.config.retrySchedule.length, wake: deps.wake, clock: deps.clock };
  const { page: html, formPage, securityHeaders } = pageAnswers();
  const language = (request: FastifyRequest): CheckoutLanguage => pickLanguage(request.headers['accept-language']);
  /** The offer named by the path, or a 404 page in the buyer's language. */
  const loadOffer = async (request: FastifyRequest, reply: FastifyReply): Promise<Offer | null> => {
    const params = offerParams.safeParse(request.params);
    const offer = params.success ? await deps.store.findOffer(params.data.offer) : null;
    if (!offer) void html(reply, 404, notFoundPage(language(request), 'offer'));
    return offer;
  };

  return async (app) => {
    await app.register(formbody, { bodyLimit: orderFormBytes });
    // a body refused here is refused as the order form it should be; a failure of ours is a page for the buyer
    app.setErrorHandler(checkoutErrorHandler(html, { maxBytes: orderFormBytes, mediaType: 'an HTML form (application/x-www-form-urlencoded)' }));
    app.addHook('onSend', securityHeaders);
    app.get('/checkout/checkout.css', async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(checkoutCss));

    app.get('/checkout/:offer', async (request, reply) => {
      const offer = await loadOffer(request, reply);
      if (!offer) return reply;
      const query = pairsOf(request.query);
      const state = { name: '', email: '', payment: '', origin: originFromQuery(query), affiliateCode: affiliateCodeFromQuery(query), orderKey: newOrderKey(), errors: {} };
      return formPage(reply, 200, offerPage(language(request), offer, state), { blank: true });
    });

    app.post('/checkout/:offer', async (request, reply) => {
      const offer = await loadOffer(request, reply);
      if (!offer) return reply;
      const lang = language(request);
      const t = checkoutMessages[lang];
      const form = (request.body ?? {}) as Record<string, unknown>;
      // the form's hidden fields first, then the action's own query (a carrier script may have decorated it)
      const sent = [...pairsOf(form), ...pairsOf(request.query)];
      const origin = originFromQuery(sent);
      const affiliateCode = affiliateCodeFromQuery(sent);
      const name = orderFields.name.safeParse(form.name);
      const email = orderFields.email.safeParse(typeof form.email === 'string' ? form.email.trim() : form.email);
      const payment = orderFields.payment.safeParse(form.payment);
      const key = orderKeyOf(form[orderKeyField]);
      if (!name.success || !email.success || !payment.success) {
        // the corrected form keeps its key: nothing was placed with it yet, and a resend of the first send is this order
        const state: FormState = { name: String(form.name ?? ''), email: String(form.email ?? ''), payment: String(form.payment ?? ''), origin, affiliateCode, orderKey: key ?? newOrderKey(), errors: {
          ...(name.success ? {} : { name: t.nameRequired }), ...(email.success ? {} : { email: t.emailInvalid }), ...(payment.success ? {} : { payment: t.paymentRequired }),
        } };
        return formPage(reply, 422, offerPage(lang, offer, state));
      }
      const browser = buyerBrowserOf({ socketAddress: request.socket.remoteAddress, headers: request.headers }, isTrustedProxy);
      const affiliate = await affiliateCredit(deps.store, offer, affiliateCode);
      const outcome = await placeOrder(lifecycle, offer, { name: name.data, email: email.data, payment: payment.data, origin, browser, key, affiliate });
      if (outcome.kind === 'taken') return html(reply, 409, orderKeyTakenPage(lang, freshFormPath(offer, origin, affiliateCode)));
      if (outcome.repeated) request.log.info({ transaction: outcome.transaction }, 'checkout order sent again: answered with its page');
      return reply.code(303).header('location', `/checkout/${offer.code}/orders/${outcome.transaction}`).send();
    });

    app.get('/checkout/:offer/orders/:transaction', async (request, reply) => {
      const offer = await loadOffer(request, reply);
      if (!offer) return reply;
      const params = orderParams.safeParse(request.params);
      const purchase = params.success ? await deps.store.getPurchase(offer.accountId, params.data.transaction) : null;
      // an order of another offer of the same producer is not shown under this one
      const sameOffer = (purchase?.data.purchase as { offer?: { code?: string } } | undefined)?.offer?.code === offer.code;
      if (!purchase || !sameOffer) return html(reply, 404, notFoundPage(language(request), 'order'));
      return html(reply, 200, orderPage({ language: language(request), offer, purchase, demo: deps.config.checkoutDemo }));
    });

    app.post('/checkout/:offer/orders/:transaction/:action', async (request, reply) => {
      // fails closed: without demo mode, only the producer's payment integration moves a purchase (the API)
      const params = demoParams.safeParse(request.params);
      const offer = deps.config.checkoutDemo && params.success ? await deps.store.findOffer(params.data.offer) : null;
      if (!offer || !params.success) return html(reply, 404, notFoundPage(language(request), 'order'));
      const purchase = await deps.store.getPurchase(offer.accountId, params.data.transaction);
      if ((purchase?.data.purchase as { offer?: { code?: string } } | undefined)?.offer?.code !== offer.code) return html(reply, 404, notFoundPage(language(request), 'order'));
      // a move the state machine refuses (a double click) leaves the order as it is: the page shows where it stands
      await movePurchase(lifecycle, offer.accountId, params.data.transaction, demoMoves[params.data.action], {});
      return reply.code(303).header('location', `/checkout/${offer.code}/orders/${params.data.transaction}`).send();
    });
  };
}
