// The members area's pages and JSON API (issue 15, item 2): sign-in (rate-limited, one answer for a wrong e-mail or
// password), courses only while access is live (a refund closes an open session's course), the admin page behind its
// own password, and the decisions a custom area polls.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { notification, startTestArea } from './helpers/members-area.ts';
import { mailField, openPage, submitForm } from './helpers/members-browserless.ts';

async function studentWithPassword(t: Awaited<ReturnType<typeof startTestArea>>, email: string, grantId: string, name = 'Beatriz Lima') {
  await t.send(notification('PURCHASE_APPROVED', grantId, { email, name, country: 'US', transaction: `HP-${grantId}` }));
  return mailField((await t.inbox.waitFor(`credentials for ${email}`, (mail) => mail.to.includes(email))).text, 'Password');
}

test('sign-in: one answer for a wrong e-mail or password, limited per e-mail and address; pages speak the browser\'s language', async () => {
  await using t = await startTestArea({ loginAttempts: 3 });
  const password = await studentWithPassword(t, 'bia@example.com', 'g1');
  const wrongPassword = await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: 'nope' });
  const unknown = await submitForm(`${t.area.url}/sign-in`, { email: 'who@example.com', password: 'nope' });
  assert.deepEqual([wrongPassword.status, unknown.status], [401, 401]);
  assert.match(wrongPassword.text, /Wrong e-mail or password/);
  assert.match(unknown.text, /Wrong e-mail or password/);
  await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: 'nope' });
  await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: 'nope' });
  const limited = await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password });
  assert.equal(limited.status, 429, 'even the right password waits once the limit is reached');
  assert.match(limited.text, /Too many attempts/);
  assert.match((await openPage(`${t.area.url}/`, null, 'es-MX,es;q=0.9')).text, /Ingresar al área de miembros/);
  assert.match((await openPage(`${t.area.url}/`, null, 'de-DE')).text, /Entrar na área de membros/, 'pt-BR by default');
});

test('the course shows only while access is live: a refund closes it for an open session, and the next sign-in is refused', async () => {
  const courseDir = await mkdtemp(join(tmpdir(), 'postback-course-'));
  await writeFile(join(courseDir, '555.html'), '<h2>Aula 1: a luz</h2><p>Bem-vindos!</p>');
  await using t = await startTestArea({ courseDir });
  const password = await studentWithPassword(t, 'bia@example.com', 'g1');
  const signedIn = await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password });
  const session = signedIn.cookie;
  assert.match(session ?? '', /^members_session=/);
  const courses = await openPage(`${t.area.url}/courses`, session);
  assert.equal(courses.status, 200);
  assert.match(courses.text, /href="\/courses\/555"/);
  const course = await openPage(`${t.area.url}/courses/555`, session);
  assert.equal(course.status, 200);
  assert.match(course.text, /<h2>Aula 1: a luz<\/h2>/);
  assert.equal((await openPage(`${t.area.url}/courses/777`, session)).status, 403, 'not a course of hers');
  assert.equal((await openPage(`${t.area.url}/courses/555`)).location, '/', 'signed out: to the sign-in page');

  await t.send(notification('PURCHASE_REFUNDED', 'r1', { email: 'bia@example.com', transaction: 'HP-g1' }));
  const closed = await openPage(`${t.area.url}/courses/555`, session);
  assert.equal(closed.status, 403);
  assert.match(closed.text, /This course is closed to you/);
  assert.ok(!closed.text.includes('Aula 1'), 'no content');
  assert.equal((await openPage(`${t.area.url}/courses`, session)).status, 403);
  const again = await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password });
  assert.equal(again.status, 403);
  assert.match(again.text, /Your access has ended/);
  assert.equal(again.cookie, null, 'no session');
});

test('the admin page: its own password; every student\'s access per course and the events that decided it; names escaped', async () => {
  await using t = await startTestArea();
  const password = await studentWithPassword(t, 'bia@example.com', 'g1', '<script>alert(1)</script>');
  await t.send(notification('PURCHASE_REFUNDED', 'refund-1', { email: 'caio@example.com', transaction: 'HP9' }));
  await t.send(notification('PURCHASE_APPROVED', 'late-grant', { email: 'caio@example.com', transaction: 'HP9' }));
  assert.match((await openPage(`${t.area.url}/admin`)).text, /Sign in as the administrator/);
  assert.equal((await submitForm(`${t.area.url}/admin/sign-in`, { password: 'wrong' })).status, 401);
  const admin = (await submitForm(`${t.area.url}/admin/sign-in`, { password: 'admin-password' })).cookie;
  const student = (await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password })).cookie;
  assert.match((await openPage(`${t.area.url}/admin`, student)).text, /Sign in as the administrator/, 'a student\'s session is not the admin\'s');
  const page = (await openPage(`${t.area.url}/admin`, admin)).text;
  assert.match(page, /data-email="bia@example.com" data-product="555">[\s\S]*?data-access="live"[\s\S]*?purchase approved[\s\S]*?PURCHASE_APPROVED <span class="mono">g1/);
  assert.match(page, /data-email="caio@example.com" data-product="555">[\s\S]*?data-access="closed"[\s\S]*?refunded[\s\S]*?PURCHASE_REFUNDED <span class="mono">refund-1/);
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !page.includes('<script>'), 'a buyer\'s name is text, never markup');
  assert.match(page, /late-grant/, 'the late approval is listed among the notifications');
});

test('the JSON API: a bearer token; one student\'s access now, and the feed of every decision in order', async () => {
  await using t = await startTestArea();
  await t.send(notification('PURCHASE_APPROVED', 'g1', { email: 'bia@example.com', transaction: 'HP1' }));
  await t.send(notification('PURCHASE_REFUNDED', 'r1', { email: 'bia@example.com', transaction: 'HP1' }));
  await t.send(notification('PURCHASE_APPROVED', 'g2', { email: 'caio@example.com', transaction: 'HP2' }));
  const call = (path: string, token = 'api-token-of-the-test') => fetch(`${t.area.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
  assert.equal((await call('/api/access?email=bia@example.com', 'wrong')).status, 401);
  const bia = await call('/api/access?email=Bia@Example.com');
  assert.deepEqual(bia.body.courses.map((c: any) => [c.product_id, c.access, c.reason, c.decided_by]), [['555', 'closed', 'refunded', ['r1']]]);
  const feed = await call('/api/decisions?after=0&limit=2');
  assert.deepEqual(feed.body.items.map((d: any) => [d.email, d.access, d.reason]), [['bia@example.com', 'live', 'purchased'], ['bia@example.com', 'closed', 'refunded']]);
  const rest = await call(`/api/decisions?after=${feed.body.next_after}`);
  assert.deepEqual(rest.body.items.map((d: any) => [d.email, d.access]), [['caio@example.com', 'live']]);
  assert.deepEqual((await call(`/api/decisions?after=${rest.body.next_after}`)).body, { items: [], next_after: rest.body.next_after });
});
