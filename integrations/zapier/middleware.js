'use strict';

const { readableProblem } = require('./lib/problem-error');

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

// Runs after every response, before Zapier's own status check: a problem+json 4xx becomes Postback's sentence. A
// request that skips the status check reads the status itself (a 404 that means "not found" or "already gone").
const throwReadableProblem = (response, z) => {
  if (response.skipThrowForStatus) return response;
  const problem = readableProblem(z, response);
  if (problem) throw problem;
  return response;
};

module.exports = { befores: [includeAccessToken], afters: [throwReadableProblem] };
