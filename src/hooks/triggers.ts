// REST-hook triggers: what an automation tool (Zapier, n8n, Make) subscribes to. The four the seed's producers use,
// each a set of catalogue events, plus every catalogue event by its own name. The catalogue stays the one list of
// events: `order` follows its purchase family, so a purchase event added there is an order here too.
import { eventNames } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { eventDefinitions } from '../catalog/definitions.ts';

const named = {
  /** Every purchase event (approved, completed, refunded, boleto printed...): the item's `status` tells which. */
  order: eventNames.filter((event) => eventDefinitions[event].family === 'purchase'),
  cart_abandonment: ['PURCHASE_OUT_OF_SHOPPING_CART'],
  plan_change: ['SWITCH_PLAN'],
  subscription_cancellation: ['SUBSCRIPTION_CANCELLATION'],
} as const satisfies Record<string, readonly EventName[]>;

export const hookTriggers = [...Object.keys(named) as (keyof typeof named)[], ...eventNames] as const;
export type HookTrigger = (typeof hookTriggers)[number];

/** The catalogue events a trigger fires on (never empty). */
export function triggerEvents(trigger: HookTrigger): readonly EventName[] {
  return trigger in named ? named[trigger as keyof typeof named] : [trigger as EventName];
}
