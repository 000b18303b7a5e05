// The simulated traffic: journeys of real-looking lifecycles, drawn one after another from a seed and a start time
// (pure, reproducible: the same seed and start give the same traffic). A subscription is charged again and again, each
// charge a new transaction with the next recurrence_number; a charge that fails starts delayed, and is paid or lost.
import { sampleData } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import type { PurchaseState } from '../domain/purchase-lifecycle.ts';
import type { PaymentMethod } from './payment-data.ts';
import { buyer, buyerIp, simulatedProducts } from './people.ts';
import type { SimulatedBuyer, SimulatedProduct } from './people.ts';
import { seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { renewalData, saleData } from './sale-data.ts';
import { cancellation, chargeDateChange, planSwitch } from './subscription-events.ts';
import type { Subscriber } from './subscription-events.ts';

export type Step =
  | { kind: 'create'; transaction: string; status: 'waiting_payment' | 'approved' | 'delayed'; data: Record<string, unknown> }
  | { kind: 'move'; transaction: string; status: PurchaseState; purchase?: Record<string, unknown> }
  | { kind: 'event'; event: EventName; data: Record<string, unknown> };
export type Journey = Step[];

/**
 * The journeys one at a time, as they are played: a run of the 1,000,000 journeys `simulate` accepts holds only those
 * in play (all of them at once took 4.6 KB of heap each, and ran out of memory before sending anything). `start`: epoch
 * ms the dates of the traffic are counted from (the CLI passes the time it starts).
 */
export function* trafficPlan(seed: number, journeys: number, start = Date.UTC(2025, 2, 10, 14)): Generator<Journey, void, undefined> {
  const random = seededRandom(seed);
  // kept whole, as journey indexes (a few bytes each): an order bump may join any approved sale before it
  const paid: number[] = [];
  const run = runOf(seed, start);
  for (let index = 0; index < journeys; index++) yield journey({ random, run, index, start, paid });
}

/** The same traffic as trafficPlan, all in one array: for tests and small plans. */
export function planTraffic(seed: number, journeys: number, start?: number): Journey[] {
  return [...trafficPlan(seed, journeys, start)];
}

type Context = { random: Random; run: string; index: number; start: number; /** indexes of the approved one-off sales an order bump can join */ paid: number[] };

/**
 * The run's part of every transaction id: 8 digits drawn from the seed and the start. The seed decides the shape of the
 * traffic, not the ids, so playing a seed again (the default seed 1, on every plain `simulate`) makes new purchases
 * instead of answering 409 for each one the last run made. Two runs share it once in 10^8.
 */
function runOf(seed: number, start: number): string {
  const mixed = seededRandom((Math.imul(seed | 0, 0x9e3779b1) ^ (start % 2 ** 32)) >>> 0);
  return String(Math.floor(mixed.next() * 1e8)).padStart(8, '0');
}

// "HP" and digits (as Hotmart's): the run, then the journey and its charge, so unique within the run
const transactionOf = (context: Pick<Context, 'run'>, index: number, charge: number) => `HP${context.run}${String(index).padStart(7, '0')}${String(charge).padStart(2, '0')}`;

function journey(context: Context): Journey {
  const { random } = context;
  const product = random.pick(simulatedProducts);
  const roll = random.next();
  if (roll < 0.08) return [{ kind: 'event', event: 'PURCHASE_OUT_OF_SHOPPING_CART', data: cartAbandonment(random, product) }];
  if (roll < 0.12) {
    const event = random.chance(0.5) ? 'CLUB_FIRST_ACCESS' : 'CLUB_MODULE_COMPLETED';
    return [{ kind: 'event', event, data: clubData(random, product, event) }];
  }
  const transaction = transactionOf(context, context.index, 1);
  const person = buyer(random);
  const method: PaymentMethod = random.chance(0.3) ? random.pick(['BILLET', 'PIX'] as const) : 'CREDIT_CARD';
  const subscriberCode = product.plan ? `S${random.int(1_000_000, 9_999_999)}` : undefined;
  const bumpOf = !product.plan && context.paid.length > 0 && random.chance(0.15) ? transactionOf(context, random.pick(context.paid), 1) : undefined;
  const data = saleData(random, { product, buyer: person, transaction, method, start: context.start, ...(bumpOf ? { bumpOf } : {}), ...(subscriberCode ? { subscriberCode } : {}) });
  const waits = method !== 'CREDIT_CARD';
  const steps: Journey = [{ kind: 'create', transaction, status: waits ? 'waiting_payment' : 'approved', data }];
  if (waits && random.chance(0.35)) return [...steps, { kind: 'move', transaction, status: 'expired' }];
  if (waits) steps.push({ kind: 'move', transaction, status: 'approved' });
  if (!product.plan) context.paid.push(context.index);
  const subscriber = product.plan && subscriberCode ? { code: subscriberCode, buyer: person, product: { ...product, plan: product.plan }, start: context.start } : undefined;
  return [...steps, ...afterApproval(context, transaction, data, subscriber)];
}

function afterApproval(context: Context, transaction: string, data: Record<string, unknown>, subscriber: Subscriber | undefined): Step[] {
  const { random } = context;
  const roll = random.next();
  if (roll < 0.05) return [{ kind: 'move', transaction, status: 'refunded' }];
  if (roll < 0.13) return [{ kind: 'move', transaction, status: 'refund_claimed' }, { kind: 'move', transaction, status: random.chance(0.7) ? 'refunded' : 'approved' }];
  if (roll < 0.16) return [{ kind: 'move', transaction, status: 'chargeback' }];
  if (!subscriber) return random.chance(0.8) ? [{ kind: 'move', transaction, status: 'completed' }] : [];
  return subscriptionLife(context, data, subscriber);
}

/** Renewals (each a new transaction), a late charge paid or lost, and the subscriber's own changes. */
function subscriptionLife(context: Context, first: Record<string, unknown>, subscriber: Subscriber): Step[] {
  const { random } = context;
  const steps: Step[] = [];
  const renewals = random.int(0, 4);
  let charges = 1;
  let lost = false;
  for (let recurrence = 2; recurrence <= renewals + 1 && !lost; recurrence++) {
    const transaction = transactionOf(context, context.index, recurrence);
    const data = renewalData(random, first, subscriber.product, transaction, recurrence, context.start);
    if (random.chance(0.2)) {
      // the card failed on the due date: the charge starts delayed, then is paid or the subscription is lost
      const recovered = random.chance(0.6);
      steps.push({ kind: 'create', transaction, status: 'delayed', data }, { kind: 'move', transaction, status: recovered ? 'approved' : 'canceled' });
      lost = !recovered;
    } else steps.push({ kind: 'create', transaction, status: 'approved', data });
    if (!lost) charges = recurrence;
  }
  if (lost) return steps;
  if (random.chance(0.15)) steps.push({ kind: 'event', event: 'UPDATE_SUBSCRIPTION_CHARGE_DATE', data: chargeDateChange(random, subscriber) });
  if (random.chance(0.1)) steps.push({ kind: 'event', event: 'SWITCH_PLAN', data: planSwitch(subscriber, context.start + charges * 86_400_000) });
  if (random.chance(0.2)) steps.push({ kind: 'event', event: 'SUBSCRIPTION_CANCELLATION', data: cancellation(subscriber, charges, context.start + charges * 86_400_000) });
  return steps;
}

function cartAbandonment(random: Random, product: SimulatedProduct): Record<string, unknown> {
  const person: SimulatedBuyer = buyer(random);
  return {
    ...sampleData('PURCHASE_OUT_OF_SHOPPING_CART'),
    affiliate: random.chance(0.3),
    product: { id: product.id, name: product.name },
    buyer_ip: buyerIp(random),
    buyer: { name: person.name, email: person.email, phone: `${person.checkout_phone_code}${person.checkout_phone}` },
    offer: { code: product.offer },
  };
}

function clubData(random: Random, product: SimulatedProduct, event: 'CLUB_FIRST_ACCESS' | 'CLUB_MODULE_COMPLETED'): Record<string, unknown> {
  const person = buyer(random);
  // the members-area events send the product id as a string
  const data: Record<string, unknown> = { product: { id: String(product.id), name: product.name }, user: { name: person.name, email: person.email } };
  if (event === 'CLUB_MODULE_COMPLETED') data.module = { id: `mod_${random.int(100_000, 999_999).toString(16)}`, name: `Módulo ${random.int(1, 8)}` };
  return data;
}
