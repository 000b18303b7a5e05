// Ad tracking: GET /api/v1/tracking/conversions, the last conversion postbacks with the click id each reported.
import type { FastifyPluginAsync } from 'fastify';
import { recentConversions } from '../../tracking/recent-conversions.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery } from '../present.ts';
import { recentConversionsQuery } from '../schemas.ts';

export function trackingRoutes(deps: Pick<ApiDeps, 'store'>): FastifyPluginAsync {
  return async (app) => {
    app.get('/tracking/conversions', async (request) => {
      const { limit } = parseInput(recentConversionsQuery, request.query, 'query');
      const items = await recentConversions(deps.store, request.accountId, limit);
      return {
        items: items.map((item) => ({ ...presentDelivery(item.delivery), webhook_name: item.webhook.name, goal: item.goal, click_id: item.clickId })),
      };
    });
  };
}
