'use strict';

const { apiUrl } = require('../lib/postback-url');

// Hidden: feeds the "Products" dropdown of every instant trigger with the account's products (GET /api/v1/products),
// by name, so nobody has to look an id up. Archived products are left out: no new sale names them.
const perform = async (z, bundle) => {
  const response = await z.request({ url: apiUrl(bundle, '/products') });
  return response.data.items.filter((product) => !product.archived_at).map((product) => ({ id: product.id, name: product.name }));
};

module.exports = {
  key: 'product',
  noun: 'Product',
  display: { label: 'New Product', description: 'Lists your Postback products (used by the triggers\' product filter).', hidden: true },
  operation: {
    perform,
    sample: { id: '3718245', name: 'Curso Completo de Fotografia com Celular' },
  },
};
