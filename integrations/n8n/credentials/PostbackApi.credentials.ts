import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// What the producer copies from Postback's Credentials screen, and where their Postback is. The node exchanges them
// for an access token (OAuth2 client credentials) itself, so a self-hosted Postback needs nothing else.
export class PostbackApi implements ICredentialType {
  name = 'postbackApi';

  displayName = 'Postback API';

  documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-postback';

  properties: INodeProperties[] = [
    { displayName: 'Postback URL', name: 'url', type: 'string', default: '', placeholder: 'https://postback.minhaescola.com.br', required: true },
    { displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
    { displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
  ];

  // "Test" in n8n's credential screen: the token exchange itself, at the address the node uses (baseUrl() in
  // PostbackApi.ts: trimmed, without trailing slashes or a pasted /api/v1) and with the values trimmed as it does, so
  // the button never refuses credentials the node accepts
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{String($credentials.url).trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/, "")}}',
      url: '/oauth/token',
      method: 'POST',
      qs: { grant_type: 'client_credentials' },
      auth: { username: '={{String($credentials.clientId).trim()}}', password: '={{String($credentials.clientSecret).trim()}}' },
    },
  };
}
