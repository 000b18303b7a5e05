// Fresh branded ids for tests, made as the product makes them (UUIDv7 for accounts, webhooks and deliveries; any
// unique string for an event). A test that names a fixed id brands it with ../../src/domain/ids.ts (asAccountId('a')).
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { type AccountId, asAccountId, asDeliveryId, asEventId, asWebhookId, type DeliveryId, type EventId, type WebhookId } from '../../src/domain/ids.ts';

export const newAccountId = (): AccountId => asAccountId(uuidv7());
export const newWebhookId = (): WebhookId => asWebhookId(uuidv7());
export const newDeliveryId = (): DeliveryId => asDeliveryId(uuidv7());
export const newEventId = (): EventId => asEventId(randomUUID());
