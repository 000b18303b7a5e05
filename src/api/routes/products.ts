// Products: POST /api/v1/products, GET /api/v1/products, PATCH /api/v1/products/:id (the "share buyer data with
// affiliates" switch and the external members area).
import { randomInt } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentProduct } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { createProductBody, patchProductBody, productParams } from '../schemas.ts';

export function productRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'addressPolicy'>): FastifyPluginAsync {
  return async (app) => {
    app.post('/products', async (request, reply) => {
      const body = parseInput(createProductBody, request.body, 'body');
      // marketplace product ids are numeric (payloads carry data.product.id); one is made up when none is given
      const product = { id: body.id ?? String(randomInt(1_000_000, 10_000_000)), name: body.name, ucode: body.ucode ?? null, shareBuyerData: body.share_buyer_data, membersArea: null, createdAt: deps.clock() };
      if (await deps.store.createProduct(request.accountId, product) === 'exists') {
        throw problem('conflict', `Product "${product.id}" already exists in this account.`);
      }
      return reply.code(201).send(presentProduct(product));
    });
    app.get('/products', async (request) => ({ items: (await deps.store.listProducts(request.accountId)).map(presentProduct) }));
    app.patch('/products/:id', async (request) => {
      const { id } = parseInput(productParams, request.params, 'params');
      const body = parseInput(patchProductBody, request.body, 'body');
      // the members area first: it is the change that can still be refused, so a refusal leaves the switch untouched
      let product = body.members_area === undefined ? await deps.store.getProduct(request.accountId, id) : await setMembersArea(request.accountId, id, body.members_area);
      if (product && body.share_buyer_data !== undefined) product = await deps.store.setShareBuyerData(request.accountId, id, body.share_buyer_data);
      if (!product) throw notFound('product', id);
      return presentProduct(product);
    });
  };

  async function setMembersArea(accountId: string, id: string, area: NonNullable<z.output<typeof patchProductBody>['members_area']> | null) {
    if (area !== null) checkAreaUrl(area.url);
    const result = await deps.store.setMembersArea(accountId, id, area === null ? null : { url: area.url, login: area.login, password: area.password ?? null });
    if (result === 'password_required') {
      throw problem('validation_failed', 'Invalid body: body.members_area.password: required the first time a members area is set', [{ path: 'body.members_area.password', message: 'required the first time a members area is set' }]);
    }
    return result === 'no_product' ? null : result;
  }

  // fails closed: the set-up check requests this URL, so an internal address is refused as for a webhook
  function checkAreaUrl(url: string) {
    const verdict = deps.addressPolicy.checkUrl(url);
    if (!verdict.ok) throw problem('validation_failed', `Invalid body: body.members_area.url: ${verdict.reason}`, [{ path: 'body.members_area.url', message: verdict.reason }]);
  }
}
