// Products: POST /api/v1/products, GET /api/v1/products (archived ones too, marked), GET /api/v1/products/:id,
// PATCH /api/v1/products/:id (name, ucode, the "share buyer data with affiliates" switch, the external members area,
// archived), and DELETE /api/v1/products/:id (a product with sales is archived, not lost).
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentProduct } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { itemsOf, productRemoval, productResponse } from '../responses.ts';
import { createProductBody, patchProductBody, productParams } from '../schemas.ts';
import type { AccountId } from '../../domain/ids.ts';

const tags = ['Products'];

export function productRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'addressPolicy'>): ZodRoutes {
  return async (app) => {
    app.post('/products', { schema: {
      summary: 'Register a product (its id is the marketplace product id found in payloads)', tags, body: createProductBody, response: { 201: productResponse }, errors: ['conflict'],
      examples: [{ name: 'course', summary: 'A course', body: { id: '1234567', name: 'Curso de Fotografia', share_buyer_data: false } }],
    } }, async (request, reply) => {
      const body = request.body;
      // marketplace product ids are numeric (payloads carry data.product.id); one is made up when none is given
      const product = { id: body.id ?? String(randomInt(1_000_000, 10_000_000)), name: body.name, ucode: body.ucode ?? null, shareBuyerData: body.share_buyer_data, membersArea: null, createdAt: deps.clock(), archivedAt: null };
      if (await deps.store.createProduct(request.accountId, product) === 'exists') {
        throw problem('conflict', `Product "${product.id}" already exists in this account.`);
      }
      request.audit = { action: 'product.created', targetType: 'product', targetId: product.id, targetName: product.name };
      return reply.code(201).send(presentProduct(product, request.role));
    });
    app.get('/products', { schema: { summary: 'The account\'s products, archived ones too (marked)', tags, response: { 200: itemsOf(productResponse) } } }, async (request) => ({ items: (await deps.store.listProducts(request.accountId)).map((product) => presentProduct(product, request.role)) }));
    app.get('/products/:id', { schema: { summary: 'One product', tags, params: productParams, response: { 200: productResponse }, errors: ['not_found'] } }, async (request) => {
      const { id } = request.params;
      const product = await deps.store.getProduct(request.accountId, id);
      if (!product) throw notFound('product', id);
      return presentProduct(product, request.role);
    });
    app.patch('/products/:id', { schema: {
      summary: 'Rename, the "share buyer data with affiliates" switch, the external members area, restore an archived product', tags, params: productParams, body: patchProductBody, response: { 200: productResponse }, errors: ['not_found'],
      examples: [
        { name: 'share', summary: 'Affiliates get the buyer\'s data too', body: { share_buyer_data: true } },
        { name: 'rename', summary: 'A new name', body: { name: 'Curso de Fotografia Avançada' } },
      ],
    } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      // the members area first: it is the change that can still be refused, so a refusal leaves the rest untouched
      if (body.members_area !== undefined && !await setMembersArea(request.accountId, id, body.members_area)) throw notFound('product', id);
      const product = await deps.store.updateProduct(request.accountId, id, {
        ...(body.name !== undefined ? { name: body.name } : {}), ...(body.ucode !== undefined ? { ucode: body.ucode } : {}),
        ...(body.share_buyer_data !== undefined ? { shareBuyerData: body.share_buyer_data } : {}), ...(body.archived !== undefined ? { archived: body.archived } : {}),
      }, deps.clock());
      if (!product) throw notFound('product', id);
      // one entry per kind of change, so a request that renames, shares and sets the members area at once is read as
      // all three (the sharing switch alone hid the new members area)
      const actions = [
        ...(body.name !== undefined || body.ucode !== undefined ? ['product.updated'] : []),
        ...(body.share_buyer_data !== undefined ? [body.share_buyer_data ? 'product.sharing_on' : 'product.sharing_off'] : []),
        ...(body.members_area !== undefined ? ['product.members_area_set'] : []),
        ...(body.archived !== undefined ? [body.archived ? 'product.archived' : 'product.unarchived'] : []),
      ];
      request.audit = (actions.length > 0 ? actions : ['product.updated'])
        .map((action) => ({ action, targetType: 'product', targetId: id, targetName: product.name, detail: { fields: Object.keys(body) } }));
      return presentProduct(product, request.role);
    });
    app.delete('/products/:id', { schema: {
      summary: 'Remove a product: deleted, or archived (restorable) when a sale names it', tags, params: productParams, response: { 200: productRemoval }, errors: ['not_found'],
    } }, async (request) => {
      const { id } = request.params;
      const named = await deps.store.getProduct(request.accountId, id);
      const result = await deps.store.removeProduct(request.accountId, id, deps.clock());
      if (result === 'not_found') throw notFound('product', id);
      request.audit = { action: result === 'archived' ? 'product.archived' : 'product.deleted', targetType: 'product', targetId: id, targetName: named?.name ?? null };
      return { id, result };
    });
  };

  async function setMembersArea(accountId: AccountId, id: string, area: NonNullable<z.output<typeof patchProductBody>['members_area']> | null) {
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
