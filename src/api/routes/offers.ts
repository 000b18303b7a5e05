// Checkout offers: POST /api/v1/offers makes a product's price plan and its hosted checkout link (/checkout/:code);
// GET /api/v1/offers lists them.
import { randomInt } from 'node:crypto';
import { checkoutPathOf } from '../../domain/affiliate-link.ts';
import type { Offer } from '../../store/offers.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { itemsOf, offerResponse } from '../responses.ts';
import { createOfferBody } from '../schemas.ts';

const codeAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
/** 10 characters of 32 (~50 bits): the public link, not guessable, easy to read aloud (no 0/o, 1/l). */
const newOfferCode = (): string => Array.from({ length: 10 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');

/** `affiliateCode`: an affiliate's, whose own link (?aff=) the offer's checkout_path then is. */
export function presentOffer(offer: Offer, affiliateCode?: string) {
  return {
    code: offer.code,
    product: { id: offer.productId, name: offer.productName },
    name: offer.name,
    price: offer.priceCents / 100,
    currency: offer.currency,
    checkout_path: checkoutPathOf(offer.code, affiliateCode),
    created_at: new Date(offer.createdAt).toISOString(),
  };
}

export function offerRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.post('/offers', { schema: {
      summary: 'An offer of a product at a price: its hosted checkout link records where each sale came from', tags: ['Tracking'], body: createOfferBody,
      response: { 201: offerResponse }, examples: [{ name: 'course', summary: 'The course at R$ 497', body: { product_id: '555', price: 497, currency: 'BRL' } }],
    } }, async (request, reply) => {
      const body = request.body;
      const product = (await deps.store.listProducts(request.accountId)).find((candidate) => candidate.id === body.product_id);
      if (!product) throw problem('validation_failed', `Unknown product "${body.product_id}". Create it with POST /api/v1/products first.`, [{ path: 'body.product_id', message: 'no such product in this account' }]);
      const offer = { productId: product.id, name: body.name ?? product.name, priceCents: Math.round(body.price * 100), currency: body.currency, createdAt: deps.clock() };
      // a taken code (about one in 10^15 per try) is drawn again; three in a row is our bug, not the caller's
      for (let tries = 0; tries < 3; tries++) {
        const code = newOfferCode();
        const created = await deps.store.createOffer(request.accountId, { ...offer, code });
        if (created === 'created') {
          request.audit = { action: 'offer.created', targetType: 'offer', targetId: code, targetName: offer.name, detail: { product: product.id, price: body.price, currency: body.currency } };
          return reply.code(201).send(presentOffer({ ...offer, code, accountId: request.accountId, productName: product.name, productUcode: product.ucode }));
        }
        if (created === 'no_product') throw problem('validation_failed', `Unknown product "${body.product_id}".`, [{ path: 'body.product_id', message: 'no such product in this account' }]);
      }
      throw new Error('three offer codes in a row were taken');
    });
    app.get('/offers', { schema: { summary: 'The account\'s offers', tags: ['Tracking'], response: { 200: itemsOf(offerResponse) } } }, async (request) => ({ items: (await deps.store.listOffers(request.accountId)).map((offer) => presentOffer(offer)) }));
  };
}
