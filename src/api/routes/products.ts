// Products: POST /api/v1/products, GET /api/v1/products, PATCH /api/v1/products/:id (the "share buyer data with
// affiliates" switch).
import { randomInt } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentProduct } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { createProductBody, patchProductBody, productParams } from '../schemas.ts';

export function productRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): FastifyPluginAsync {
  return async (app) => {
    app.post('/products', async (request, reply) => {
      const body = parseInput(createProductBody, request.body, 'body');
      // marketplace product ids are numeric (payloads carry data.product.id); one is made up when none is given
      const product = { id: body.id ?? String(randomInt(1_000_000, 10_000_000)), name: body.name, ucode: body.ucode ?? null, shareBuyerData: body.share_buyer_data, createdAt: deps.clock() };
      if (await deps.store.createProduct(request.accountId, product) === 'exists') {
        throw problem('conflict', `Product "${product.id}" already exists in this account.`);
      }
      request.audit = { action: 'product.created', targetType: 'product', targetId: product.id, targetName: product.name };
      return reply.code(201).send(presentProduct(product));
    });
    app.get('/products', async (request) => ({ items: (await deps.store.listProducts(request.accountId)).map(presentProduct) }));
    app.patch('/products/:id', async (request) => {
      const { id } = parseInput(productParams, request.params, 'params');
      const { share_buyer_data } = parseInput(patchProductBody, request.body, 'body');
      const product = await deps.store.setShareBuyerData(request.accountId, id, share_buyer_data);
      if (!product) throw notFound('product', id);
      request.audit = { action: share_buyer_data ? 'product.sharing_on' : 'product.sharing_off', targetType: 'product', targetId: id, targetName: product.name };
      return presentProduct(product);
    });
  };
}
