// What GET /api/v1/hooks/samples/:trigger lists: the account's latest real events for the trigger, newest first, in
// the shape its hooks deliver; when there are none yet, the catalogue's sample, so a tool can show the fields anyway.
import { flatItem } from '../delivery/render-flat.ts';
import { sampleAffiliate, testSampleData } from '../ingest/test-sample.ts';
import type { Store, StoredEvent } from '../store/store.ts';
import { triggerEvents } from './triggers.ts';
import type { HookTrigger } from './triggers.ts';
import { type AccountId, asEventId } from '../domain/ids.ts';

export async function hookSamples(store: Pick<Store, 'latestEvents' | 'getAccount' | 'listAffiliations'>, accountId: AccountId, trigger: HookTrigger, limit: number, now: number): Promise<Record<string, unknown>[]> {
  const events = triggerEvents(trigger);
  const latest = await store.latestEvents(accountId, events, limit);
  if (latest.length > 0) return latest.map(flatItem);
  const event = events[0]!;
  // an affiliate's sample looks like what its hooks will receive, as its test sends do: without the buyer's data,
  // credited to its own affiliate code
  const kind = (await store.getAccount(accountId))?.kind ?? 'producer';
  const affiliate = kind === 'affiliate' ? sampleAffiliate(accountId, await store.listAffiliations(accountId)) : null;
  const data = testSampleData(event, kind, 'all', [], affiliate);
  // a fixed id per event: a tool that dedupes on `id` sees the sample once, and a real item never collides with it
  const sample: StoredEvent = { id: asEventId(`sample-${event}`), accountId, event, creationDate: now, data: JSON.stringify(data), transaction: null, productId: null, isTest: true, createdAt: now };
  return [flatItem(sample)];
}
