// The fields of Hotmart's legacy 1.0.0 form that Postback does not send, and why: each has no source in the 2.0.0
// data Postback holds, and a guessed value would mislead a receiver more than an absent one. Researched from the
// 1.0.0 field lists that Hotmart-compatible platforms and public receivers document (field names, meanings and the
// values they compare); the catalogue publishes this list so a receiver's developer knows what will never arrive.
import type { EventFamily } from '../event-names.ts';

export type UnsentLegacyField = { name: string; description: string; why: string };

const purchaseFields: readonly UnsentLegacyField[] = [
  {
    name: 'transaction_ext',
    description: 'The transaction code the external payment processor gave the charge',
    why: 'The 2.0.0 data carries only Hotmart\'s own transaction code (purchase.transaction); no processor code exists to copy.',
  },
  {
    name: 'hotkey',
    description: "A members-site access serial, issued only for Hotmart's old \"members site\" products",
    why: 'No 2.0.0 field carries it: the serial belonged to a product type the 2.0.0 format no longer has.',
  },
  {
    name: 'recurrency_period',
    description: "The subscription plan's period in days (7, 30, 60, 90, 180 or 360)",
    why: "The 2.0.0 data names the plan (subscription.plan.id and name) but not its period; working it out from the next charge date would be wrong around trials, anticipated payments and charge-date changes.",
  },
  {
    name: 'receiver_type',
    description: 'Who receives the notification: SELLER or AFFILIATE',
    why: "It is the receiving account's side, not part of the sale: a body is rendered from the event and its delivery alone, and sending SELLER to an affiliate would be wrong. An affiliate's copy is recognisable by its affiliate hottok and its redacted buyer data.",
  },
  {
    name: 'productOfferPaymentMode',
    description: 'How the offer is paid: pagamento_unico, multiplos_pagamentos or pagamento_vista',
    why: 'No 2.0.0 field says it: installments_number counts the installments of this charge, not the offer\'s payment mode, and the exact meaning of each value is not established.',
  },
];

/** The legacy fields an event of `family` never carries, each with why; only the purchase form had them. */
export function unsentLegacyFieldsOf(family: EventFamily): readonly UnsentLegacyField[] {
  return family === 'purchase' ? purchaseFields : [];
}
