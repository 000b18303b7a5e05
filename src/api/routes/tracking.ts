// Ad tracking: GET /api/v1/tracking/conversions, the last conversion postbacks with the click id each reported.
import { z } from 'zod';
import { recentConversions } from '../../tracking/recent-conversions.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentDelivery } from '../present.ts';
import { deliverySummary, itemsOf } from '../responses.ts';
import { recentConversionsQuery } from '../schemas.ts';

const conversion = deliverySummary.extend({ webhook_name: z.string(), goal: z.string().nullable(), click_id: z.string().nullable() });

export function trackingRoutes(deps: Pick<ApiDeps, 'store'>): ZodRoutes {
  return async (app) => {
    app.get('/tracking/conversions', { schema: {
      summary: 'The latest conversion postbacks sent to ad networks, with their goal and click id', tags: ['Tracking'], querystring: recentConversionsQuery,
      response: { 200: itemsOf(conversion) }, examples: [{ name: 'latest', summary: 'The latest 20', query: { limit: 20 } }],
    } }, async (request) => {
      const { limit } = request.query;
      const items = await recentConversions(deps.store, request.accountId, limit);
      return {
        items: items.map((item) => ({ ...presentDelivery(item.delivery), webhook_name: item.webhook.name, goal: item.goal, click_id: item.clickId })),
      };
    });
  };
}
