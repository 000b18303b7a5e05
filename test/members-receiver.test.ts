// `postback members` as a receiver (issue 15, item 2): who may post (hottok in constant time, the Standard Webhooks
// signature when a secret is set; 401 and nothing stored otherwise), both formats, dedupe on the event id, and what
// each event does to the buyer's access and mail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { eventually } from './helpers/eventually.ts';
import { hottok, notification, signingSecret, startTestArea } from './helpers/members-area.ts';
import { openPage, submitForm } from './helpers/members-browserless.ts';

test('only our account may post: no hottok, a wrong one, or a bad signature is 401 and stores nothing', async () => {
  await using t = await startTestArea({ signingSecret });
  const sale = notification('PURCHASE_APPROVED', 'evt-1');
  const refused = [
    await t.send(sale, { headers: { 'x-hotmart-hottok': 'not-ours' } }),
    await t.send(sale, { signWith: null }),
    await t.send(sale, { signWith: `whsec_${Buffer.from('another secret of thirty-two byte').toString('base64')}` }),
    await t.send(sale, { headers: { 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) } }),
    await t.send({ ...sale, body: sale.body.replace('Beatriz', 'Mallory') }, { headers: { 'webhook-signature': new StandardWebhook(signingSecret).sign('evt-1', new Date(), sale.body) } }),
  ];
  assert.deepEqual(refused.map((answer) => answer.status), [401, 401, 401, 401, 401]);
  assert.match(refused[0]!.body.detail, /hottok/);
  assert.match(refused[3]!.body.detail, /timestamp/);
  assert.deepEqual(t.area.store.recentEvents(10), [], 'nothing was stored');
  const accepted = await t.send(sale);
  assert.deepEqual([accepted.status, accepted.body.access], [200, 'live']);
  // the hottok can also come in the body, as Hotmart's own test posts and the legacy form carry it
  const inBody = notification('PURCHASE_APPROVED', 'evt-2', { email: 'caio@example.com', transaction: 'HP0002' });
  const withBodyHottok = { ...inBody, body: JSON.stringify({ ...JSON.parse(inBody.body), hottok }) };
  assert.equal((await t.send(withBodyHottok, { withoutHottokHeader: true })).status, 200);
});

test('both formats grant: 2.0.0 JSON and the 1.0.0 form; each sale creates its student and mails the credentials once', async () => {
  await using t = await startTestArea();
  assert.equal((await t.send(notification('PURCHASE_APPROVED', 'json-1', { email: 'Bia@Example.com' }))).status, 200);
  assert.equal((await t.send(notification('PURCHASE_APPROVED', 'form-1', { email: 'caio@example.com', name: 'Caio Souza', transaction: 'HP0002' }, '1.0.0'))).status, 200);
  assert.deepEqual(t.area.store.listStudents().map((student) => [student.email, student.name]), [['bia@example.com', 'Beatriz Lima'], ['caio@example.com', 'Caio Souza']]);
  await t.inbox.waitFor('both credentials', () => t.inbox.mails.length === 2 || undefined as unknown as boolean);
  assert.deepEqual(t.inbox.mails.map((mail) => mail.to[0]).sort(), ['bia@example.com', 'caio@example.com']);
  // a 1.0.0 form without a webhook-id is identified by its content: the same form again is the same event
  const bare = notification('PURCHASE_APPROVED', 'ignored', { email: 'duda@example.com', transaction: 'HP0003' }, '1.0.0');
  const post = () => fetch(`${t.area.url}/`, { method: 'POST', headers: { 'content-type': bare.contentType }, body: bare.body }).then(async (r) => ({ status: r.status, body: await r.json() as { duplicate: boolean } }));
  const [first, again] = [await post(), await post()];
  assert.deepEqual([first.status, first.body.duplicate, again.status, again.body.duplicate], [200, false, 200, true]);
  assert.equal((await fetch(`${t.area.url}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotmart-hottok': hottok }, body: '{"id":"x"}' })).status, 400);
});

test('a retry of an event is answered 200 and changes nothing; a renewal extends access without a new e-mail; a second product is an enrolment', async () => {
  await using t = await startTestArea({ products: ['555', '777'] });
  const sale = notification('PURCHASE_APPROVED', 'evt-a', { subscriberCode: 'SUB1', transaction: 'HP0001', recurrence: 1 });
  const first = await t.send(sale);
  const retry = await t.send(sale);
  assert.deepEqual([first.body.duplicate, retry.status, retry.body.duplicate], [false, 200, true]);
  await t.inbox.waitFor('credentials', (mail) => mail.subject.includes('Curso de Fotografia'));
  const renewal = await t.send(notification('PURCHASE_APPROVED', 'evt-b', { subscriberCode: 'SUB1', transaction: 'HP0002', recurrence: 2 }));
  assert.equal(renewal.body.access, 'live');
  const other = await t.send(notification('PURCHASE_APPROVED', 'evt-c', { productId: 777, transaction: 'HP0003' }));
  assert.equal(other.body.access, 'live');
  await eventually('the outbox to settle', () => (t.area.store.recentMails(10).every((mail) => mail.status === 'sent') && t.area.store.recentMails(10).length === 2) || undefined);
  assert.deepEqual(t.area.store.recentMails(10).map((mail) => mail.kind).sort(), ['course_opened', 'credentials'], 'one credentials mail, one "course opened", none for the renewal');
  assert.equal(t.area.store.recentEvents(10).length, 3, 'the retry stored nothing');
  assert.deepEqual(t.area.store.enrolmentsOf('bia@example.com').map((enrolment) => [enrolment.productId, enrolment.access, enrolment.reason]), [['555', 'live', 'subscribed'], ['777', 'live', 'purchased']]);
});

test('revokes on refund, chargeback and cancellation; keeps on a refund claim; other products and non-access events change nothing', async () => {
  await using t = await startTestArea();
  const buyers = ['refund', 'chargeback', 'canceled', 'protest'].map((name, index) => ({ email: `${name}@example.com`, transaction: `HP10${index}` }));
  for (const [index, buyer] of buyers.entries()) await t.send(notification('PURCHASE_APPROVED', `grant-${index}`, buyer));
  const revokers = ['PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_CANCELED', 'PURCHASE_PROTEST'] as const;
  const answers = [];
  for (const [index, buyer] of buyers.entries()) answers.push((await t.send(notification(revokers[index]!, `then-${index}`, buyer))).body.access);
  assert.deepEqual(answers, ['closed', 'closed', 'closed', 'live']);
  const sample = await t.send(notification('PURCHASE_APPROVED', 'sample', { productId: 3718245, email: 'ana.carolina.souza@gmail.com' }));
  assert.equal(sample.body.outcome, 'ignored_other_product');
  assert.equal((await t.send(notification('SWITCH_PLAN', 'switch'))).body.outcome, 'ignored_not_access');
  assert.equal(t.area.store.getStudent('ana.carolina.souza@gmail.com'), null, 'a test post of the catalogue\'s sample creates nobody');
});

test('a test post (x-postback-test: 1) of an area product is stored as a test: it grants, revokes and mails nothing; the admin sees it as a test', async () => {
  await using t = await startTestArea({ signingSecret });
  const test = { headers: { 'x-postback-test': '1' } };
  // the marker is read only once the sender is ours: a stranger's test post is refused like any other post
  assert.equal((await t.send(notification('PURCHASE_APPROVED', 'stranger-test'), { headers: { ...test.headers, 'x-hotmart-hottok': 'not-ours' } })).status, 401);
  const sample = await t.send(notification('PURCHASE_APPROVED', 'test-grant', { email: 'ana.carolina.souza@example.com', subscriberCode: 'R7PX3K2M' }), test);
  assert.deepEqual([sample.status, sample.body.outcome, sample.body.access], [200, 'ignored_test', null]);
  assert.equal(t.area.store.getStudent('ana.carolina.souza@example.com'), null, 'the sample buyer is nobody');
  assert.deepEqual(t.area.store.enrolmentsOf('ana.carolina.souza@example.com'), []);
  // a real buyer's access is not moved by a test refund naming them, nor by a test 1.0.0 form
  assert.equal((await t.send(notification('PURCHASE_APPROVED', 'real-grant'))).body.access, 'live');
  const testRefund = await t.send(notification('PURCHASE_REFUNDED', 'test-refund'), test);
  const testForm = await t.send(notification('PURCHASE_CHARGEBACK', 'test-form', {}, '1.0.0'), test);
  assert.deepEqual([testRefund.body.outcome, testForm.body.outcome], ['ignored_test', 'ignored_test']);
  assert.deepEqual(t.area.store.enrolmentsOf('bia@example.com').map((enrolment) => [enrolment.access, enrolment.decidedBy]), [['live', ['real-grant']]]);
  await eventually('the real credentials mail', () => t.area.store.recentMails(10).find((mail) => mail.status === 'sent'));
  assert.deepEqual(t.area.store.recentMails(10).map((mail) => [mail.kind, mail.email]), [['credentials', 'bia@example.com']], 'no mail for any test post');
  assert.deepEqual(t.area.store.recentEvents(10).map((event) => [event.eventId, event.outcome]).sort(),
    [['real-grant', 'applied'], ['test-form', 'ignored_test'], ['test-grant', 'ignored_test'], ['test-refund', 'ignored_test']]);
  const admin = (await submitForm(`${t.area.url}/admin/sign-in`, { password: 'admin-password' })).cookie;
  for (const [language, words] of [['pt-BR', /envio de teste/], ['es', /envío de prueba/], ['en', /a test post/]] as const) {
    assert.match((await openPage(`${t.area.url}/admin`, admin, language)).text, words, `the admin page in ${language}`);
  }
});

test('numbers no date holds are not stored as dates, and every error is problem+json with nothing internal in it', async () => {
  await using t = await startTestArea();
  // a creation date, a next charge and a recurrence that no INTEGER column holds: each answered 500 before
  const sale = JSON.parse(notification('PURCHASE_APPROVED', 'odd-numbers', { subscriberCode: 'SUB1' }).body);
  Object.assign(sale, { creation_date: 1.7976931348623157e308 });
  Object.assign(sale.data.purchase, { date_next_charge: 1700000000000.5, recurrence_number: 1e300 });
  const odd = await t.send({ id: 'odd-numbers', body: JSON.stringify(sale), contentType: 'application/json' });
  assert.equal(odd.status, 200, JSON.stringify(odd.body));
  const form = notification('PURCHASE_APPROVED', 'odd-form', { email: 'caio@example.com', transaction: 'HP0009' }, '1.0.0');
  assert.equal((await t.send(form, { headers: { 'webhook-timestamp': '1e300' } })).status, 200, 'a timestamp no date holds: dated when received');
  const badJson = await fetch(`${t.area.url}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotmart-hottok': hottok }, body: '{"id":' });
  assert.deepEqual([badJson.status, badJson.headers.get('content-type'), (await badJson.json() as { detail: string }).detail], [400, 'application/problem+json; charset=utf-8', 'The body is not valid JSON.']);
  // our own failure (the area's database closed under it): a 500 that names nothing of ours
  t.area.store.close();
  const failed = await t.send(notification('PURCHASE_APPROVED', 'after-close'));
  assert.equal(failed.status, 500);
  assert.deepEqual(failed.body, { status: 500, title: 'Internal Server Error', detail: 'Something went wrong on our side. Try again, and report it if it persists.' });
});
