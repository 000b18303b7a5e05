// `data` of the subscription events: SUBSCRIPTION_CANCELLATION, SWITCH_PLAN, UPDATE_SUBSCRIPTION_CHARGE_DATE.
import * as z from 'zod';
import { buyerData, shared } from '../field-doc.ts';
import { amount, emailAddress, epochMs, epochMsOrIso, nonEmpty } from '../formats.ts';

const product = z.looseObject({
  id: shared(z.number().int(), 'Product id', 'integer'),
  name: shared(z.string(), 'Product name', 'string').optional(),
});

const plan = z.looseObject({
  id: shared(z.number().int(), 'Plan id', 'integer'),
  name: shared(z.string(), 'Plan name', 'string').optional(),
});

const subscriberCode = shared(nonEmpty, 'Subscriber code, stable across the subscription', 'string');

// The e-mail is required here: members areas revoke access by it.
export const subscriptionCancellationData = z.looseObject({
  actual_recurrence_value: shared(amount, 'Value of the current recurrence', 'number').optional(),
  cancellation_date: shared(epochMs, 'When the subscription was cancelled', 'epoch ms').optional(),
  date_next_charge: shared(epochMsOrIso, 'Charge that will no longer happen', 'epoch ms | ISO-8601').optional(),
  product,
  subscriber: z.looseObject({
    code: subscriberCode,
    email: buyerData(emailAddress, 'Subscriber e-mail', 'email'),
    name: buyerData(z.string(), 'Subscriber name', 'string').optional(),
    phone: z
      .looseObject({
        dddPhone: buyerData(z.string(), 'Landline area code', 'string').optional(),
        phone: buyerData(z.string(), 'Landline number', 'string').optional(),
        dddCell: buyerData(z.string(), 'Mobile area code', 'string').optional(),
        cell: buyerData(z.string(), 'Mobile number', 'string').optional(),
      })
      .optional(),
  }),
  subscription: z
    .looseObject({
      id: shared(z.number().int(), 'Subscription id', 'integer'),
      plan: plan.optional(),
    })
    .optional(),
});

// Real SWITCH_PLAN deliveries name the offer `key`; elsewhere it is `code`. Either is accepted, one is required.
// (zod runs a refine only once the object's own keys are valid, so this issue can surface on a second pass.)
const planOffer = z
  .looseObject({
    key: shared(z.string(), 'Offer key of the plan (SWITCH_PLAN spelling)', 'string').optional(),
    code: shared(z.string(), 'Offer code of the plan (alternative spelling of key)', 'string').optional(),
  })
  .refine((o) => o.key !== undefined || o.code !== undefined, { error: 'Required (offer.key or offer.code)', path: ['key'] });

export const switchPlanData = z.looseObject({
  switch_plan_date: shared(epochMs, 'When the plan was changed', 'epoch ms').optional(),
  subscription: z.looseObject({
    subscriber_code: subscriberCode,
    status: shared(z.string(), 'Subscription status, e.g. ACTIVE', 'string').optional(),
    product,
    user: z.looseObject({ email: buyerData(emailAddress, 'Subscriber e-mail', 'email') }).optional(),
  }),
  plans: z.array(
    z.looseObject({
      id: shared(z.number().int(), 'Plan id', 'integer'),
      name: shared(z.string(), 'Plan name', 'string').optional(),
      offer: planOffer.optional(),
      current: shared(z.boolean(), 'Whether this is the plan now in force', 'boolean').optional(),
    }),
  ).optional(),
});

const chargeDay = z.number().int().min(1).max(31);

// Production's wire is snake_case (new_charge_day...), which Postback sends; the camelCase spelling comes from
// Hotmart's History screen and is accepted too. The new day is required in either spelling.
const chargeDateSubscription = z
  .looseObject({
    product,
    status: shared(z.string(), 'Subscription status, e.g. ACTIVE', 'string').optional(),
    old_charge_day: shared(chargeDay, 'Previous day of the month of the charge', 'integer').optional(),
    new_charge_day: shared(chargeDay, 'New day of the month of the charge', 'integer').optional(),
    date_next_charge: shared(epochMsOrIso, 'Next charge', 'ISO-8601 | epoch ms').optional(),
    oldChargeDay: shared(chargeDay, "Previous charge day (camelCase, as Hotmart's History screen shows it; accepted, never sent)", 'integer').optional(),
    newChargeDay: shared(chargeDay, "New charge day (camelCase, as Hotmart's History screen shows it; accepted, never sent)", 'integer').optional(),
    dateNextCharge: shared(epochMsOrIso, "Next charge (camelCase, as Hotmart's History screen shows it; accepted, never sent)", 'ISO-8601 | epoch ms').optional(),
  })
  .refine((s) => s.new_charge_day !== undefined || s.newChargeDay !== undefined, {
    error: 'Required (new_charge_day or newChargeDay)',
    path: ['new_charge_day'],
  });

export const updateChargeDateData = z.looseObject({
  subscriber: z.looseObject({
    code: subscriberCode,
    email: buyerData(emailAddress, 'Subscriber e-mail', 'email').optional(),
    name: buyerData(z.string(), 'Subscriber name', 'string').optional(),
  }),
  subscription: chargeDateSubscription,
  plan: z
    .looseObject({
      id: shared(z.number().int(), 'Plan id', 'integer'),
      name: shared(z.string(), 'Plan name', 'string').optional(),
      offer: z.looseObject({ code: shared(z.string(), 'Offer code of the plan', 'string') }).optional(),
    })
    .optional(),
});
