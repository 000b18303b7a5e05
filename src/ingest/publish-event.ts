// Publishing an event: validate against the catalogue, envelope it, fan out, all in one store transaction.
// A result of 'accepted' means the event and every delivery are committed (durable before the 202).
import type { FieldIssue } from '../catalog/index.ts';
import { leftPending } from '../store/publish-rules.ts';
import type { DeliverySummary, HandOff, Store } from '../store/store.ts';
import { prepareEvent } from './prepare-event.ts';
import type { EventRequest } from './prepare-event.ts';

/** `offer`: this process's dispatcher, which may take the new deliveries at once (absent in an api-only process). */
export type PublishDeps = { store: Pick<Store, 'publish'>; defaultMaxAttempts: number; wake: () => void; offer?: (accountId: string) => HandOff | null; clock: () => number };
export type PublishRequest = EventRequest;

export type PublishOutcome =
  | { kind: 'accepted'; id: string; deliveries: DeliverySummary[]; replayed: boolean }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'conflict'; id: string };

export async function publishEvent(deps: PublishDeps, request: PublishRequest): Promise<PublishOutcome> {
  const now = deps.clock();
  const prepared = prepareEvent(request, deps.defaultMaxAttempts, now);
  if (prepared.kind === 'invalid') return prepared;
  const offer = deps.offer?.(request.accountId) ?? null;
  const result = await deps.store.publish(prepared.event, prepared.fanOut, now, prepared.affiliates, offer ?? undefined);
  if (result.kind === 'replayed' && !result.sameRequest) return { kind: 'conflict', id: result.event.id };
  // with a hand-off, its settlement wakes the dispatcher for what it did not take
  if (!offer && leftPending(result)) deps.wake();
  return { kind: 'accepted', id: result.event.id, deliveries: result.deliveries, replayed: result.kind === 'replayed' };
}
