// Affiliations: a producer affiliates one of its products to an affiliate account under an affiliate code (the
// code its sales carry in data.affiliates[].affiliate_code); that account's webhooks then receive those sales,
// redacted unless the product shares buyer data. The affiliate gives the producer its account id: that is its
// consent, and either side may end the affiliation.
//   POST /api/v1/products/:id/affiliations (the producer), GET /api/v1/products/:id/affiliations
//   GET /api/v1/affiliations, DELETE /api/v1/affiliations/:id (either side)
//   GET /api/v1/affiliations/:id/offers (either side): the product's offers, each as the affiliate's own link (?aff=)
import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentAffiliation } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { affiliationResponse, itemsOf, noContent, offerResponse } from '../responses.ts';
import { createAffiliationBody, idParams, productParams } from '../schemas.ts';
import { presentOffer } from './offers.ts';

const tags = ['Affiliates'];

/** A code shaped like the marketplace's hotlink codes: a letter, eight digits, a letter (e.g. Q58388177J). */
function newAffiliateCode(): string {
  const letter = () => String.fromCharCode(65 + randomInt(26));
  return `${letter()}${String(randomInt(10 ** 8)).padStart(8, '0')}${letter()}`;
}

export function affiliationRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.post('/products/:id/affiliations', { schema: {
      summary: 'Affiliate a product to an affiliate account under an affiliate code', tags, params: productParams, body: createAffiliationBody,
      response: { 201: affiliationResponse }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'with_code', summary: 'Under the code its sales carry', body: { affiliate_account_id: '0199a0b2-7c1e-7000-8000-000000000001', affiliate_code: 'Q58388177J' } }],
    } }, async (request, reply) => {
      const { id: productId } = request.params;
      const body = request.body;
      const affiliate = body.affiliate_account_id === request.accountId ? null : await deps.store.getAccount(body.affiliate_account_id);
      if (affiliate?.kind !== 'affiliate') {
        // the same answer for an unknown account, a producer's and one's own: ids are not probed through this route
        const message = 'no affiliate account with this id; an affiliate finds its account id on its Credentials page (or in `postback account create --kind affiliate`)';
        throw problem('validation_failed', `Invalid body: body.affiliate_account_id: ${message}`, [{ path: 'body.affiliate_account_id', message }]);
      }
      const affiliation = { id: uuidv7(), productId, affiliateCode: body.affiliate_code ?? newAffiliateCode(), affiliateAccountId: affiliate.id, createdAt: deps.clock() };
      switch (await deps.store.createAffiliation(request.accountId, affiliation)) {
        case 'no_product': throw notFound('product', productId);
        case 'code_taken': throw problem('conflict', `Product "${productId}" already has an affiliation with the code "${affiliation.affiliateCode}".`,
          [{ path: 'body.affiliate_code', message: 'this product already has an affiliate with this code' }]);
        case 'already_affiliated': throw problem('conflict', `This affiliate account already promotes product "${productId}"; end that affiliation first to give it another code.`,
          [{ path: 'body.affiliate_account_id', message: 'this affiliate already promotes this product' }]);
        case 'created': {
          const [created] = (await deps.store.listAffiliations(request.accountId, productId)).filter((a) => a.id === affiliation.id);
          // the affiliate's log says so too (which producer, never who in its team): from now on its receivers get these sales
          request.audit = {
            action: 'affiliation.created', targetType: 'product', targetId: productId, targetName: created!.productName,
            detail: { affiliate_code: created!.affiliateCode, affiliate: affiliate.name, producer: created!.producerName },
            alsoFor: { accountId: affiliate.id, actor: `account:${created!.producerName}` },
          };
          return reply.code(201).send(presentAffiliation(created!, request.accountId));
        }
      }
    });
    app.get('/products/:id/affiliations', { schema: { summary: 'A product\'s affiliations', tags, params: productParams, response: { 200: itemsOf(affiliationResponse) }, errors: ['not_found'] } }, async (request) => {
      const { id: productId } = request.params;
      if ((await deps.store.missingProducts(request.accountId, [productId])).length > 0) throw notFound('product', productId);
      // an affiliate sees the product's affiliations it is party to; the producer sees them all
      return { items: (await deps.store.listAffiliations(request.accountId, productId)).map((a) => presentAffiliation(a, request.accountId)) };
    });
    app.get('/affiliations', { schema: { summary: 'The affiliations the account is party to (as producer or affiliate)', tags, response: { 200: itemsOf(affiliationResponse) } } }, async (request) => ({
      items: (await deps.store.listAffiliations(request.accountId)).map((a) => presentAffiliation(a, request.accountId)),
    }));
    app.get('/affiliations/:id/offers', { schema: {
      summary: 'The offers of an affiliation\'s product, each checkout_path the affiliate\'s own link (?aff=<affiliate code>)', tags, params: idParams,
      response: { 200: itemsOf(offerResponse) }, errors: ['not_found'],
    } }, async (request) => {
      const { id } = request.params;
      const affiliation = (await deps.store.listAffiliations(request.accountId)).find((a) => a.id === id);
      if (!affiliation) throw notFound('affiliation', id);
      // read under the producer's account, which the affiliation the caller is party to names: that product's offers
      // alone (their codes are public links anyway); the producer's other offers are never listed to its affiliates
      const offers = (await deps.store.listOffers(affiliation.producerAccountId)).filter((offer) => offer.productId === affiliation.productId);
      return { items: offers.map((offer) => presentOffer(offer, affiliation.affiliateCode)) };
    });
    app.delete('/affiliations/:id', { schema: { summary: 'End an affiliation (either side may)', tags, params: idParams, response: { 204: noContent }, errors: ['not_found'] } }, async (request, reply) => {
      const { id } = request.params;
      const ended = await deps.store.deleteAffiliation(request.accountId, id);
      if (!ended) throw notFound('affiliation', id);
      // the affiliation was both parties': each log says which product, code and counterpart, whichever side ended it
      const byProducer = ended.producerAccountId === request.accountId;
      request.audit = {
        action: 'affiliation.ended', targetType: 'affiliation', targetId: id, targetName: ended.productName,
        detail: { product_id: ended.productId, affiliate_code: ended.affiliateCode, producer: ended.producerName, affiliate: ended.affiliateName },
        alsoFor: byProducer
          ? { accountId: ended.affiliateAccountId, actor: `account:${ended.producerName}` }
          : { accountId: ended.producerAccountId, actor: `account:${ended.affiliateName}` },
      };
      return reply.code(204).send();
    });
  };
}
