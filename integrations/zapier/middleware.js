'use strict';

// Runs before every request: the session's access token, unless the request brings its own Authorization (the
// token exchange sends Basic).
const includeAccessToken = (request, z, bundle) => {
  const headers = request.headers || {};
  const hasOwn = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  if (bundle.authData && bundle.authData.access_token && !hasOwn) {
    request.headers = { ...headers, Authorization: `Bearer ${bundle.authData.access_token}` };
  }
  return request;
};

module.exports = { befores: [includeAccessToken], afters: [] };
