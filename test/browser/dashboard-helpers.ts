// What the dashboard's browser suites share: an account with a dashboard user and an API token, signing in through
// the real sign-in page, the console watched for errors, screenshots, and the layout checks.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/create-account.ts';
import { createUser } from '../../src/accounts/create-user.ts';
import type { AccountKind } from '../../src/store/store.ts';
import type { ApiAnswer, Platform } from '../helpers/platform.ts';
import { projectRoot } from '../helpers/process.ts';
import type { AccountId } from '../../src/domain/ids.ts';

export const artifacts = join(projectRoot, 'test-artifacts', 'dashboard');
mkdirSync(artifacts, { recursive: true });

export const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

export type Member = { accountId: AccountId; email: string; password: string; basic: string; call(method: string, path: string, body?: unknown): Promise<ApiAnswer> };

/** An account with a dashboard user (email and password) and a bearer-token API client for setting things up. */
export async function member(platform: Platform, name: string, kind: AccountKind, email: string): Promise<Member> {
  const now = Date.now();
  const issued = await createAccount(platform.store, { name, kind }, now);
  const password = `${email} password`;
  await createUser(platform.store, { accountId: issued.account_id, email, password }, now);
  const answer = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${issued.basic}` } });
  assert.equal(answer.status, 200);
  const token = answer.body.access_token as string;
  const call = (method: string, path: string, body?: unknown) => platform.request(method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  });
  return { accountId: issued.account_id, email, password, basic: issued.basic, call };
}

/** Signs out whoever is signed in, then signs in through the page, in whichever language it shows. */
export async function signIn(page: Page, base: string, who: Pick<Member, 'email' | 'password'>): Promise<void> {
  await page.goto(`${base}/webhooks`);
  const form = page.locator('form').filter({ has: page.locator('input[type="password"]') });
  const signOut = page.locator('.account-menu button');
  await form.or(signOut).first().waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
    await form.waitFor();
  }
  await form.locator('input[type="email"]').fill(who.email);
  await form.locator('input[type="password"]').fill(who.password);
  await form.locator('button[type="submit"]').click();
  await page.locator('.account-menu').waitFor();
}

/** Console errors and uncaught exceptions. Chromium logs every 4xx answer too: `provoked` lists the statuses a scenario causes on purpose. */
export function watchForErrors(page: Page, provoked: number[] = [401]): string[] {
  const errors: string[] = [];
  const expected = new RegExp(`Failed to load resource: the server responded with a status of (${provoked.join('|')})\\b`);
  page.on('console', (message) => { if (message.type() === 'error' && !expected.test(message.text())) errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

/** Whether the page scrolls sideways (evaluated in the page: these files are type-checked without the DOM library). */
export async function scrollsSideways(page: Page): Promise<string | null> {
  const widths = await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })') as { scroll: number; client: number };
  return widths.scroll > widths.client ? `${widths.scroll} > ${widths.client}` : null;
}

/** A PURCHASE_APPROVED from the catalogue's sample with this transaction (and optionally buyer and product). */
export async function publishSale(owner: Member, transaction: string, overrides: { buyer?: Record<string, unknown>; product?: Record<string, unknown> } = {}): Promise<ApiAnswer> {
  const sample = (await owner.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  const data = { ...sample, purchase: { ...sample.purchase, transaction }, buyer: { ...sample.buyer, ...overrides.buyer }, product: { ...sample.product, ...overrides.product } };
  const answer = await owner.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data });
  assert.equal(answer.status, 202, answer.text);
  return answer;
}

export type View = { name: string; locale: 'en' | 'pt-BR'; width: number; height: number };
/** Every item is shown at a desktop and a phone width, in English and in pt-BR. */
export const views: View[] = [
  { name: 'en-desktop', locale: 'en', width: 1280, height: 900 },
  { name: 'pt-BR-phone', locale: 'pt-BR', width: 390, height: 844 },
];

/**
 * `{count, plural, =0 {…} one {# …} other {# …}}` with its branch chosen as Intl.PluralRules does for the language,
 * `#` the number: the catalogues' plurals are flat (no nested plural), which is all this reads.
 */
function plurals(text: string, locale: string, values: Record<string, string | number>): string {
  const start = /\{(\w+), plural, /.exec(text);
  if (!start) return text;
  let depth = 1;
  let end = start.index + start[0].length;
  for (; depth > 0; end++) depth += text[end] === '{' ? 1 : text[end] === '}' ? -1 : 0;
  const count = Number(values[start[1]!]);
  const branches = new Map([...text.slice(start.index + start[0].length, end - 1).matchAll(/(=\d+|\w+) \{([^{}]*)\}/g)].map((match) => [match[1]!, match[2]!]));
  const chosen = branches.get(`=${count}`) ?? branches.get(new Intl.PluralRules(locale).select(count)) ?? branches.get('other') ?? '';
  return plurals(text.slice(0, start.index) + chosen.replaceAll('#', String(count)) + text.slice(end), locale, values);
}

/** The dashboard's own words in a language, from its catalogue: tags dropped, `{name}` placeholders and plurals filled in. */
export function wordsOf(locale: string): (key: string, values?: Record<string, string | number>) => string {
  const catalogue = JSON.parse(readFileSync(join(projectRoot, 'src', 'web', 'src', 'i18n', 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
  return (key, values = {}) => {
    const text = catalogue[key];
    if (text === undefined) throw new Error(`no message ${key} in ${locale}`);
    return plurals(text, locale, values).replace(/<\/?\w+>/g, '').replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
  };
}

/** The words of a message up to its first placeholder (`{date}`, ...): what a test can look for before the rest varies. */
export const leadOf = (say: ReturnType<typeof wordsOf>, key: string): string => say(key).split('{')[0]!.trim();

/** A page in this view's language and size (the language as the user would pick it, kept in the browser). */
export async function pageIn(context: BrowserContext, view: View): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.addInitScript(`window.localStorage.setItem('postback.locale', ${JSON.stringify(view.locale)})`);
  await page.setViewportSize({ width: view.width, height: view.height });
  return page;
}
