// Products: POST /api/v1/products, GET /api/v1/products, PATCH /api/v1/products/:id (the "share buyer data with
// affiliates" switch).
import { randomInt } from 'node:crypto';
import type { ApiDeps } from '../app.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentProduct } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { itemsOf, productResponse } from '../responses.ts';
import { createProductBody, patchProductBody, productParams } from '../schemas.ts';

const tags = ['Products'];

export function productRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.post('/products', { schema: {
      summary: 'Register a product (its id is the marketplace product id found in payloads)', tags, body: createProductBody, response: { 201: productResponse }, errors: ['conflict'],
      examples: [{ name: 'course', summary: 'A course', body: { id: '1234567', name: 'Curso de Fotografia', share_buyer_data: false } }],
    } }, async (request, reply) => {
      const body = request.body;
      // marketplace product ids are numeric (payloads carry data.product.id); one is made up when none is given
      const product = { id: body.id ?? String(randomInt(1_000_000, 10_000_000)), name: body.name, ucode: body.ucode ?? null, shareBuyerData: body.share_buyer_data, createdAt: deps.clock() };
      if (await deps.store.createProduct(request.accountId, product) === 'exists') {
        throw problem('conflict', `Product "${product.id}" already exists in this account.`);
      }
      return reply.code(201).send(presentProduct(product));
    });
    app.get('/products', { schema: { summary: 'The account\'s products', tags, response: { 200: itemsOf(productResponse) } } }, async (request) => ({ items: (await deps.store.listProducts(request.accountId)).map(presentProduct) }));
    app.patch('/products/:id', { schema: {
      summary: 'The "share buyer data with affiliates" switch', tags, params: productParams, body: patchProductBody, response: { 200: productResponse }, errors: ['not_found'],
      examples: [{ name: 'share', summary: 'Affiliates get the buyer\'s data too', body: { share_buyer_data: true } }],
    } }, async (request) => {
      const { id } = request.params;
      const { share_buyer_data } = request.body;
      const product = await deps.store.setShareBuyerData(request.accountId, id, share_buyer_data);
      if (!product) throw notFound('product', id);
      return presentProduct(product);
    });
  };
}
