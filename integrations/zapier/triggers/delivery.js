'use strict';

const { apiUrl } = require('../lib/postback-url');

// Hidden: feeds the "Delivery" dropdown of Resend Delivery with the latest deliveries, failed ones first, each
// labelled with the name of the configuration it went to (GET /api/v1/webhooks), since the same sale goes to several.
const perform = async (z, bundle) => {
  const [deliveries, webhooks] = await Promise.all([
    z.request({ url: apiUrl(bundle, '/deliveries'), params: { limit: 50 } }),
    z.request({ url: apiUrl(bundle, '/webhooks') }),
  ]);
  const names = new Map(webhooks.data.items.map((webhook) => [webhook.id, webhook.name]));
  const label = (delivery) => {
    const what = [delivery.event, delivery.transaction, `(${delivery.status})`].filter(Boolean).join(' ');
    return names.has(delivery.webhook_id) ? `${names.get(delivery.webhook_id)}: ${what}` : what;
  };
  const items = deliveries.data.items.map((delivery) => ({ ...delivery, label: label(delivery) }));
  return [...items.filter((item) => item.status === 'failed'), ...items.filter((item) => item.status !== 'failed')];
};

module.exports = {
  key: 'delivery',
  noun: 'Delivery',
  display: { label: 'New Delivery', description: 'Lists recent deliveries (used by Resend Delivery).', hidden: true },
  operation: {
    perform,
    sample: { id: '0192b3c4-0000-7000-8000-000000000001', event: 'PURCHASE_APPROVED', transaction: 'HP17416165852291', status: 'failed', label: 'Área de membros: PURCHASE_APPROVED HP17416165852291 (failed)' },
  },
};
