// What a page must not print: console errors and CSP violations. Chromium logs every 4xx answer too: the 401s (not
// signed in yet, a wrong password) and the 422s (an invalid form) are what the scenarios provoke on purpose.
import type { Page } from 'playwright-core';

export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  const provoked = /Failed to load resource: the server responded with a status of (401|422)\b/;
  page.on('console', (message) => { if (message.type() === 'error' && !provoked.test(message.text())) errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}
