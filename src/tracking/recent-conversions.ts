// The last conversion postbacks of an account, newest first, each with the click id and goal it reported: what the
// dashboard's "Ad tracking" screen shows to prove the path ad → checkout → network works. A conversion that went out
// reports what its URL carried (the owner may have changed the goals or click_id_from since); only one never sent, or
// a value its template keeps out of the query (Meta's JSON body), is told from the webhook's settings of now.
import { lastSentUrl, sentValue } from '../delivery/conversion/sent-url.ts';
import { conversionVersion } from '../domain/conversion.ts';
import { clickIdOf, originOfEventData } from '../domain/tracking-origin.ts';
import type { DeliverySummary, Store, Webhook } from '../store/store.ts';
import type { AccountId } from '../domain/ids.ts';

export type RecentConversion = { delivery: DeliverySummary; webhook: Pick<Webhook, 'id' | 'name'>; goal: string | null; clickId: string | null };

export async function recentConversions(store: Pick<Store, 'listWebhooks' | 'listDeliveries' | 'getDelivery'>, accountId: AccountId, limit: number): Promise<RecentConversion[]> {
  const webhooks = (await store.listWebhooks(accountId)).filter((webhook) => webhook.version === conversionVersion && webhook.postback);
  const byWebhook = await Promise.all(webhooks.map(async (webhook) => (await store.listDeliveries(accountId, { webhookId: webhook.id, limit })).map((delivery) => ({ delivery, webhook }))));
  // ids are UUIDv7: their order is creation order
  const newest = byWebhook.flat().sort((a, b) => (a.delivery.id < b.delivery.id ? 1 : -1)).slice(0, limit);
  return Promise.all(newest.map(async ({ delivery, webhook }) => {
    const detail = await store.getDelivery(accountId, delivery.id);
    const sent = detail ? lastSentUrl(detail.attempts) : null;
    // undefined: the URL does not tell (never sent, or not in its query); then the settings of now tell
    const told = (macro: 'goal' | 'click_id') => (sent === null ? undefined : sentValue(sent, webhook.url, macro));
    const goal = told('goal');
    const clickId = told('click_id');
    return {
      delivery,
      webhook: { id: webhook.id, name: webhook.name },
      goal: goal === undefined ? webhook.postback!.goals[delivery.event]?.goal ?? null : goal,
      clickId: clickId === undefined ? clickIdOf(detail ? originOfEventData(JSON.parse(detail.event.data)) : {}, webhook.postback!.click_id_from) : clickId,
    };
  }));
}
