// "Send test": the catalogue's sample for one event, published to one webhook only and marked as a test in its history.
import { redactForAffiliates, sampleData } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { sha256Hex } from '../security/secrets.ts';
import type { DeliverySummary, Store, Webhook } from '../store/store.ts';
import { publishEvent } from './publish-event.ts';
import type { PublishDeps } from './publish-event.ts';

export type TestDeps = PublishDeps & { store: Pick<Store, 'publish' | 'getAccount'> };

export async function sendTest(deps: TestDeps, accountId: string, webhook: Webhook, event: EventName): Promise<{ id: string; delivery: DeliverySummary }> {
  // an affiliate's test looks like what its webhooks will receive: the sample without the buyer's data
  const audience = (await deps.store.getAccount(accountId))?.kind ?? 'producer';
  const data = audience === 'affiliate' ? redactForAffiliates(event, sampleData(event)) : sampleData(event);
  const outcome = await publishEvent(deps, {
    accountId, event, data, requestHash: sha256Hex(`test:${webhook.id}:${JSON.stringify(data)}`), isTest: true, onlyWebhook: webhook, audience,
  });
  // our bug if the catalogue's own sample does not validate or collides: never the caller's fault
  if (outcome.kind !== 'accepted') throw new Error(`test send of ${event} was not accepted: ${JSON.stringify(outcome)}`);
  return { id: outcome.id, delivery: outcome.deliveries[0]! };
}
