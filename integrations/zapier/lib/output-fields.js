'use strict';

// The flat item Postback delivers to REST hooks (its README, "REST hooks"): every key is always present, null when
// the event has no such value. The full Hotmart data also comes under `data` (Zapier shows it as data__...).
// test/app.test.mjs checks that these keys are exactly those of a live delivery.
const outputFields = [
  { key: 'id', label: 'Event ID' },
  { key: 'event', label: 'Event' },
  { key: 'creation_date', label: 'Event Date', type: 'datetime' },
  { key: 'test', label: 'Is Test', type: 'boolean' },
  { key: 'status', label: 'Status' },
  { key: 'transaction', label: 'Transaction' },
  { key: 'product_id', label: 'Product ID' },
  { key: 'product_name', label: 'Product Name' },
  { key: 'offer_code', label: 'Offer Code' },
  { key: 'buyer_email', label: 'Buyer Email' },
  { key: 'buyer_name', label: 'Buyer Name' },
  { key: 'buyer_phone', label: 'Buyer Phone' },
  { key: 'price', label: 'Price', type: 'number' },
  { key: 'currency', label: 'Currency' },
  { key: 'payment_type', label: 'Payment Type' },
  { key: 'installments', label: 'Installments', type: 'integer' },
  { key: 'order_date', label: 'Order Date', type: 'datetime' },
  { key: 'approved_date', label: 'Approved Date', type: 'datetime' },
  { key: 'sck', label: 'Tracking Code (sck)' },
  { key: 'src', label: 'Tracking Source (src)' },
  { key: 'xcod', label: 'Tracking Code (xcod)' },
  { key: 'utm_source', label: 'UTM Source' },
  { key: 'utm_medium', label: 'UTM Medium' },
  { key: 'utm_campaign', label: 'UTM Campaign' },
  { key: 'utm_term', label: 'UTM Term' },
  { key: 'utm_content', label: 'UTM Content' },
  { key: 'affiliate_code', label: 'Affiliate Code' },
  { key: 'affiliate_name', label: 'Affiliate Name' },
  { key: 'subscriber_code', label: 'Subscriber Code' },
  { key: 'subscription_status', label: 'Subscription Status' },
  { key: 'plan_name', label: 'Plan Name' },
  { key: 'next_charge_date', label: 'Next Charge Date', type: 'datetime' },
];

// What Zapier shows when it cannot fetch a real item: obviously made-up values in the delivered shape.
const sample = {
  id: 'sample-PURCHASE_APPROVED', event: 'PURCHASE_APPROVED', creation_date: '2025-03-10T14:23:05.000Z', test: true, status: 'APPROVED',
  transaction: 'HP17416165852291', product_id: '3718245', product_name: 'Curso Completo de Fotografia com Celular', offer_code: 'x7k2m9pq',
  buyer_email: 'ana.carolina.souza@example.com', buyer_name: 'Ana Carolina Souza', buyer_phone: '11987654321', price: 497, currency: 'BRL',
  payment_type: 'CREDIT_CARD', installments: 12, order_date: '2025-03-10T14:23:05.000Z', approved_date: '2025-03-10T14:24:40.000Z',
  sck: 'stories_marco', src: 'instagram', xcod: null, utm_source: null, utm_medium: null, utm_campaign: null, utm_term: null, utm_content: null,
  affiliate_code: 'K83412907T', affiliate_name: 'Rafael Mendes', subscriber_code: null, subscription_status: null, plan_name: null, next_charge_date: null,
  data: { purchase: { transaction: 'HP17416165852291', status: 'APPROVED' } },
};

module.exports = { outputFields, sample };
