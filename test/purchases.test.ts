// The purchase lifecycle as an API: Postback owns the state machine, so the events receivers get stay consistent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEnvelope } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import { approvedSaleData } from '../src/catalog/test-fixtures.ts';

const fixture = approvedSaleData();
const saleData = () => {
  const data = structuredClone(fixture);
  delete data.purchase.status;
  delete data.purchase.approved_date;
  delete data.purchase.transaction;
  data.purchase.origin = { sck: 'mgid_123456a', src: 'mgid', xcod: 'lp2', utm_source: 'mgid', utm_campaign: 'black-friday' };
  return data;
};

test('a boleto purchase: waiting payment → approved → refund claimed → refunded, each event with the full current data', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  const purchaseEvents = ['PURCHASE_BILLET_PRINTED', 'PURCHASE_APPROVED', 'PURCHASE_PROTEST', 'PURCHASE_REFUNDED'];
  await tenant.call('POST', '/api/v1/webhooks', { name: 'members', url: receiver.url, events: purchaseEvents });
  const created = await tenant.call('POST', '/api/v1/purchases', { status: 'waiting_payment', data: saleData() });
  assert.equal(created.status, 202, created.text);
  const transaction = created.body.transaction as string;
  assert.match(transaction, /^HP\d{14}$/);
  assert.equal(created.body.event.name, 'PURCHASE_BILLET_PRINTED');
  for (const status of ['approved', 'refund_claimed', 'refunded']) {
    const moved = await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status });
    assert.equal(moved.status, 202, moved.text);
  }
  await eventually('four deliveries', () => (receiver.requests.length === 4 ? true : undefined));
  const bodies = receiver.requests.map((request) => JSON.parse(request.body.toString('utf8')));
  assert.deepEqual(new Set(bodies.map((body) => body.event)), new Set(purchaseEvents));
  for (const body of bodies) {
    assert.equal(validateEnvelope(body).ok, true, body.event);
    assert.equal(body.data.purchase.transaction, transaction);
    assert.equal(body.data.purchase.origin.sck, 'mgid_123456a', 'the tracking origin flows into every event');
    assert.equal(body.data.buyer.email, fixture.buyer.email);
  }
  const byEvent = Object.fromEntries(bodies.map((body) => [body.event, body.data.purchase]));
  assert.equal(byEvent.PURCHASE_BILLET_PRINTED.status, 'BILLET_PRINTED');
  assert.equal(byEvent.PURCHASE_BILLET_PRINTED.approved_date, undefined);
  assert.equal(byEvent.PURCHASE_APPROVED.status, 'APPROVED');
  assert.equal(typeof byEvent.PURCHASE_APPROVED.approved_date, 'number');
  assert.equal(byEvent.PURCHASE_REFUNDED.approved_date, byEvent.PURCHASE_APPROVED.approved_date);

  const state = await tenant.call('GET', `/api/v1/purchases/${transaction}`);
  assert.equal(state.body.status, 'refunded');
  assert.deepEqual(state.body.timeline.map((entry: { event: string }) => entry.event), purchaseEvents, 'the timeline lets a receiver reconcile');
});

test('an invalid transition answers 409 with the allowed ones, and emits nothing', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/purchases', { status: 'waiting_payment', data: saleData() });
  const transaction = created.body.transaction;
  const refused = await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status: 'refunded' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'invalid_transition');
  assert.match(refused.body.detail, /Allowed: approved, expired, canceled/);
  assert.equal((await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.timeline.length, 1);
  await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status: 'expired' });
  const final = await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status: 'approved' });
  assert.equal(final.status, 409);
  assert.match(final.body.detail, /none \(final state\)/);
});

test('bad purchase input is a clear 422/404/409 and writes nothing', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const noBuyer = saleData();
  delete noBuyer.buyer;
  const cases: [string, string, unknown, number][] = [
    ['POST', '/api/v1/purchases', { data: noBuyer }, 422],
    ['POST', '/api/v1/purchases', { status: 'refunded', data: saleData() }, 422],
    ['POST', '/api/v1/purchases', { data: 'sale' }, 422],
    ['POST', '/api/v1/purchases/HP000/status', { status: 'approved' }, 404],
    ['POST', '/api/v1/purchases/HP000/status', { status: 'sold' }, 422],
    ['POST', '/api/v1/purchases/has%20space/status', { status: 'approved' }, 422],
    ['GET', '/api/v1/purchases/HP000', undefined, 404],
  ];
  for (const [method, path, body, status] of cases) {
    const answer = await tenant.call(method, path, body);
    assert.equal(answer.status, status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}: ${answer.text.slice(0, 200)}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  }
  const fixed = saleData();
  fixed.purchase.transaction = 'HP11112222333344';
  assert.equal((await tenant.call('POST', '/api/v1/purchases', { data: fixed })).status, 202);
  assert.equal((await tenant.call('POST', '/api/v1/purchases', { data: fixed })).status, 409, 'a transaction is created once');
  assert.equal((await tenant.call('GET', '/api/v1/deliveries')).body.items.length, 0);
  const other = await platform.tenant('Other');
  assert.equal((await other.call('GET', '/api/v1/purchases/HP11112222333344')).status, 404);
  assert.equal((await other.call('POST', '/api/v1/purchases/HP11112222333344/status', { status: 'completed' })).status, 404);
});

test('postback simulate plays a seeded, realistic traffic mix through the API', async () => {
  const { planTraffic } = await import('../src/simulate/traffic-plan.ts');
  const { runSimulation } = await import('../src/simulate/run-simulation.ts');
  assert.deepEqual(planTraffic(7, 50), planTraffic(7, 50), 'the same seed gives the same traffic');
  assert.notDeepEqual(planTraffic(7, 50), planTraffic(8, 50));
  const { affiliateSimulatedProducts } = await import('../src/simulate/affiliate-setup.ts');
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const affiliate = await platform.tenant('Affiliate', 'affiliate');
  await affiliate.call('POST', '/api/v1/webhooks', { name: 'sales', url: 'https://receiver.example/sales', events: ['PURCHASE_APPROVED'] });
  const target = { baseUrl: platform.url, token: tenant.token };
  const code = await affiliateSimulatedProducts(target, affiliate.account_id);
  assert.equal(await affiliateSimulatedProducts(target, affiliate.account_id), code, 'running it again is fine');
  // another affiliate told it gets the sales of a code this one holds would get none of them: refused, naming the holder
  const other = await platform.tenant('Other affiliate', 'affiliate');
  await assert.rejects(affiliateSimulatedProducts(target, other.account_id), new RegExp(`affiliated under the code ${code} to another account \\(${affiliate.account_id}\\)`));
  const journeys = planTraffic(42, 60);
  const report = await runSimulation(target, journeys, 2000, () => {});
  assert.equal(report.failed, 0, report.failures.join('\n'));
  assert.equal(report.steps, journeys.flat().length);
  const kinds = Object.keys(report.byKind);
  for (const expected of ['create:approved', 'create:waiting_payment', 'move:approved']) assert.ok(kinds.includes(expected), `${expected} in ${kinds}`);
  // the affiliate's webhook gets each approval (at once, a paid boleto, a recovered recurrence) of the sales attributed to its code
  const approvalsOf = (steps: typeof journeys[number]) => steps.filter((step) => step.kind !== 'event' && step.status === 'approved').length;
  const attributed = journeys.filter((steps) => steps.some((step) => step.kind === 'create' && (step.data.affiliates as { affiliate_code: string }[] | undefined)?.[0]?.affiliate_code === code));
  const expected = attributed.reduce((sum, steps) => sum + approvalsOf(steps), 0);
  assert.ok(expected > 0 && expected < journeys.reduce((sum, steps) => sum + approvalsOf(steps), 0), `some approvals are the affiliate's (${expected})`);
  const received = (await affiliate.call('GET', '/api/v1/deliveries?limit=100')).body.items as { event: string }[];
  assert.equal(received.length, expected);
  assert.ok(received.every((delivery) => delivery.event === 'PURCHASE_APPROVED'));
});

test('postback simulate waits out a 429 (its Retry-After) and sends the same step again: every journey is played whole', async () => {
  const { planTraffic } = await import('../src/simulate/traffic-plan.ts');
  const { runSimulation } = await import('../src/simulate/run-simulation.ts');
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  // in front of the platform, the answer its rate limiter gives (rate-limit.ts) to a few requests: a minute's budget
  // cannot be spent and waited out in a test, the Retry-After of one second can
  const refusedAt = new Set([3, 4, 11, 25]);
  let seen = 0;
  await using limiter = await startHttpReceiver(async (req, res, body) => {
    if (refusedAt.has(++seen)) {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '1' }).end(JSON.stringify({ code: 'rate_limited', detail: 'Over 500 requests per minute for this client; retry after 1 second.' }));
      return;
    }
    const answer = await fetch(`${platform.url}${req.url}`, { method: req.method, headers: { authorization: req.headers.authorization!, 'content-type': 'application/json' }, body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  });
  const journeys = planTraffic(3, 14);
  const report = await runSimulation({ baseUrl: limiter.url, token: tenant.token }, journeys, 2000, () => {});
  assert.equal(report.failed, 0, report.failures.join('\n'));
  assert.deepEqual([report.steps, report.skipped, report.rateLimited], [journeys.flat().length, 0, refusedAt.size]);
  assert.equal(limiter.requests.length, journeys.flat().length + refusedAt.size, 'each refused step once more, nothing else');
  // every purchase went through its whole journey: its last state is the one the plan ends it in
  for (const steps of journeys) {
    const last = steps.filter((step) => step.kind !== 'event').at(-1);
    if (last === undefined) continue;
    const state = await tenant.call('GET', `/api/v1/purchases/${last.transaction}`);
    assert.equal(state.body.status, last.status, last.transaction);
  }
});

test('postback simulate outlives its token (POSTBACK_TOKEN_TTL): a 401 gets a new one from the Basic value and the step is sent again', async () => {
  const { planTraffic } = await import('../src/simulate/traffic-plan.ts');
  const { runSimulation } = await import('../src/simulate/run-simulation.ts');
  // a token lives a second here: the run below takes several
  await using platform = await startPlatform({ role: 'api', tokenTtlMs: 1000 });
  const tenant = await platform.tenant();
  const journeys = planTraffic(4, 30);
  const report = await runSimulation({ baseUrl: platform.url, token: tenant.token, basic: tenant.basic }, journeys, 25, () => {});
  assert.equal(report.failed, 0, report.failures.join('\n'));
  assert.equal(report.steps, journeys.flat().length);
});

test('a subscription renewal is a new purchase: recurrence 1 by default, and only a renewal (recurrence 2 on) starts delayed', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const first = await tenant.call('POST', '/api/v1/purchases', { status: 'approved', data: saleData() });
  assert.equal(first.status, 202, first.text);
  const stored = (await tenant.call('GET', `/api/v1/purchases/${first.body.transaction}`)).body;
  assert.equal(stored.data.purchase.recurrence_number, 1, 'a subscription charge without a recurrence number is the first');

  const overdueFirst = await tenant.call('POST', '/api/v1/purchases', { status: 'delayed', data: saleData() });
  assert.equal(overdueFirst.status, 422, overdueFirst.text);
  assert.deepEqual(overdueFirst.body.errors.map((error: { path: string }) => error.path), ['body.data.purchase.recurrence_number']);

  const renewal = saleData();
  renewal.purchase.recurrence_number = 2;
  const overdue = await tenant.call('POST', '/api/v1/purchases', { status: 'delayed', data: renewal });
  assert.equal(overdue.status, 202, overdue.text);
  assert.equal(overdue.body.event.name, 'PURCHASE_DELAYED');
  assert.notEqual(overdue.body.transaction, first.body.transaction, 'its own transaction');
  const paid = await tenant.call('POST', `/api/v1/purchases/${overdue.body.transaction}/status`, { status: 'approved' });
  assert.equal(paid.body.event.name, 'PURCHASE_APPROVED');
});

test('a purchase made from a few fields carries the keys Hotmart always sends, with what they say when nothing more is known; what it carries is kept', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/webhooks', { name: 'members', url: receiver.url, events: ['PURCHASE_APPROVED'] });
  const minimal = { product: { id: 555, name: 'Curso' }, buyer: { email: 'ze@example.com', name: 'Zé Ninguém' }, purchase: { price: { value: 97, currency_value: 'BRL' }, payment: { type: 'PIX' } } };
  assert.equal((await tenant.call('POST', '/api/v1/purchases', { status: 'approved', data: minimal })).status, 202);
  const withAffiliate = { ...minimal, affiliates: [{ affiliate_code: 'K83412907T', name: 'Rafael' }], purchase: { ...minimal.purchase, full_price: { value: 120, currency_value: 'BRL' }, is_funnel: true } };
  assert.equal((await tenant.call('POST', '/api/v1/purchases', { status: 'approved', data: withAffiliate })).status, 202);
  await eventually('two deliveries', () => (receiver.requests.length === 2 ? true : undefined));
  const [plain, given] = receiver.requests.map((request) => JSON.parse(request.body.toString('utf8')).data).sort((a, b) => a.affiliates[0].name.localeCompare(b.affiliates[0].name));
  // a receiver written for Hotmart reads these unchecked: data.affiliates[0].affiliate_code, purchase.order_bump.is_order_bump
  assert.deepEqual(plain.affiliates, [{ affiliate_code: '', name: '' }], 'no affiliate, as Hotmart says it');
  assert.deepEqual([plain.purchase.full_price, plain.purchase.original_offer_price], [minimal.purchase.price, minimal.purchase.price]);
  assert.deepEqual([plain.purchase.order_bump, plain.purchase.is_funnel], [{ is_order_bump: false }, false]);
  assert.deepEqual([given.affiliates, given.purchase.full_price, given.purchase.is_funnel], [withAffiliate.affiliates, withAffiliate.purchase.full_price, true]);
  assert.equal(plain.producer, undefined, 'nothing that names a party is made up');
});
