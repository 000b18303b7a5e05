// Every example in GET /openapi.json is a call that works (and an operation without one is called bare): each one is made, with exactly the credentials its
// operation documents, against a fresh account with the rows its path names, and must answer one of the operation's
// documented successes with no key its response schema leaves out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleResetToken } from '../src/api/routes/password-reset.ts';
import { startPlatform } from './helpers/platform.ts';
import { startSmtpInbox } from './helpers/smtp-inbox.ts';
import type { ApiAnswer, Platform, Tenant } from './helpers/platform.ts';

type Operation = { security: Record<string, unknown>[]; parameters: Param[]; requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Param = { name: string; in: 'path' | 'query' | 'header'; examples?: Record<string, { value: unknown }> };
type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; type?: string | string[] };
type Rows = { webhook: string; metaPostback: string; delivery: string; product: string; affiliation: string; transaction: string; hook: string; member: string; invitation: string; invitationToken: string };

/** The example bodies name this affiliate account id; the test's own affiliate account stands in for it. */
const documentedAffiliateId = '0199a0b2-7c1e-7000-8000-000000000001';
const metricsToken = 'metrics-token-for-the-examples-test';

/** Rows a fresh account needs so that every path of the document names something that exists. */
async function rowsFor(tenant: Tenant, affiliateId: string): Promise<Rows> {
  const product = (await tenant.call('POST', '/api/v1/products', { id: '555', name: 'Curso' })).body;
  await tenant.call('PATCH', `/api/v1/products/${product.id}`, { members_area: { url: 'https://members.example.com/login', login: 'admin', password: 'a members area password' } });
  const webhook = (await tenant.call('POST', '/api/v1/webhooks', { name: 'w', url: 'https://receiver.example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  // a Test Events code belongs to a Meta postback only
  const metaPostback = (await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Meta', version: 'postback', postback: { preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-example', goals: { PURCHASE_APPROVED: 'Purchase' } },
  })).body;
  const hook = (await tenant.call('POST', '/api/v1/hooks', { target_url: 'https://hooks.example.com/zap', event: 'PURCHASE_APPROVED' })).body;
  const sent = (await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' })).body;
  // on a product of its own: an affiliate promotes a product once, and the affiliation example affiliates the first one
  const promoted = (await tenant.call('POST', '/api/v1/products', { id: '556', name: 'Mentoria' })).body;
  const affiliation = (await tenant.call('POST', `/api/v1/products/${promoted.id}/affiliations`, { affiliate_account_id: affiliateId, affiliate_code: 'FIXTURE01' })).body;
  const sample = (await tenant.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  const purchase = (await tenant.call('POST', '/api/v1/purchases', { data: { ...sample, purchase: { ...sample.purchase, status: undefined } } })).body;
  // a member who joined through an invitation, and an invitation still waiting (its token is the open routes' row)
  const joined = (await tenant.call('POST', '/api/v1/team/invitations', { email: `member-${++invited}@example.com`, role: 'developer' })).body;
  const member = (await tenant.call('POST', `/api/v1${joined.invite_path.replace('/invite/', '/invitations/')}/accept`, { password: 'a long password for the member' })).body;
  const waiting = (await tenant.call('POST', '/api/v1/team/invitations', { email: `invited-${++invited}@example.com`, role: 'viewer' })).body;
  return {
    webhook: webhook.id, metaPostback: metaPostback.id, delivery: sent.delivery.id, product: product.id, affiliation: affiliation.id, transaction: purchase.transaction, hook: hook.id,
    member: member.user.id, invitation: waiting.id, invitationToken: waiting.invite_path.replace('/invite/', ''),
  };
}
let invited = 0;

function pathFor(path: string, example: string, parameters: Param[], rows: Rows | null): string {
  return path.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
    const documented = parameters.find((p) => p.in === 'path' && p.name === name)?.examples?.[example]?.value;
    if (documented !== undefined) return encodeURIComponent(String(documented));
    if (rows && path.endsWith('/test-event-code')) return rows.metaPostback;
    const row = rows && ({
      '/api/v1/webhooks': rows.webhook, '/api/v1/deliveries': rows.delivery, '/api/v1/products': rows.product, '/api/v1/affiliations': rows.affiliation, '/api/v1/purchases': rows.transaction,
      '/api/v1/hooks': rows.hook, '/api/v1/team/members': rows.member, '/api/v1/team/invitations': rows.invitation, '/api/v1/invitations': rows.invitationToken,
    } as Record<string, string>)[path.slice(0, path.indexOf('/{'))];
    assert.ok(row, `no row for {${name}} in ${path}: add one to rowsFor in test/openapi-examples.test.ts`);
    return row;
  });
}

/** Keys the answer has that its documented schema does not name, as dotted paths. */
function undocumentedKeys(value: unknown, schema: Schema | undefined, at: string): string[] {
  if (schema === undefined || value === null || typeof value !== 'object') return [];
  const variant = schema.anyOf?.find((s) => s.properties !== undefined || s.items !== undefined) ?? schema;
  if (Array.isArray(value)) return value.flatMap((item, i) => undefocumentedItem(item, variant.items, `${at}[${i}]`));
  if (variant.properties === undefined) return [];
  return Object.entries(value).flatMap(([key, child]) => key in variant.properties! ? undocumentedKeys(child, variant.properties![key], `${at}.${key}`) : [`${at}.${key}`]);
}
const undefocumentedItem = (item: unknown, schema: Schema | undefined, at: string) => undocumentedKeys(item, schema, at);

async function call(platform: Platform, method: string, path: string, operation: Operation, example: string, credentials: { token: string; basic: string }): Promise<ApiAnswer> {
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    const value = parameter.examples?.[example]?.value;
    if (value === undefined) continue;
    if (parameter.in === 'query') query.set(parameter.name, String(value));
    if (parameter.in === 'header') headers[parameter.name] = String(value);
  }
  const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  let value = media?.examples?.[example]?.value;
  if (value !== undefined) value = JSON.parse(JSON.stringify(value).replaceAll(documentedAffiliateId, credentials.basic === '' ? '' : affiliateIdOf(credentials)).replaceAll(exampleResetToken, resetToken));
  let body: string | undefined;
  if (value !== undefined) {
    headers['content-type'] = contentType!;
    body = contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(value as Record<string, string>).toString() : JSON.stringify(value);
  }
  const scheme = Object.keys(operation.security[0] ?? {})[0];
  if (scheme === 'bearerAuth') headers.authorization = `Bearer ${credentials.token}`;
  if (scheme === 'clientBasic') headers.authorization = `Basic ${credentials.basic}`;
  if (scheme === 'metricsToken') headers.authorization = `Bearer ${metricsToken}`;
  return platform.request(method.toUpperCase(), `${path}${query.size > 0 ? `?${query}` : ''}`, { body, headers });
}
let affiliateId = '';
/** The token of the latest reset link mailed by the password-reset example (documented examples run in order). */
let resetToken = '';
const affiliateIdOf = (_credentials: unknown) => affiliateId;

test('every documented example answers a documented success, and documents every key it answers', { timeout: 240_000 }, async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', metricsToken, smtpUrl: inbox.url });
  const document = (await platform.request('GET', '/openapi.json')).body;
  const examples = Object.entries<Record<string, Operation>>(document.paths).flatMap(([path, operations]) => Object.entries(operations).flatMap(([method, operation]) => {
    const names = new Set([...operation.parameters.flatMap((p) => Object.keys(p.examples ?? {})), ...Object.values(operation.requestBody?.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {}))]);
    // an operation with nothing to fill in is called once as it is
    return (names.size > 0 ? [...names] : ['(bare)']).map((name) => ({ path, method, operation, name }));
  }));
  // first-run set-up only works while no account exists: its example goes first, before any row is made
  const isSetup = (e: { path: string; method: string }) => e.path === '/api/v1/setup' && e.method === 'post';
  examples.sort((a, b) => Number(isSetup(b)) - Number(isSetup(a)));
  assert.ok(examples.length >= 70, `only ${examples.length} calls`);
  const failures: string[] = [];
  let shared: { tenant: Tenant; rows: Rows } | null = null;
  for (const { path, method, operation, name } of examples) {
    if (shared === null && !isSetup({ path, method })) {
      affiliateId = (await platform.tenant('Affiliate', 'affiliate')).account_id;
      const tenant = await platform.tenant('Examples');
      shared = { tenant, rows: await rowsFor(tenant, affiliateId) };
    }
    // calls that remove rows, end credentials or create rows the shared account already has get an account of their own
    const alone = method === 'delete' || path.endsWith('rotate-client-secret') || path === '/api/v1/purchases' || path === '/api/v1/products';
    const fresh = isSetup({ path, method }) ? null : alone ? await platform.tenant(`Examples ${path}`) : shared!.tenant;
    const rows = fresh === null ? null : alone ? (path.includes('{') ? await rowsFor(fresh, affiliateId) : null) : shared!.rows;
    const where = `${method.toUpperCase()} ${path} example "${name}"`;
    // the reset link is mailed after the request's 202 (password-reset.ts): the example that uses it waits for it
    if (path === '/api/v1/password-reset/complete') await inbox.waitFor('the reset example\'s mail', (mail) => /reset-password\?token=/.test(mail.text));
    const resetMail = inbox.mails.findLast((mail) => /reset-password\?token=/.test(mail.text));
    if (resetMail) resetToken = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(resetMail.text)![1]!);
    const answer = await call(platform, method, pathFor(path, name, operation.parameters, rows), operation, name, { token: fresh?.token ?? '', basic: fresh?.basic ?? '' });
    const documented = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
    if (!documented.includes(String(answer.status))) { failures.push(`${where} answered ${answer.status} (documented: ${documented.join(', ')}): ${answer.text.slice(0, 300)}`); continue; }
    const schema = operation.responses[String(answer.status)]?.content?.['application/json']?.schema;
    const extra = undocumentedKeys(answer.body, schema, 'body');
    if (extra.length > 0) failures.push(`${where} answers keys its response schema does not name (add them to src/api/responses.ts): ${extra.join(', ')}`);
  }
  assert.deepEqual(failures, []);
});
