// Team members and roles, enforced by the API: owners do everything, developers everything but the account's
// credentials and its team, viewers only read (and see no secret). Invitations are taken once; an account keeps an
// owner; every change lands in the audit log with who made it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount } from '../src/accounts/create-account.ts';
import { createUser } from '../src/accounts/create-user.ts';
import { startPlatform } from './helpers/platform.ts';
import type { Platform } from './helpers/platform.ts';

type Browser = { call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> };

/** A dashboard session (cookie + CSRF token), as the browser holds one. */
async function sessionOf(platform: Platform, cookieHeader: string, csrf: string): Promise<Browser> {
  return {
    async call(method, path, body) {
      const headers: Record<string, string> = { cookie: cookieHeader, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      const answer = await platform.request(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: answer.status, body: answer.body };
    },
  };
}
const cookieOf = (headers: Pick<Headers, 'get'>) => (headers.get('set-cookie') ?? '').split(';')[0]!;

async function signIn(platform: Platform, email: string, password: string): Promise<Browser> {
  const answer = await platform.request('POST', '/api/v1/session', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(answer.status, 200, answer.text);
  return sessionOf(platform, cookieOf(answer.headers), answer.body.csrf_token);
}

async function join(platform: Platform, invitePath: string, password: string): Promise<Browser> {
  const token = invitePath.split('/').at(-1)!;
  const answer = await platform.request('POST', `/api/v1/invitations/${token}/accept`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  assert.equal(answer.status, 201, answer.text);
  return sessionOf(platform, cookieOf(answer.headers), answer.body.csrf_token);
}

test('invitations, roles enforced by the API, an owner kept, and the audit log', async () => {
  await using platform = await startPlatform();
  const now = Date.now();
  const account = await createAccount(platform.store, { name: 'Escola da Lia', kind: 'producer' }, now);
  await createUser(platform.store, { accountId: account.account_id, email: 'lia@example.com', password: 'lia password 1' }, now);
  const owner = await signIn(platform, 'lia@example.com', 'lia password 1');
  const webhook = (await owner.call('POST', '/api/v1/webhooks', { name: 'Área', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'] })).body;

  // invitations: shown once, taken once, the invited role
  const asDeveloper = (await owner.call('POST', '/api/v1/team/invitations', { email: 'Dev@Example.com', role: 'developer' })).body;
  const asViewer = (await owner.call('POST', '/api/v1/team/invitations', { email: 'view@example.com', role: 'viewer' })).body;
  assert.match(asDeveloper.invite_path, /^\/invite\/[A-Za-z0-9_-]{20,}$/);
  assert.equal((await owner.call('POST', '/api/v1/team/invitations', { email: 'lia@example.com', role: 'viewer' })).status, 409, 'an email that signs in already');
  const shown = await platform.request('GET', `/api/v1/invitations/${asDeveloper.invite_path.split('/').at(-1)}`);
  assert.deepEqual([shown.body.email, shown.body.role, shown.body.account_name], ['dev@example.com', 'developer', 'Escola da Lia']);
  const developer = await join(platform, asDeveloper.invite_path, 'dev password 1');
  const viewer = await join(platform, asViewer.invite_path, 'view password 1');
  assert.equal((await platform.request('POST', `/api/v1/invitations/${asViewer.invite_path.split('/').at(-1)}/accept`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'again password 1' }) })).status, 404, 'taken once');

  // a viewer reads, changes nothing, sees no secret
  assert.equal((await viewer.call('GET', '/api/v1/webhooks')).status, 200);
  assert.equal((await viewer.call('GET', '/api/v1/account')).body.hottok, null);
  for (const [method, path, body] of [['POST', '/api/v1/webhooks', { name: 'x', url: 'https://example.com/x', events: ['PURCHASE_APPROVED'] }],
    ['PATCH', `/api/v1/webhooks/${webhook.id}`, { name: 'renamed' }], ['POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' }],
    ['POST', `/api/v1/webhooks/${webhook.id}/reveal-secret`, undefined], ['POST', '/api/v1/products', { name: 'P' }]] as const) {
    const answer = await viewer.call(method, path, body);
    assert.deepEqual([answer.status, answer.body.code], [403, 'forbidden'], `${method} ${path}`);
  }
  assert.equal((await owner.call('GET', `/api/v1/webhooks/${webhook.id}`)).body.name, 'Área', 'nothing changed');

  // a developer configures, but not credentials or the team
  assert.equal((await developer.call('POST', '/api/v1/products', { name: 'Curso' })).status, 201);
  const rotated = await developer.call('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, { overlap_hours: 0 });
  assert.equal(rotated.status, 200);
  assert.equal(rotated.body.previous_secret_expires_at, rotated.body.updated_at, 'overlap 0: the old secret stops at once');
  for (const [method, path, body] of [['POST', `/api/v1/webhooks/${webhook.id}/reveal-secret`, undefined], ['POST', '/api/v1/account/rotate-hottok', undefined],
    ['POST', '/api/v1/team/invitations', { email: 'x@example.com', role: 'owner' }]] as const) {
    assert.equal((await developer.call(method, path, body)).status, 403, `${method} ${path}`);
  }
  assert.equal((await developer.call('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, { overlap_hours: 169 })).status, 422, 'at most 7 days');

  // the owner reveals the secret again; roles change at once; an account keeps an owner
  assert.equal((await owner.call('POST', `/api/v1/webhooks/${webhook.id}/reveal-secret`)).body.secret, rotated.body.secret);
  const team = (await owner.call('GET', '/api/v1/team')).body;
  const member = (email: string) => team.members.find((item: { email: string }) => item.email === email);
  assert.equal((await owner.call('PATCH', `/api/v1/team/members/${member('view@example.com').id}`, { role: 'developer' })).status, 200);
  assert.equal((await viewer.call('POST', '/api/v1/products', { name: 'Agora pode' })).status, 201, 'the new role applies to the open session');
  assert.equal((await owner.call('PATCH', `/api/v1/team/members/${member('lia@example.com').id}`, { role: 'viewer' })).status, 409, 'the only owner stays one');
  assert.equal((await owner.call('DELETE', `/api/v1/team/members/${member('lia@example.com').id}`)).status, 409);
  assert.equal((await owner.call('DELETE', `/api/v1/team/members/${member('dev@example.com').id}`)).status, 204);
  assert.equal((await developer.call('GET', '/api/v1/webhooks')).status, 401, 'a removed member is signed out');

  // an API client acts as an owner
  const token = (await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${account.basic}` } })).body.access_token;
  assert.equal((await platform.request('POST', `/api/v1/webhooks/${webhook.id}/reveal-secret`, { headers: { authorization: `Bearer ${token}` } })).status, 200);

  // the audit log: who did what, newest first
  const audit = (await viewer.call('GET', '/api/v1/audit?limit=100')).body.items as { actor: string; action: string; target: { name: string | null } }[];
  const seen = (action: string, actor: string) => audit.some((entry) => entry.action === action && entry.actor === actor);
  assert.ok(seen('member.invited', 'lia@example.com') && seen('member.joined', 'dev@example.com') && seen('webhook.secret_rotated', 'dev@example.com'));
  assert.ok(seen('webhook.secret_revealed', 'lia@example.com') && seen('member.role_changed', 'lia@example.com') && seen('member.removed', 'lia@example.com'));
  assert.ok(audit.some((entry) => entry.action === 'webhook.secret_revealed' && entry.actor.startsWith('client:')), 'an API client by its client id');
  assert.equal(audit.filter((entry) => entry.action === 'webhook.created')[0]?.target.name, 'Área');
});

test('what main added is audited too: REST hooks subscribed and removed, members-area webhooks, checkout offers, notice settings', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const hook = (await tenant.call('POST', '/api/v1/hooks', { target_url: 'https://hooks.zapier.example/hooks/standard/1/abc', event: 'order' })).body;
  assert.equal((await tenant.call('DELETE', `/api/v1/hooks/${hook.id}`)).status, 204);
  await tenant.call('POST', '/api/v1/products', { id: '555', name: 'Curso' });
  assert.equal((await tenant.call('PATCH', '/api/v1/products/555', { members_area: { url: 'https://127.0.0.1:9/login', login: 'admin', password: 'secret' } })).status, 200);
  const area = await tenant.call('POST', '/api/v1/products/555/members-area/webhook', { url: 'https://127.0.0.1:9/hotmart' });
  assert.equal(area.status, 201, JSON.stringify(area.body));
  assert.equal((await tenant.call('POST', '/api/v1/offers', { product_id: '555', price: 497, currency: 'BRL' })).status, 201);
  assert.equal((await tenant.call('PUT', '/api/v1/notification-settings', { language: 'es', webhook_url: 'https://ops:pw@hooks.example.com/ops' })).status, 200);
  const audit = (await tenant.call('GET', '/api/v1/audit?limit=100')).body.items as { action: string; target: { id: string | null; name: string | null }; detail: Record<string, unknown> }[];
  const of = (action: string, id: string | null) => audit.find((entry) => entry.action === action && entry.target.id === id);
  assert.deepEqual(of('webhook.created', hook.id)?.detail, { url: 'https://hooks.zapier.example/hooks/standard/1/abc', hook: 'order' });
  assert.equal(of('webhook.removed', hook.id)?.target.name, hook.name);
  assert.equal(of('webhook.created', area.body.webhook.id)?.detail.product, '555');
  assert.equal(audit.find((entry) => entry.action === 'offer.created')?.detail.price, 497);
  const settings = audit.find((entry) => entry.action === 'notifications.updated');
  assert.deepEqual(settings?.detail, { language: 'es', url: 'https://ops:•••@hooks.example.com/ops' }, 'a password in the URL is masked');
});
