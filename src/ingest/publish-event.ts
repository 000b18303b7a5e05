// Publishing an event: validate against the catalogue, envelope it, fan out, all in one store transaction.
// A result of 'accepted' means the event and every delivery are committed (durable before the 202).
import type { FieldIssue } from '../catalog/index.ts';
import { leftPending } from '../store/publish-rules.ts';
import type { DeliverySummary, PublishResult, Store } from '../store/store.ts';
import { prepareEvent } from './prepare-event.ts';
import type { EventRequest } from './prepare-event.ts';
import { asksForStoredEvent } from './same-request.ts';

/**
 * `adopt`: this process's dispatcher, which takes the new deliveries it has room for at once and announces the rest
 * (absent in an api-only process: then the store announces them to the workers of every process).
 */
export type PublishDeps = { store: Pick<Store, 'publish' | 'announceDue'>; defaultMaxAttempts: number; wake: () => void; adopt?: (published: PublishResult) => void; clock: () => number };
export type PublishRequest = EventRequest;

export type PublishOutcome =
  | { kind: 'accepted'; id: string; deliveries: DeliverySummary[]; replayed: boolean }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'conflict'; id: string };

export async function publishEvent(deps: PublishDeps, request: PublishRequest): Promise<PublishOutcome> {
  const now = deps.clock();
  const prepared = prepareEvent(request, deps.defaultMaxAttempts, now);
  if (prepared.kind === 'invalid') return prepared;
  const result = await deps.store.publish(prepared.event, prepared.fanOut, now, prepared.affiliates);
  if (result.kind === 'replayed' && !result.sameRequest && !asksForStoredEvent(result.event, prepared.event, request)) return { kind: 'conflict', id: result.event.id };
  // forward only: the store has answered, and the new deliveries go on to the dispatcher from here
  if (deps.adopt) deps.adopt(result);
  else if (leftPending(result)) {
    deps.wake();
    deps.store.announceDue?.();
  }
  return { kind: 'accepted', id: result.event.id, deliveries: result.deliveries, replayed: result.kind === 'replayed' };
}
