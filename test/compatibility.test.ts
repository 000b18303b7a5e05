// Postback as Hotmart's own receivers see it: every delivery is read the way real members areas, trackers, an n8n
// trigger and 1.0.0 PHP handlers read Hotmart's (test/helpers/hotmart-readers.ts), over every event (as published and
// as test posts) and over a seeded `simulate` run. A receiver that chokes answers 400 with what it choked on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, sampleData } from '../src/catalog/index.ts';
import { runSimulation } from '../src/simulate/run-simulation.ts';
import { planTraffic } from '../src/simulate/traffic-plan.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { checkHottok, readFormDelivery, readJsonDelivery } from './helpers/hotmart-readers.ts';
import type { FormReading, JsonReading } from './helpers/hotmart-readers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Platform, Tenant } from './helpers/platform.ts';

type Readers = { json: JsonReading[]; form: FormReading[]; choked: string[] };

/** One receiver for both formats: /json reads 2.0.0 bodies, /form 1.0.0 ones; each answers as the receiver would. */
async function receiversFor(platform: Platform) {
  const tenant = await platform.tenant('Escola');
  const readers: Readers = { json: [], form: [], choked: [] };
  const receiver = await startHttpReceiver((req, res, raw) => {
    const text = raw.toString('utf8');
    try {
      if (req.url === '/json') {
        const body = JSON.parse(text);
        checkHottok(req.headers, body, tenant.hottok);
        readers.json.push(readJsonDelivery(body));
      } else readers.form.push(readFormDelivery(Object.fromEntries(new URLSearchParams(text)), tenant.hottok));
      res.end('ok');
    } catch (error) {
      readers.choked.push(`${req.url}: ${(error as Error).message} in ${text.slice(0, 300)}`);
      res.writeHead(400).end((error as Error).message);
    }
  });
  for (const [path, version] of [['json', '2.0.0'], ['form', '1.0.0']] as const) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', { name: path, url: `${receiver.url}/${path}`, events: [...eventNames], version, max_attempts: 1 });
    assert.equal(answer.status, 201, answer.text);
  }
  return { tenant, receiver, readers };
}

const arrived = (readers: Readers, count: number) =>
  eventually(`${count} deliveries read`, () => (readers.json.length + readers.form.length + readers.choked.length >= count ? true : undefined), 60_000);

async function webhookIds(tenant: Tenant): Promise<string[]> {
  return ((await tenant.call('GET', '/api/v1/webhooks')).body.items as { id: string }[]).map((webhook) => webhook.id);
}

test('every event, published and as a test post, in both formats, is read by real receivers without a hitch', async () => {
  await using platform = await startPlatform();
  const { tenant, receiver, readers } = await receiversFor(platform);
  await using _receiver = receiver;
  for (const event of eventNames) {
    const published = await tenant.call('POST', '/api/v1/events', { event, data: sampleData(event) });
    assert.equal(published.status, 202, published.text);
    for (const id of await webhookIds(tenant)) assert.equal((await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event })).status, 202);
  }
  await arrived(readers, eventNames.length * 4);
  assert.deepEqual(readers.choked, []);
  assert.deepEqual(new Set(readers.json.map((reading) => reading.event)), new Set(eventNames));
  const approved = readers.json.find((reading) => reading.event === 'PURCHASE_APPROVED')!;
  assert.deepEqual([typeof approved.price, approved.sck, approved.recurrence, typeof approved.subscriberCode], ['number', 'stories_marco', 1, 'string']);
  assert.ok(readers.json.some((reading) => reading.paymentType === 'PIX') && readers.json.some((reading) => reading.paymentType === 'BILLET'), 'PIX and boleto samples');
  assert.deepEqual(new Set(readers.form.map((reading) => reading.callbackType)), new Set([1, 2, 3, 4, 5, 6, 7]));
});

test('a seeded simulate run is read by real receivers: renewals as new transactions, PIX and boleto fields, tracking codes, 1.0.0 forms', async () => {
  await using platform = await startPlatform();
  const { tenant, receiver, readers } = await receiversFor(platform);
  await using _receiver = receiver;
  const journeys = planTraffic(5, 90);
  const report = await runSimulation({ baseUrl: platform.url, token: tenant.token }, journeys, 1000, () => {});
  assert.equal(report.failed, 0, report.failures.join('\n'));
  await arrived(readers, report.steps * 2);
  assert.deepEqual(readers.choked, []);
  assert.equal(readers.json.length, report.steps);

  const charges = readers.json.filter((reading) => reading.event === 'PURCHASE_APPROVED' && reading.subscriberCode !== undefined);
  const renewals = charges.filter((reading) => reading.recurrence! > 1);
  assert.ok(renewals.length > 0, 'renewals were charged');
  for (const renewal of renewals) {
    const first = charges.find((reading) => reading.subscriberCode === renewal.subscriberCode && reading.recurrence === 1);
    assert.ok(first, `the first charge of ${renewal.subscriberCode} arrived`);
    assert.notEqual(renewal.transaction, first.transaction, 'a receiver deduping on the transaction extends access');
  }
  const payments = new Set(readers.json.map((reading) => reading.paymentType));
  for (const type of ['CREDIT_CARD', 'PIX', 'BILLET']) assert.ok(payments.has(type), `${type} sales`);
  assert.ok(readers.json.some((reading) => typeof reading.sck === 'string'), 'tracked sales carry their sck');
  assert.ok(readers.form.some((reading) => (reading.recurrency ?? 0) > 1), '1.0.0 renewals carry recurrency');
});
