'use strict';

// Postback answers errors as application/problem+json (RFC 9457) whose `detail` is a sentence for people ("Unknown
// product ids: 9999999..."). Zapier shows a thrown z.errors.Error's message in the Zap editor, where a plain
// throwForStatus() would show the raw response (status, headers and the JSON as a string). 401 and 429 are left to
// Zapier's own handling (refresh the session; retry after Retry-After), and so is a 5xx (Postback's own failure, which
// a retry may cure).
const readableProblem = (z, response) => {
  const { status } = response;
  if (status < 400 || status >= 500 || status === 401 || status === 429) return null;
  const type = String(response.headers.get('content-type') || '');
  const problem = response.data;
  if (!type.includes('application/problem+json') || !problem || typeof problem.detail !== 'string') return null;
  return new z.errors.Error(problem.detail, String(problem.code || `http_${status}`), status);
};

/** For an operation that skips Zapier's automatic check (to read a 404 itself): Postback's sentence, or the raw error. */
const throwForStatus = (z, response) => {
  const problem = readableProblem(z, response);
  if (problem) throw problem;
  response.throwForStatus();
};

module.exports = { readableProblem, throwForStatus };
