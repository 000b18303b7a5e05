'use strict';

const { apiUrl, baseUrl } = require('./lib/postback-url');
const { throwForStatus } = require('./lib/problem-error');

// Session auth: the user gives the Postback URL, Client ID and Client Secret (Postback's Credentials screen);
// the app exchanges them for an access token (OAuth2 client credentials). When a call answers 401 (the token
// expired, or the secret was rotated), Zapier runs the exchange again and retries the call.
const getSessionKey = async (z, bundle) => {
  // trimmed, as the URL is: a copy from the dashboard often brings a space or a line break along
  const clientId = String(bundle.authData.client_id || '').trim();
  const clientSecret = String(bundle.authData.client_secret || '').trim();
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const url = `${baseUrl(bundle.authData)}/oauth/token`;
  const refused = () => new z.errors.Error('Postback did not accept this Client ID and Client Secret: copy them again from Credentials in your Postback dashboard.', 'AuthenticationError', 401);
  let response;
  try {
    response = await z.request({
      method: 'POST',
      url,
      params: { grant_type: 'client_credentials' },
      headers: { Authorization: `Basic ${basic}` },
      skipThrowForStatus: true,
    });
  } catch (error) {
    // session auth turns every 401 into "refresh the session": here the session itself was refused, so say why
    if (error.name === 'RefreshAuthError') throw refused();
    throw error;
  }
  if (response.status === 400) throw refused();
  // no token endpoint there: the URL names a page of Postback (or another site), not Postback's address
  if (response.status === 404 || response.status === 405) {
    throw new z.errors.Error(`There is no Postback token endpoint at ${url}: check the Postback URL (the address of your Postback, e.g. https://postback.minhaescola.com.br, without a path).`, 'InvalidUrl', response.status);
  }
  throwForStatus(z, response);
  return { access_token: response.data.access_token };
};

// Any authenticated call proves the token works; the account's name labels the connection.
const testAuth = async (z, bundle) => (await z.request({ url: apiUrl(bundle, '/account') })).data;

module.exports = {
  type: 'session',
  fields: [
    { key: 'url', label: 'Postback URL', required: true, type: 'string', helpText: 'The address of your Postback, e.g. `https://postback.minhaescola.com.br`.' },
    { key: 'client_id', label: 'Client ID', required: true, type: 'string', helpText: 'From Credentials in your Postback dashboard.' },
    { key: 'client_secret', label: 'Client Secret', required: true, type: 'password', helpText: 'Shown once when the account was created; rotate it in Credentials if you lost it.' },
  ],
  test: testAuth,
  sessionConfig: { perform: getSessionKey },
  connectionLabel: '{{bundle.inputData.name}}',
};
