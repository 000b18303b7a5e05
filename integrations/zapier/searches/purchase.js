'use strict';

const { apiUrl } = require('../lib/postback-url');
const { throwForStatus } = require('../lib/problem-error');
const { purchaseFromDeliveries } = require('../lib/purchase-from-deliveries');

// Find a purchase by its transaction code (GET /api/v1/purchases/:transaction): its status, data and the events it
// produced, so a Zap can reconcile what it saw with what Postback holds. A sale whose events were posted to
// POST /api/v1/events has no purchase there: it is found through its deliveries instead, in the same shape.
const perform = async (z, bundle) => {
  const transaction = String(bundle.inputData.transaction || '').trim();
  const response = await z.request({ url: apiUrl(bundle, `/purchases/${encodeURIComponent(transaction)}`), skipThrowForStatus: true });
  // not found is an empty result for a search, not an error
  if (response.status === 404) {
    const fromEvents = await purchaseFromDeliveries(z, bundle, transaction);
    return fromEvents ? [fromEvents] : [];
  }
  throwForStatus(z, response);
  const purchase = response.data;
  const data = purchase.data || {};
  const last = purchase.timeline[purchase.timeline.length - 1] || {};
  return [{
    id: purchase.transaction,
    transaction: purchase.transaction,
    status: purchase.status,
    buyer_email: (data.buyer || {}).email || null,
    buyer_name: (data.buyer || {}).name || null,
    product_id: (data.product || {}).id === undefined ? null : String(data.product.id),
    product_name: (data.product || {}).name || null,
    last_event: last.event || null,
    last_event_id: last.id || null,
    created_at: purchase.created_at,
    updated_at: purchase.updated_at,
    timeline: purchase.timeline,
    data,
  }];
};

module.exports = {
  key: 'purchase',
  noun: 'Purchase',
  display: { label: 'Find Purchase', description: 'Finds a sale by its transaction code (e.g. HP17416165852291), whether Postback manages its purchase or its checkout posts the events.' },
  operation: {
    inputFields: [{ key: 'transaction', label: 'Transaction', required: true, helpText: 'The transaction code, as in the Transaction field of an order.' }],
    perform,
    sample: {
      id: 'HP17416165852291', transaction: 'HP17416165852291', status: 'approved', buyer_email: 'ana.carolina.souza@example.com', buyer_name: 'Ana Carolina Souza',
      product_id: '3718245', product_name: 'Curso Completo de Fotografia com Celular', last_event: 'PURCHASE_APPROVED', last_event_id: 'sample-PURCHASE_APPROVED',
      created_at: '2025-03-10T14:24:40.000Z', updated_at: '2025-03-10T14:24:40.000Z', timeline: [], data: {},
    },
    outputFields: [
      { key: 'transaction', label: 'Transaction' },
      { key: 'status', label: 'Status (waiting_payment, approved, completed, refunded...)' },
      { key: 'buyer_email', label: 'Buyer Email' },
      { key: 'buyer_name', label: 'Buyer Name' },
      { key: 'product_id', label: 'Product ID' },
      { key: 'product_name', label: 'Product Name' },
      { key: 'last_event', label: 'Last Event' },
      { key: 'last_event_id', label: 'Last Event ID' },
      { key: 'created_at', label: 'Created At', type: 'datetime' },
      { key: 'updated_at', label: 'Updated At', type: 'datetime' },
    ],
  },
};
