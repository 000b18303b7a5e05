// The simulated traffic: journeys of real-looking lifecycles, decided up front from a seed (pure, reproducible).
import { sampleData } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import type { PurchaseState } from '../domain/purchase-lifecycle.ts';
import { buyer, origin, simulatedAffiliates, simulatedProducts } from './people.ts';
import type { SimulatedProduct } from './people.ts';
import { seededRandom } from './random.ts';
import type { Random } from './random.ts';

export type Step =
  | { kind: 'create'; transaction: string; status: 'waiting_payment' | 'approved'; data: Record<string, unknown> }
  | { kind: 'move'; transaction: string; status: PurchaseState; purchase?: Record<string, unknown> }
  | { kind: 'event'; event: EventName; data: Record<string, unknown> };
export type Journey = Step[];

export function planTraffic(seed: number, journeys: number): Journey[] {
  const random = seededRandom(seed);
  return Array.from({ length: journeys }, (_, index) => journey(random, index, seed));
}

function journey(random: Random, index: number, seed: number): Journey {
  const product = random.pick(simulatedProducts);
  const roll = random.next();
  if (roll < 0.08) return [{ kind: 'event', event: 'PURCHASE_OUT_OF_SHOPPING_CART', data: cartAbandonment(random, product) }];
  if (roll < 0.12) {
    const event = random.chance(0.5) ? 'CLUB_FIRST_ACCESS' : 'CLUB_MODULE_COMPLETED';
    return [{ kind: 'event', event, data: clubData(random, product, event) }];
  }
  const transaction = `HP${String(seed).padStart(4, '0').slice(-4)}${String(index).padStart(9, '0')}`;
  const boleto = random.chance(0.3);
  const data = saleData(random, product, transaction, boleto);
  const steps: Journey = [{ kind: 'create', transaction, status: boleto ? 'waiting_payment' : 'approved', data }];
  if (boleto && random.chance(0.35)) return [...steps, { kind: 'move', transaction, status: 'expired' }];
  if (boleto) steps.push({ kind: 'move', transaction, status: 'approved' });
  return [...steps, ...afterApproval(random, product, transaction, data)];
}

function afterApproval(random: Random, product: SimulatedProduct, transaction: string, data: Record<string, unknown>): Step[] {
  const roll = random.next();
  if (roll < 0.05) return [{ kind: 'move', transaction, status: 'refunded' }];
  if (roll < 0.13) return [{ kind: 'move', transaction, status: 'refund_claimed' }, { kind: 'move', transaction, status: random.chance(0.7) ? 'refunded' : 'approved' }];
  if (roll < 0.16) return [{ kind: 'move', transaction, status: 'chargeback' }];
  if (!product.subscription) return random.chance(0.8) ? [{ kind: 'move', transaction, status: 'completed' }] : [];
  return subscriptionLife(random, product, transaction, data);
}

function subscriptionLife(random: Random, product: SimulatedProduct, transaction: string, data: Record<string, unknown>): Step[] {
  const subscriber = (data.subscription as { subscriber: { code: string } }).subscriber.code;
  const steps: Step[] = [];
  if (random.chance(0.25)) steps.push({ kind: 'move', transaction, status: 'delayed' }, { kind: 'move', transaction, status: random.chance(0.6) ? 'approved' : 'canceled' });
  if (random.chance(0.15)) steps.push({ kind: 'event', event: 'UPDATE_SUBSCRIPTION_CHARGE_DATE', data: withProduct(sampleData('UPDATE_SUBSCRIPTION_CHARGE_DATE'), product, subscriber, ['subscription', 'product']) });
  if (random.chance(0.1)) steps.push({ kind: 'event', event: 'SWITCH_PLAN', data: withProduct(sampleData('SWITCH_PLAN'), product, subscriber, ['subscription', 'product']) });
  if (random.chance(0.2)) steps.push({ kind: 'event', event: 'SUBSCRIPTION_CANCELLATION', data: withProduct(sampleData('SUBSCRIPTION_CANCELLATION'), product, subscriber, ['product']) });
  return steps;
}

function saleData(random: Random, product: SimulatedProduct, transaction: string, boleto: boolean): Record<string, unknown> {
  const data = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  data.product = { ...data.product, id: product.id, name: product.name };
  data.buyer = buyer(random);
  const price = { value: product.price, currency_value: 'BRL' };
  const tracking = origin(random);
  data.purchase = {
    ...data.purchase, transaction, price, full_price: price, original_offer_price: price,
    payment: boleto ? { type: random.pick(['BILLET', 'PIX']), installments_number: 1 } : { type: 'CREDIT_CARD', installments_number: random.int(1, 12) },
    ...(tracking ? { origin: tracking } : {}),
  };
  delete data.purchase.status;
  delete data.purchase.approved_date;
  delete data.purchase.order_date;
  if (random.chance(0.5)) data.affiliates = [{ ...random.pick(simulatedAffiliates) }];
  if (product.subscription) data.subscription = { status: 'ACTIVE', plan: { id: product.id + 1, name: 'Plano mensal' }, subscriber: { code: `S${random.int(1_000_000, 9_999_999)}` } };
  else delete data.subscription;
  return data;
}

function cartAbandonment(random: Random, product: SimulatedProduct) {
  const person = buyer(random);
  return { ...sampleData('PURCHASE_OUT_OF_SHOPPING_CART'), product: { id: product.id, name: product.name }, buyer: { name: person.name, email: person.email, phone: person.checkout_phone } };
}

function clubData(random: Random, product: SimulatedProduct, event: 'CLUB_FIRST_ACCESS' | 'CLUB_MODULE_COMPLETED') {
  const person = buyer(random);
  return { ...sampleData(event), product: { id: product.id, name: product.name }, user: { name: person.name, email: person.email } };
}

function withProduct(data: Record<string, any>, product: SimulatedProduct, subscriber: string, productPath: string[]): Record<string, unknown> {
  let node = data;
  for (const key of productPath.slice(0, -1)) node = node[key];
  node[productPath.at(-1)!] = { ...node[productPath.at(-1)!], id: product.id, name: product.name };
  if (data.subscriber) data.subscriber.code = subscriber;
  if (data.subscription?.subscriber_code) data.subscription.subscriber_code = subscriber;
  return data;
}
