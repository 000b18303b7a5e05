// The 1.0.0 form of the events Hotmart's legacy format never had: cart abandonment, subscription changes and
// members-area events. Each carries what its 2.0.0 `data` has a legacy field for: product, the person's e-mail
// and name, the subscriber code, plan and statuses. `status` is sent only where it has a legacy meaning
// (a cancelled subscription is `canceled`); elsewhere receivers tell the events apart by `callback_type`.
import { valueAt } from '../extract.ts';
import type { EventName } from '../event-names.ts';
import { callbackTypeField, hottokField, productField, subscriberCodeField } from './common-fields.ts';
import { computed, firstOf, from, lowercase, mapped } from './field.ts';
import type { LegacyField } from './field.ts';

/** Hottok and product first, callback_type last, the event's own fields between: the order of every form. */
function form(event: EventName, fields: readonly LegacyField[]): readonly LegacyField[] {
  return [hottokField, productField(event), ...fields, callbackTypeField(event)];
}

export function cartLegacyFields(event: EventName): readonly LegacyField[] {
  return form(event, [
    from('prod_name', ['product', 'name'], 'Product name', { required: true }),
    from('off', ['offer', 'code'], 'Offer (price plan) code'),
    from('email', ['buyer', 'email'], 'Visitor e-mail typed at checkout', { kind: 'email', required: true }),
    from('name', ['buyer', 'name'], 'Visitor name typed at checkout'),
    from('phone_number', ['buyer', 'phone'], 'Visitor phone typed at checkout'),
    from('phone_checkout_number', ['buyer', 'phone'], 'Visitor phone typed at checkout'),
    from('address_country', ['checkout_country', 'name'], 'Checkout country name'),
    from('address_country_ISO', ['checkout_country', 'iso'], 'Checkout country code (ISO 3166-1 alpha-2)'),
  ]);
}

const canceled = () => 'canceled';

function cancellationFields(event: EventName): readonly LegacyField[] {
  return form(event, [
    from('prod_name', ['product', 'name'], 'Product name'),
    from('price', ['actual_recurrence_value'], 'Value of the current recurrence', { kind: 'decimal' }),
    from('email', ['subscriber', 'email'], 'Subscriber e-mail; members areas revoke access by it', { kind: 'email', required: true }),
    from('name', ['subscriber', 'name'], 'Subscriber name'),
    from('phone_local_code', ['subscriber', 'phone', 'dddCell'], 'Subscriber mobile area code'),
    from('phone_number', ['subscriber', 'phone', 'cell'], 'Subscriber mobile number'),
    computed('status', 'constant canceled', 'Always canceled: the subscription was cancelled', canceled, { kind: 'status', required: true }),
    from('name_subscription_plan', ['subscription', 'plan', 'name'], 'Subscription plan name'),
    subscriberCodeField(event, true),
    computed('subscription_status', 'constant canceled', 'Always canceled', canceled, { required: true }),
    from('subscription_date_next_charge', ['date_next_charge'], 'The charge that will no longer happen', { kind: 'datetime' }),
  ]);
}

/** The plan now in force in SWITCH_PLAN's `plans` list (the one with `current: true`). */
function currentPlan(data: Record<string, unknown>): Record<string, unknown> {
  const plans = Array.isArray(data.plans) ? data.plans : [];
  return firstOf(plans.filter((plan: unknown) => typeof plan === 'object' && plan !== null && (plan as Record<string, unknown>).current === true));
}

function switchPlanFields(event: EventName): readonly LegacyField[] {
  return form(event, [
    from('prod_name', ['subscription', 'product', 'name'], 'Product name'),
    computed('off', 'plans[current].offer.key (or .code)', 'Offer key of the new plan', (c) => valueAt(currentPlan(c.data), ['offer', 'key']) ?? valueAt(currentPlan(c.data), ['offer', 'code'])),
    from('email', ['subscription', 'user', 'email'], 'Subscriber e-mail', { kind: 'email' }),
    computed('name_subscription_plan', 'plans[current].name', 'Name of the new plan', (c) => currentPlan(c.data).name),
    subscriberCodeField(event, true),
    mapped('subscription_status', ['subscription', 'status'], 'lowercased', 'Subscription status, e.g. active', lowercase),
  ]);
}

function chargeDateFields(event: EventName): readonly LegacyField[] {
  return form(event, [
    from('prod_name', ['subscription', 'product', 'name'], 'Product name'),
    from('off', ['plan', 'offer', 'code'], 'Offer code of the plan'),
    from('email', ['subscriber', 'email'], 'Subscriber e-mail', { kind: 'email' }),
    from('name', ['subscriber', 'name'], 'Subscriber name'),
    from('name_subscription_plan', ['plan', 'name'], 'Subscription plan name'),
    subscriberCodeField(event, true),
    mapped('subscription_status', ['subscription', 'status'], 'lowercased', 'Subscription status, e.g. active', lowercase),
    computed('subscription_date_next_charge', 'subscription.date_next_charge (or dateNextCharge)', 'Next charge, on the new day',
      (c) => valueAt(c.data, ['subscription', 'date_next_charge']) ?? valueAt(c.data, ['subscription', 'dateNextCharge']), { kind: 'datetime' }),
  ]);
}

export function subscriptionLegacyFields(event: EventName): readonly LegacyField[] {
  switch (event) {
    case 'SUBSCRIPTION_CANCELLATION': return cancellationFields(event);
    case 'SWITCH_PLAN': return switchPlanFields(event);
    case 'UPDATE_SUBSCRIPTION_CHARGE_DATE': return chargeDateFields(event);
    // our bug: a new subscription event needs its own table here
    default: throw new Error(`no 1.0.0 field table for subscription event ${event}`);
  }
}

export function clubLegacyFields(event: EventName): readonly LegacyField[] {
  return form(event, [
    from('prod_name', ['product', 'name'], 'Product name'),
    from('email', ['user', 'email'], 'Student e-mail', { kind: 'email', required: true }),
    from('name', ['user', 'name'], 'Student name'),
  ]);
}
