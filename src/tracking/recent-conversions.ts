// The last conversion postbacks of an account, newest first, each with the click id and goal it reported: what the
// dashboard's "Ad tracking" screen shows to prove the path ad → checkout → network works.
import { conversionVersion } from '../domain/conversion.ts';
import { clickIdOf, originOfEventData } from '../domain/tracking-origin.ts';
import type { DeliverySummary, Store, Webhook } from '../store/store.ts';
import type { AccountId } from '../domain/ids.ts';

export type RecentConversion = { delivery: DeliverySummary; webhook: Pick<Webhook, 'id' | 'name'>; goal: string | null; clickId: string };

export async function recentConversions(store: Pick<Store, 'listWebhooks' | 'listDeliveries' | 'getDelivery'>, accountId: AccountId, limit: number): Promise<RecentConversion[]> {
  const webhooks = (await store.listWebhooks(accountId)).filter((webhook) => webhook.version === conversionVersion && webhook.postback);
  const byWebhook = await Promise.all(webhooks.map(async (webhook) => (await store.listDeliveries(accountId, { webhookId: webhook.id, limit })).map((delivery) => ({ delivery, webhook }))));
  // ids are UUIDv7: their order is creation order
  const newest = byWebhook.flat().sort((a, b) => (a.delivery.id < b.delivery.id ? 1 : -1)).slice(0, limit);
  return Promise.all(newest.map(async ({ delivery, webhook }) => {
    const detail = await store.getDelivery(accountId, delivery.id);
    const origin = detail ? originOfEventData(JSON.parse(detail.event.data)) : {};
    return {
      delivery,
      webhook: { id: webhook.id, name: webhook.name },
      goal: webhook.postback!.goals[delivery.event]?.goal ?? null,
      clickId: clickIdOf(origin, webhook.postback!.click_id_from),
    };
  }));
}
