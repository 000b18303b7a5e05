// The REST-hook body (format version `hook`): one flat JSON object that automation tools (Zapier, n8n, Make) map field
// by field, with the full Hotmart `data` kept under `data`. Every key is always there (null when the event has no
// such value), so a Zap set up on one sale maps the next one too. A pure function of the stored event, like every
// renderer: each attempt and resend sends the same bytes, and GET /api/v1/hooks/samples/:trigger shows the same shape.
import { isEventName, productIdOf, subscriberCodeOf } from '../catalog/index.ts';
import { eventDefinitions } from '../catalog/definitions.ts';
import { valueAt } from '../catalog/extract.ts';
import { isoFromLooseDate } from '../catalog/formats.ts';
import type { StoredEvent } from '../store/store.ts';

export const hookFormat = 'hook';

type Data = Record<string, unknown>;
type Scalar = string | number | boolean | null;

// The first of `paths` that holds a string or a number; '' counts as absent (Hotmart sends empty affiliate fields)
const firstOf = (data: Data, ...paths: (readonly string[])[]): string | number | null => {
  for (const path of paths) {
    const value = valueAt(data, path);
    if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) return value;
  }
  return null;
};
const text = (data: Data, ...paths: (readonly string[])[]): string | null => { const value = firstOf(data, ...paths); return value === null ? null : String(value); };
const number = (data: Data, ...paths: (readonly string[])[]): number | null => { const value = firstOf(data, ...paths); return typeof value === 'number' ? value : null; };
// epoch ms (or digits) and ISO text alike become ISO-8601 UTC; anything else is left out (null)
const date = (data: Data, ...paths: (readonly string[])[]): string | null => isoFromLooseDate(firstOf(data, ...paths));
const firstAffiliate = (data: Data): Data => (Array.isArray(data.affiliates) && typeof data.affiliates[0] === 'object' && data.affiliates[0] !== null ? data.affiliates[0] as Data : {});
const currentPlan = (data: Data): Data => {
  const plans: unknown[] = Array.isArray(data.plans) ? data.plans : [];
  const current = plans.find((plan) => typeof plan === 'object' && plan !== null && (plan as Data).current === true);
  return typeof current === 'object' && current !== null ? current as Data : {};
};
const phone = (data: Data): string | null => {
  const checkout = text(data, ['buyer', 'checkout_phone']);
  if (checkout !== null) return `${text(data, ['buyer', 'checkout_phone_code']) ?? ''}${checkout}`;
  const cell = text(data, ['subscriber', 'phone', 'cell']);
  return cell !== null ? `${text(data, ['subscriber', 'phone', 'dddCell']) ?? ''}${cell}` : text(data, ['buyer', 'phone']);
};

const purchase = (...path: string[]) => ['purchase', ...path];
const origin = (key: string) => purchase('origin', key);

/** The flat fields of one event, in the order they are sent (without `data`, which `renderFlatJson` appends verbatim). */
export function flatFields(event: StoredEvent, data: Data): Record<string, Scalar> {
  const name = event.event;
  const productPath = isEventName(name) ? eventDefinitions[name].productIdPath : ['product', 'id'];
  return {
    id: event.id,
    event: name,
    // an instant no Date holds (an event stored before creation_date was bounded) is left out rather than thrown on
    creation_date: isoFromLooseDate(event.creationDate),
    test: event.isTest,
    status: text(data, purchase('status'), ['subscription', 'status']) ?? (name === 'SUBSCRIPTION_CANCELLATION' ? 'CANCELED' : null),
    transaction: text(data, purchase('transaction')),
    product_id: isEventName(name) ? productIdOf(name, data) ?? null : text(data, productPath),
    product_name: text(data, [...productPath.slice(0, -1), 'name']),
    offer_code: text(data, purchase('offer', 'code'), ['offer', 'code'], ['plan', 'offer', 'code']) ?? text(currentPlan(data), ['offer', 'key']),
    buyer_email: text(data, ['buyer', 'email'], ['subscriber', 'email'], ['subscription', 'user', 'email'], ['user', 'email']),
    buyer_name: text(data, ['buyer', 'name'], ['subscriber', 'name'], ['user', 'name']),
    buyer_phone: phone(data),
    price: number(data, purchase('price', 'value'), ['actual_recurrence_value']),
    currency: text(data, purchase('price', 'currency_value')),
    payment_type: text(data, purchase('payment', 'type')),
    installments: number(data, purchase('payment', 'installments_number')),
    order_date: date(data, purchase('order_date')),
    approved_date: date(data, purchase('approved_date')),
    sck: text(data, origin('sck')),
    src: text(data, origin('src')),
    xcod: text(data, origin('xcod')),
    utm_source: text(data, origin('utm_source')),
    utm_medium: text(data, origin('utm_medium')),
    utm_campaign: text(data, origin('utm_campaign')),
    utm_term: text(data, origin('utm_term')),
    utm_content: text(data, origin('utm_content')),
    affiliate_code: text(firstAffiliate(data), ['affiliate_code']),
    affiliate_name: text(firstAffiliate(data), ['name']),
    subscriber_code: (isEventName(name) ? subscriberCodeOf(name, data) : undefined) ?? null,
    subscription_status: text(data, ['subscription', 'status']),
    plan_name: text(data, ['subscription', 'plan', 'name'], ['plan', 'name']) ?? text(currentPlan(data), ['name']),
    next_charge_date: date(data, purchase('date_next_charge'), ['date_next_charge'], ['subscription', 'dateNextCharge'], ['subscription', 'date_next_charge']),
  };
}

/** The body: the flat fields, then `data` as the exact JSON text that was accepted. */
export function renderFlatJson(event: StoredEvent): string {
  const fields = JSON.stringify(flatFields(event, JSON.parse(event.data) as Data));
  return `${fields.slice(0, -1)},"data":${event.data}}`;
}

/** The same shape as an object (what the samples endpoint lists). */
export function flatItem(event: StoredEvent): Record<string, unknown> {
  return JSON.parse(renderFlatJson(event)) as Record<string, unknown>;
}
