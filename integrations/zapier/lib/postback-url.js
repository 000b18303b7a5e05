'use strict';

// Where the user's Postback is: the URL they typed in the connection form, without trailing slashes or a pasted
// /api/v1, so "https://postback.minhaescola.com.br/" and ".../api/v1" both work.
const baseUrl = (authData) =>
  String((authData && authData.url) || '')
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/, '');

/** An API route of that Postback, e.g. apiUrl(bundle, '/hooks'). */
const apiUrl = (bundle, path) => `${baseUrl(bundle.authData)}/api/v1${path}`;

module.exports = { baseUrl, apiUrl };
