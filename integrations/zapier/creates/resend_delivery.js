'use strict';

const { apiUrl } = require('../lib/postback-url');

// Resend a delivery (POST /api/v1/deliveries/:id/resend): a new cycle of attempts with the same event id and body,
// so the receiver dedupes it if it had it already.
const perform = async (z, bundle) => {
  const response = await z.request({ url: apiUrl(bundle, `/deliveries/${encodeURIComponent(bundle.inputData.delivery_id)}/resend`), method: 'POST' });
  return response.data;
};

module.exports = {
  key: 'resend_delivery',
  noun: 'Delivery',
  display: { label: 'Resend Delivery', description: 'Sends a delivery again (a new cycle of attempts, same event id).' },
  operation: {
    inputFields: [{ key: 'delivery_id', label: 'Delivery', required: true, dynamic: 'delivery.id.label', helpText: 'The delivery to send again (History in Postback shows its id).' }],
    perform,
    sample: { id: '0192b3c4-0000-7000-8000-000000000001', webhook_id: '0192b3c4-0000-7000-8000-000000000002', event_id: 'sample-PURCHASE_APPROVED', event: 'PURCHASE_APPROVED', status: 'pending' },
    outputFields: [
      { key: 'id', label: 'Delivery ID' },
      { key: 'webhook_id', label: 'Webhook ID' },
      { key: 'event_id', label: 'Event ID' },
      { key: 'event', label: 'Event' },
      { key: 'status', label: 'Status' },
    ],
  },
};
