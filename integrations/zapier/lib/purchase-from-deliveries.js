'use strict';

const { apiUrl } = require('./postback-url');

// A sale that reached Postback through POST /api/v1/events (the usual path: the checkout posts its events) has no
// purchase of its own: GET /api/v1/purchases/:transaction knows only purchases whose lifecycle Postback manages. Its
// events are found through their deliveries (GET /api/v1/deliveries?transaction=), so Find Purchase builds the same
// item from them. Limits: only events delivered to some configuration are seen (an event no webhook or hook wanted
// has no delivery), deleting a configuration deletes its deliveries, and a timeline past the newest 200 deliveries
// is cut short (a transaction has a handful of events, each delivered to a few configurations).

// The lifecycle status each purchase event means, as GET /api/v1/purchases names it (src/domain/purchase-lifecycle.ts).
const statusOfEvent = {
  PURCHASE_BILLET_PRINTED: 'waiting_payment',
  PURCHASE_APPROVED: 'approved',
  PURCHASE_COMPLETE: 'completed',
  PURCHASE_PROTEST: 'refund_claimed',
  PURCHASE_REFUNDED: 'refunded',
  PURCHASE_CHARGEBACK: 'chargeback',
  PURCHASE_EXPIRED: 'expired',
  PURCHASE_CANCELED: 'canceled',
  PURCHASE_DELAYED: 'delayed',
};

// the formats whose body carries the Hotmart data under `data` (2.0.0's envelope; the flat hook item)
const withData = new Set(['2.0.0', 'hook']);

/** The purchase item for `transaction` from its deliveries, or null when it has none (test sends left out). */
const purchaseFromDeliveries = async (z, bundle, transaction) => {
  // an empty filter would list every delivery of the account
  if (transaction === '') return null;
  const response = await z.request({ url: apiUrl(bundle, '/deliveries'), params: { transaction, test: 'false', limit: 200 } });
  const rows = response.data.items;
  if (rows.length === 0) return null;
  // newest first, one row per configuration an event went to: each event once (its first delivery), oldest first
  const byEvent = new Map();
  for (const row of [...rows].reverse()) if (!byEvent.has(row.event_id)) byEvent.set(row.event_id, row);
  const events = [...byEvent.values()];
  const last = events[events.length - 1];
  const withStatus = events.filter((row) => statusOfEvent[row.event]);
  const facts = rows.find((row) => row.buyer || row.product) || {};
  // the sale's data as its last event carried it, read from one of that event's deliveries
  const carrier = rows.find((row) => row.event_id === last.event_id && withData.has(row.version));
  const data = carrier ? ((await z.request({ url: apiUrl(bundle, `/deliveries/${encodeURIComponent(carrier.id)}`) })).data.payload || {}).data || {} : {};
  return {
    id: transaction,
    transaction,
    status: withStatus.length > 0 ? statusOfEvent[withStatus[withStatus.length - 1].event] : null,
    buyer_email: (facts.buyer || {}).email || null,
    buyer_name: (facts.buyer || {}).name || null,
    product_id: (facts.product || {}).id || null,
    product_name: (facts.product || {}).name || null,
    last_event: last.event,
    last_event_id: last.event_id,
    created_at: events[0].created_at,
    updated_at: last.created_at,
    // when Postback received each event (a purchase's timeline has the events' own creation_date)
    timeline: events.map((row) => ({ id: row.event_id, event: row.event, creation_date: Date.parse(row.created_at), test: row.test })),
    data,
  };
};

module.exports = { purchaseFromDeliveries };
