// The subscription events of a simulated subscriber, spelled as production sends them and consistent with the sale:
// the same product, plan, subscriber code and person. Dates are decided from the simulation's start.
import type { SimulatedBuyer, SimulatedPlan, SimulatedProduct } from './people.ts';
import type { Random } from './random.ts';

const day = 86_400_000;

export type Subscriber = { code: string; buyer: SimulatedBuyer; product: SimulatedProduct & { plan: SimulatedPlan }; start: number };

const productRef = (subscriber: Subscriber) => ({ id: subscriber.product.id, name: subscriber.product.name });

/** UPDATE_SUBSCRIPTION_CHARGE_DATE: snake_case, the next charge as an ISO string (Hotmart writes this one so). */
export function chargeDateChange(random: Random, subscriber: Subscriber): Record<string, unknown> {
  const { plan } = subscriber.product;
  const oldDay = new Date(subscriber.start).getUTCDate();
  const newDay = 1 + ((oldDay + random.int(1, 26) - 1) % 28);
  const next = new Date(subscriber.start + plan.periodDays * day);
  const nextCharge = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), newDay, 12));
  return {
    subscriber: { name: subscriber.buyer.name, email: subscriber.buyer.email, code: subscriber.code },
    subscription: { product: productRef(subscriber), old_charge_day: oldDay, new_charge_day: newDay, date_next_charge: nextCharge.toISOString(), status: 'ACTIVE' },
    plan: { offer: { code: plan.offer }, name: plan.name, id: plan.id },
  };
}

/** SWITCH_PLAN: from the product's plan to its upgrade; the offer is named `key` in this event. */
export function planSwitch(subscriber: Subscriber, at: number): Record<string, unknown> {
  const { plan } = subscriber.product;
  return {
    switch_plan_date: at,
    subscription: { subscriber_code: subscriber.code, status: 'ACTIVE', product: productRef(subscriber), user: { email: subscriber.buyer.email } },
    plans: [
      { id: plan.upgrade.id, name: plan.upgrade.name, offer: { key: plan.upgrade.offer }, current: true },
      { id: plan.id, name: plan.name, offer: { key: plan.offer }, current: false },
    ],
  };
}

/** SUBSCRIPTION_CANCELLATION after `charges` charges: the charge that will no longer happen is the next one. */
export function cancellation(subscriber: Subscriber, charges: number, at: number): Record<string, unknown> {
  const { plan } = subscriber.product;
  return {
    actual_recurrence_value: subscriber.product.price,
    cancellation_date: at,
    date_next_charge: subscriber.start + charges * plan.periodDays * day,
    product: productRef(subscriber),
    subscriber: {
      code: subscriber.code, name: subscriber.buyer.name, email: subscriber.buyer.email,
      phone: { dddPhone: '', phone: '', dddCell: subscriber.buyer.checkout_phone_code, cell: subscriber.buyer.checkout_phone },
    },
    subscription: { id: Number(subscriber.code.replace(/\D/g, '')) || subscriber.product.id, plan: { id: plan.id, name: plan.name } },
  };
}
