// Signing in to the dashboard in a browser test (English: the test browser's locale).
import type { Page } from 'playwright-core';

/**
 * Opens `path`, signs out whoever is signed in (if anyone), then signs in with this email and password and waits for
 * the page's heading.
 */
export async function signInAs(page: Page, base: string, email: string, password: string, landing = { path: '/credentials', heading: 'Credentials' }): Promise<void> {
  await page.goto(`${base}${landing.path}`);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await page.getByRole('heading', { name: 'Sign in' }).or(signOut).waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: landing.heading, exact: true, level: 1 }).waitFor();
}
