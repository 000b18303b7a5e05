'use strict';

const { apiUrl } = require('./postback-url');
const { outputFields, sample } = require('./output-fields');
const { throwForStatus } = require('./problem-error');

// One REST-hook trigger (Zapier's instant trigger) on a Postback hook trigger: subscribing creates the hook
// (POST /api/v1/hooks) with Zapier's target URL, unsubscribing deletes it, and the set-up's sample items come from
// GET /api/v1/hooks/samples/:trigger. Postback delivers each event as one flat JSON object: that is the item.
module.exports = ({ key, trigger, noun, label, description }) => {
  const performSubscribe = async (z, bundle) => {
    // trimmed: an id pasted with spaces (' 3718245 ') is the product the user meant, not an unknown one
    const products = (bundle.inputData.products || []).map((id) => String(id).trim()).filter((id) => id !== '');
    const response = await z.request({
      url: apiUrl(bundle, '/hooks'),
      method: 'POST',
      body: { target_url: bundle.targetUrl, event: trigger, products: products.length > 0 ? products : 'all', name: `Zapier: ${label}` },
    });
    // kept by Zapier as bundle.subscribeData: the hook's id (to unsubscribe) and its signing secret
    return response.data;
  };

  const performUnsubscribe = async (z, bundle) => {
    const response = await z.request({ url: apiUrl(bundle, `/hooks/${encodeURIComponent(bundle.subscribeData.id)}`), method: 'DELETE', skipThrowForStatus: true });
    // 404: already gone (its target answered 410, or someone deleted it in Postback): unsubscribed all the same
    if (response.status !== 404) throwForStatus(z, response);
    return { id: bundle.subscribeData.id };
  };

  const perform = (z, bundle) => [bundle.cleanedRequest];

  const performList = async (z, bundle) => (await z.request({ url: apiUrl(bundle, `/hooks/samples/${trigger}`) })).data.items;

  return {
    key,
    noun,
    display: { label, description },
    operation: {
      type: 'hook',
      inputFields: [
        {
          key: 'products', label: 'Products', list: true, required: false, dynamic: 'product.id.name',
          helpText: 'The products to listen to (your Postback products); leave empty for all products.',
        },
      ],
      performSubscribe,
      performUnsubscribe,
      perform,
      performList,
      sample: { ...sample },
      outputFields,
    },
  };
};
