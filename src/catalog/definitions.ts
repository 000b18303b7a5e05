// The table of events: for each name, its family, description, `data` schema, sample and where its keys live.
// Everything else in the catalogue (validation, docs, samples, extractors) reads this one table.
import type * as z from 'zod';
import type { EventFamily, EventName } from './event-names.ts';
import {
  cartSample,
  clubFirstAccessSample,
  clubModuleCompletedSample,
  subscriptionCancellationSample,
  switchPlanSample,
  updateChargeDateSample,
} from './samples/others.ts';
import { purchaseSample } from './samples/purchase.ts';
import { cartData } from './schemas/cart.ts';
import { clubFirstAccessData, clubModuleCompletedData } from './schemas/club.ts';
import type { purchaseStatuses } from './schemas/purchase-order.ts';
import { purchaseData } from './schemas/purchase.ts';
import { subscriptionCancellationData, switchPlanData, updateChargeDateData } from './schemas/subscription.ts';

export type PurchaseStatus = (typeof purchaseStatuses)[number];

export type EventDefinition = {
  family: EventFamily;
  /** Seed label from Hotmart's event table. */
  description: string;
  /** Schema of the 2.0.0 `data` object. */
  schema: z.ZodType;
  /** Builds a fresh sample `data`. */
  sample: () => Record<string, unknown>;
  /** Where the product id sits in `data`. */
  productIdPath: readonly string[];
  /** Where the subscriber code sits in `data`, when the event has one. */
  subscriberCodePath: readonly string[];
  /** `data.purchase.status` Hotmart sends with this event (purchase family only). */
  purchaseStatus?: PurchaseStatus;
  /** How production spells the envelope's creation date for this event: `creationDate` for CLUB_FIRST_ACCESS. */
  creationDateKey?: 'creation_date' | 'creationDate';
  /** Production puts the account's hottok at the top of this event's 2.0.0 body, beside `id` (as in every test post). */
  hottokInBody?: boolean;
};

function purchaseEvent(description: string, purchaseStatus: PurchaseStatus): EventDefinition {
  return {
    family: 'purchase',
    description,
    schema: purchaseData,
    sample: () => purchaseSample(purchaseStatus),
    productIdPath: ['product', 'id'],
    subscriberCodePath: ['subscription', 'subscriber', 'code'],
    purchaseStatus,
  };
}

export const eventDefinitions: { readonly [E in EventName]: EventDefinition } = {
  PURCHASE_APPROVED: purchaseEvent('approved purchase / order approved', 'APPROVED'),
  PURCHASE_COMPLETE: purchaseEvent('purchase completed (guarantee period over)', 'COMPLETED'),
  PURCHASE_CANCELED: purchaseEvent('canceled purchase', 'CANCELED'),
  PURCHASE_REFUNDED: purchaseEvent('refunded', 'REFUNDED'),
  PURCHASE_CHARGEBACK: purchaseEvent('chargeback', 'CHARGEBACK'),
  PURCHASE_PROTEST: purchaseEvent('refund claimed', 'DISPUTE'),
  PURCHASE_EXPIRED: purchaseEvent('purchase expired', 'EXPIRED'),
  PURCHASE_DELAYED: purchaseEvent('delayed (overdue recurring charge)', 'DELAYED'),
  PURCHASE_BILLET_PRINTED: purchaseEvent('waiting payment (boleto or PIX issued)', 'BILLET_PRINTED'),
  PURCHASE_OUT_OF_SHOPPING_CART: {
    family: 'cart',
    description: 'cart abandonment',
    schema: cartData,
    sample: cartSample,
    productIdPath: ['product', 'id'],
    subscriberCodePath: [],
  },
  SUBSCRIPTION_CANCELLATION: {
    family: 'subscription',
    description: 'subscription cancellation',
    schema: subscriptionCancellationData,
    sample: subscriptionCancellationSample,
    productIdPath: ['product', 'id'],
    subscriberCodePath: ['subscriber', 'code'],
  },
  SWITCH_PLAN: {
    family: 'subscription',
    description: 'plan change',
    schema: switchPlanData,
    sample: switchPlanSample,
    productIdPath: ['subscription', 'product', 'id'],
    subscriberCodePath: ['subscription', 'subscriber_code'],
  },
  UPDATE_SUBSCRIPTION_CHARGE_DATE: {
    family: 'subscription',
    description: 'charge date changed',
    hottokInBody: true,
    schema: updateChargeDateData,
    sample: updateChargeDateSample,
    productIdPath: ['subscription', 'product', 'id'],
    subscriberCodePath: ['subscriber', 'code'],
  },
  CLUB_FIRST_ACCESS: {
    family: 'club',
    description: "student's first access to the members area",
    creationDateKey: 'creationDate',
    schema: clubFirstAccessData,
    sample: clubFirstAccessSample,
    productIdPath: ['product', 'id'],
    subscriberCodePath: [],
  },
  CLUB_MODULE_COMPLETED: {
    family: 'club',
    description: 'student completed a module',
    schema: clubModuleCompletedData,
    sample: clubModuleCompletedSample,
    productIdPath: ['product', 'id'],
    subscriberCodePath: [],
  },
};

/** A fresh deep copy of the event's sample `data`; callers may mutate it freely. */
export function sampleData(event: EventName): Record<string, unknown> {
  return structuredClone(eventDefinitions[event].sample());
}

/**
 * How production Hotmart writes the 2.0.0 envelope of `event`: the creation date's key, and whether the hottok sits
 * in the body even when the webhook does not ask for it (test posts always carry it: the caller says which).
 */
export function wireEnvelopeOf(event: EventName): { creationDateKey: 'creation_date' | 'creationDate'; hottokInBody: boolean } {
  const definition = eventDefinitions[event];
  return { creationDateKey: definition.creationDateKey ?? 'creation_date', hottokInBody: definition.hottokInBody ?? false };
}

/** The `data.purchase.status` Hotmart sends with a purchase event; undefined for other families. */
export function purchaseStatusOf(event: EventName): PurchaseStatus | undefined {
  return eventDefinitions[event].purchaseStatus;
}
