'use strict';

const { apiUrl } = require('../lib/postback-url');

// Hidden: feeds the "Delivery" dropdown of Resend Delivery with the latest deliveries, failed ones first.
const perform = async (z, bundle) => {
  const response = await z.request({ url: apiUrl(bundle, '/deliveries'), params: { limit: 50 } });
  const items = response.data.items.map((delivery) => ({ ...delivery, label: `${delivery.event} ${delivery.transaction || ''} (${delivery.status})` }));
  return [...items.filter((item) => item.status === 'failed'), ...items.filter((item) => item.status !== 'failed')];
};

module.exports = {
  key: 'delivery',
  noun: 'Delivery',
  display: { label: 'New Delivery', description: 'Lists recent deliveries (used by Resend Delivery).', hidden: true },
  operation: {
    perform,
    sample: { id: '0192b3c4-0000-7000-8000-000000000001', event: 'PURCHASE_APPROVED', transaction: 'HP17416165852291', status: 'failed', label: 'PURCHASE_APPROVED HP17416165852291 (failed)' },
  },
};
