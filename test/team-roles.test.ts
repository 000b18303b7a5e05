// Team members and roles, enforced by the API: owners do everything, developers everything but the account's
// credentials and its team, viewers only read (and see no secret). Invitations are taken once; an account keeps an
// owner; every change lands in the audit log with who made it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount } from '../src/accounts/create-account.ts';
import { createUser } from '../src/accounts/create-user.ts';
import { eventually } from './helpers/eventually.ts';
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

const accept = (platform: Platform, invitePath: string, password: string) => platform.request('POST', `/api/v1/invitations/${invitePath.split('/').at(-1)}/accept`,
  { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });

async function join(platform: Platform, invitePath: string, password: string): Promise<Browser> {
  const answer = await accept(platform, invitePath, password);
  assert.equal(answer.status, 201, answer.text);
  return sessionOf(platform, cookieOf(answer.headers), answer.body.csrf_token);
}

/** An account whose first owner is signed in. */
async function ownerOf(platform: Platform, name: string, email: string): Promise<Browser & { accountId: string }> {
  const account = await createAccount(platform.store, { name, kind: 'producer' }, Date.now());
  await createUser(platform.store, { accountId: account.account_id, email, password: 'owner password 1' }, Date.now());
  return Object.assign(await signIn(platform, email, 'owner password 1'), { accountId: account.account_id });
}

/** Invites `email` with `role` and joins from the link. */
async function member(platform: Platform, owner: Browser, email: string, role: string): Promise<Browser> {
  const invited = await owner.call('POST', '/api/v1/team/invitations', { email, role });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  return join(platform, invited.body.invite_path, `${role} password 1`);
}

type AuditItem = { actor: string; action: string; target: { id: string | null; name: string | null }; detail: Record<string, unknown> };
const auditOf = async (reader: Browser): Promise<AuditItem[]> => (await reader.call('GET', '/api/v1/audit?limit=200')).body.items;

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

test('a member removed, or an owner demoted, takes the invitations it sent along: their links no longer join', async () => {
  await using platform = await startPlatform();
  const lia = await ownerOf(platform, 'Escola da Lia', 'lia@example.com');
  const own2 = await member(platform, lia, 'own2@example.com', 'owner');
  const own3 = await member(platform, lia, 'own3@example.com', 'owner');
  const backdoor = (await own2.call('POST', '/api/v1/team/invitations', { email: 'backdoor@example.com', role: 'owner' })).body;
  const sideDoor = (await own3.call('POST', '/api/v1/team/invitations', { email: 'side-door@example.com', role: 'owner' })).body;
  const kept = (await lia.call('POST', '/api/v1/team/invitations', { email: 'kept@example.com', role: 'viewer' })).body;
  const pending = async () => ((await lia.call('GET', '/api/v1/team')).body.invitations as { email: string; invited_by: string }[]).map((item) => `${item.email} by ${item.invited_by}`);
  assert.deepEqual(await pending(), ['backdoor@example.com by own2@example.com', 'side-door@example.com by own3@example.com', 'kept@example.com by lia@example.com'], 'who sent each');
  const team = (await lia.call('GET', '/api/v1/team')).body.members as { id: string; email: string }[];
  const idOf = (email: string) => team.find((item) => item.email === email)!.id;
  assert.equal((await lia.call('DELETE', `/api/v1/team/members/${idOf('own2@example.com')}`)).status, 204);
  assert.equal((await lia.call('PATCH', `/api/v1/team/members/${idOf('own3@example.com')}`, { role: 'developer' })).status, 200);
  assert.deepEqual(await pending(), ['kept@example.com by lia@example.com']);
  assert.equal((await accept(platform, backdoor.invite_path, 'back in password')).status, 404, 'the removed owner\'s invitation no longer joins');
  assert.equal((await accept(platform, sideDoor.invite_path, 'back in password')).status, 404, 'nor the demoted owner\'s');
  assert.equal((await accept(platform, kept.invite_path, 'kept password 1')).status, 201);
});

test('inviting an e-mail again replaces the invitation waiting for it: one link per person, the latest', async () => {
  await using platform = await startPlatform();
  const lia = await ownerOf(platform, 'Escola da Lia', 'lia@example.com');
  const first = (await lia.call('POST', '/api/v1/team/invitations', { email: 'ana@example.com', role: 'owner' })).body;
  const second = (await lia.call('POST', '/api/v1/team/invitations', { email: 'Ana@Example.com', role: 'viewer' })).body;
  const waiting = (await lia.call('GET', '/api/v1/team')).body.invitations as { id: string; role: string }[];
  assert.deepEqual(waiting.map((item) => [item.id, item.role]), [[second.id, 'viewer']]);
  assert.equal((await accept(platform, first.invite_path, 'ana password 1')).status, 404, 'the owner link no longer joins');
  assert.equal((await accept(platform, second.invite_path, 'ana password 1')).status, 201);
  const [invited] = ((await lia.call('GET', '/api/v1/audit')).body.items as any[]).filter((entry) => entry.action === 'member.invited');
  assert.deepEqual(invited.detail, { role: 'viewer', replaces: [first.id] });
});

test('a viewer reads URLs with their password masked; developers and owners read them whole', async () => {
  await using platform = await startPlatform();
  const owner = await ownerOf(platform, 'Escola da Lia', 'lia@example.com');
  const developer = await member(platform, owner, 'dev@example.com', 'developer');
  const viewer = await member(platform, owner, 'view@example.com', 'viewer');
  // nothing listens on port 9: the one attempt fails at once, and its URL is recorded
  const url = 'http://recvuser:recv-url-password@127.0.0.1:9/hook?x=1';
  const webhook = (await owner.call('POST', '/api/v1/webhooks', { name: 'Área', url, events: ['PURCHASE_APPROVED'], max_attempts: 1 })).body;
  const hook = (await owner.call('POST', '/api/v1/hooks', { target_url: 'http://zap:zap-password@127.0.0.1:9/zap', event: 'PURCHASE_APPROVED' })).body;
  assert.equal((await owner.call('PUT', '/api/v1/notification-settings', { language: 'en', webhook_url: 'http://ops:ops-pass@127.0.0.1:9/ops' })).status, 200);
  const area = { url: 'https://area:area-pass@curso.example.com/entrar', login: 'revisor@hotmart', password: 'senha-do-revisor-9f3' };
  assert.equal((await owner.call('POST', '/api/v1/products', { id: '555', name: 'Curso' })).status, 201);
  const areaSet = await owner.call('PATCH', '/api/v1/products/555', { members_area: area });
  assert.equal(areaSet.status, 200, JSON.stringify(areaSet.body));
  const sent = (await owner.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' })).body;
  await eventually('the test\'s attempt', async () => ((await owner.call('GET', `/api/v1/deliveries/${sent.delivery.id}`)).body.attempt_history.length > 0 ? true : undefined));
  const urlsSeenBy = async (reader: Browser) => {
    const detail = (await reader.call('GET', `/api/v1/deliveries/${sent.delivery.id}`)).body;
    return {
      webhooks: ((await reader.call('GET', '/api/v1/webhooks')).body.items as { id: string; url: string }[]).find((item) => item.id === webhook.id)!.url,
      webhook: (await reader.call('GET', `/api/v1/webhooks/${webhook.id}`)).body.url,
      hooks: (await reader.call('GET', '/api/v1/hooks')).body.items[0].target_url,
      hook: (await reader.call('GET', `/api/v1/hooks/${hook.id}`)).body.target_url,
      request: detail.request.url,
      attempts: detail.attempt_history.map((attempt: { url: string }) => attempt.url),
      settings: (await reader.call('GET', '/api/v1/notification-settings')).body.webhook_url,
      area: (await reader.call('GET', '/api/v1/products/555')).body.members_area.url,
      areas: (await reader.call('GET', '/api/v1/products')).body.items[0].members_area.url,
    };
  };
  const whole = { webhooks: url, webhook: url, hooks: 'http://zap:zap-password@127.0.0.1:9/zap', hook: 'http://zap:zap-password@127.0.0.1:9/zap', request: url, attempts: [url], settings: 'http://ops:ops-pass@127.0.0.1:9/ops',
    area: area.url, areas: area.url };
  assert.deepEqual(await urlsSeenBy(owner), whole);
  assert.deepEqual(await urlsSeenBy(developer), whole, 'a developer edits them');
  const masked = 'http://recvuser:•••@127.0.0.1:9/hook?x=1';
  assert.deepEqual(await urlsSeenBy(viewer), {
    webhooks: masked, webhook: masked, hooks: 'http://zap:•••@127.0.0.1:9/zap', hook: 'http://zap:•••@127.0.0.1:9/zap', request: masked, attempts: [masked], settings: 'http://ops:•••@127.0.0.1:9/ops',
    area: 'https://area:•••@curso.example.com/entrar', areas: 'https://area:•••@curso.example.com/entrar',
  });
});

test('removing a member is documented with what it does not end: the Client Secret and the hottok, to rotate', async () => {
  await using platform = await startPlatform();
  const removal = (await platform.request('GET', '/openapi.json')).body.paths['/api/v1/team/members/{id}'].delete;
  assert.match(removal.description, /Client Secret/);
  assert.match(removal.description, /hottok/);
  assert.match(removal.description, /rotate-client-secret/);
  assert.match(removal.description, /rotate-hottok/);
});

test('an e-mail that signs in anywhere is invited like any other; joining with it is a clear 409 that keeps the invitation, and is recorded', async () => {
  await using platform = await startPlatform();
  const lia = await ownerOf(platform, 'Escola da Lia', 'lia@example.com');
  await member(platform, lia, 'twice@example.com', 'viewer');
  const other = await ownerOf(platform, 'Outra Escola', 'bia@example.com');
  // the inviting owner of another account learns nothing: a user's e-mail is invited as an unknown one is
  const known = await other.call('POST', '/api/v1/team/invitations', { email: 'Twice@example.com', role: 'developer' });
  const unknown = await other.call('POST', '/api/v1/team/invitations', { email: 'nobody@example.com', role: 'developer' });
  assert.deepEqual([known.status, unknown.status], [201, 201]);
  assert.deepEqual(Object.keys(known.body).sort(), Object.keys(unknown.body).sort());
  const refused = await accept(platform, known.body.invite_path, 'a new password 1');
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  assert.match(refused.body.detail, /already belongs to a Postback user/);
  assert.match(refused.body.detail, /one account/);
  const token = known.body.invite_path.split('/').at(-1);
  assert.equal((await platform.request('GET', `/api/v1/invitations/${token}`)).status, 200, 'the invitation was not used up');
  assert.deepEqual(((await other.call('GET', '/api/v1/team')).body.invitations as { email: string }[]).map((item) => item.email), ['twice@example.com', 'nobody@example.com']);
  const entry = (await auditOf(other)).find((item) => item.action === 'member.join_refused');
  assert.deepEqual(entry && [entry.actor, entry.target.name, entry.detail.reason, entry.detail.role], ['twice@example.com', 'twice@example.com', 'email_taken', 'developer']);
  assert.equal((await auditOf(lia)).some((item) => item.action === 'member.join_refused'), false, 'only in the inviting account');
  await signIn(platform, 'twice@example.com', 'viewer password 1'); // the user is as it was
});

test('every change leaves its trace: a resend, a test send, a new URL (masked), a withdrawn invitation\'s e-mail, archiving; a role given again writes nothing', async () => {
  await using platform = await startPlatform();
  const lia = await ownerOf(platform, 'Escola da Lia', 'lia@example.com');
  const developer = await member(platform, lia, 'dev@example.com', 'developer');
  // nothing listens on port 9: the one attempt fails at once, and the delivery settles
  const webhook = (await developer.call('POST', '/api/v1/webhooks', { name: 'Área', url: 'https://127.0.0.1:9/hook', events: ['PURCHASE_APPROVED'], max_attempts: 1 })).body;
  const tested = await developer.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(tested.status, 202);
  await eventually('the test settled', async () => ((await developer.call('GET', `/api/v1/deliveries/${tested.body.delivery.id}`)).body.status === 'failed' ? true : undefined));
  assert.equal((await developer.call('POST', `/api/v1/deliveries/${tested.body.delivery.id}/resend`)).status, 202);
  assert.equal((await developer.call('PATCH', `/api/v1/webhooks/${webhook.id}`, { url: 'https://who:secret-pw@127.0.0.1:9/elsewhere' })).status, 200);
  assert.equal((await developer.call('PATCH', `/api/v1/webhooks/${webhook.id}`, { name: 'Área nova' })).status, 200);
  const invitation = (await lia.call('POST', '/api/v1/team/invitations', { email: 'maybe@example.com', role: 'viewer' })).body;
  assert.equal((await lia.call('DELETE', `/api/v1/team/invitations/${invitation.id}`)).status, 204);
  await developer.call('POST', '/api/v1/products', { id: '555', name: 'Curso' });
  assert.equal((await developer.call('PATCH', '/api/v1/products/555', { archived: true })).status, 200);
  assert.equal((await developer.call('PATCH', '/api/v1/products/555', { archived: false })).status, 200);
  const together = { name: 'Curso 2', share_buyer_data: true, members_area: { url: 'https://127.0.0.1:9/login', login: 'admin', password: 'secret' } };
  assert.equal((await developer.call('PATCH', '/api/v1/products/555', together)).status, 200);
  const liaId = ((await lia.call('GET', '/api/v1/team')).body.members as { id: string; email: string }[]).find((item) => item.email === 'lia@example.com')!.id;
  assert.equal((await lia.call('PATCH', `/api/v1/team/members/${liaId}`, { role: 'owner' })).status, 200);

  const audit = await auditOf(lia);
  const of = (action: string) => audit.filter((item) => item.action === action);
  assert.deepEqual(of('webhook.tested').map((item) => [item.actor, item.target.id, item.target.name, item.detail.event]), [['dev@example.com', webhook.id, 'Área', 'PURCHASE_APPROVED']]);
  assert.deepEqual(of('delivery.resent').map((item) => [item.actor, item.target.id, item.detail.webhook_id]), [['dev@example.com', tested.body.delivery.id, webhook.id]]);
  assert.deepEqual(of('webhook.updated').map((item) => item.detail), [{ fields: ['name'] }, { fields: ['url'], url: 'https://who:•••@127.0.0.1:9/elsewhere' }], 'the new URL, its password masked; none when it stayed');
  assert.deepEqual(of('member.invitation_revoked').map((item) => [item.target.name, item.detail.role]), [['maybe@example.com', 'viewer']]);
  const ofProduct = audit.filter((item) => item.target.id === '555');
  assert.deepEqual(ofProduct.map((item) => item.action).slice(0, 3).sort(), ['product.members_area_set', 'product.sharing_on', 'product.updated'], 'one change of three kinds is read as three');
  assert.deepEqual(ofProduct.map((item) => item.action).slice(3), ['product.unarchived', 'product.archived', 'product.created']);
  assert.deepEqual(of('member.role_changed'), [], 'an owner made owner again changed nothing');
});
