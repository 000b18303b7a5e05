// For developers: "send test" posts an editable sample and shows the receiver's answer in place; a delivery shows
// the exact bytes sent (a 1.0.0 form as form text), copies as a curl command that replays those bytes with a valid
// signature, and can be sent once to another URL (refused for private networks, recorded in the audit log).
// Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

test('send test inline, exact bytes, curl and replay', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  await using receiver = await startRestartableReceiver();
  await using other = await startRestartableReceiver();
  const producer = await member(platform, 'Estúdio da Ju', 'producer', 'ju@example.com');
  const json = (await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/json`, events: ['PURCHASE_APPROVED'] })).body;
  const form = (await producer.call('POST', '/api/v1/webhooks', { name: 'Legado', url: `${receiver.url}/form`, events: ['PURCHASE_APPROVED'], version: '1.0.0' })).body;
  const hottok = (await producer.call('GET', '/api/v1/account')).body.hottok as string;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });

  for (const view of views) {
    await t.test(`developer tools (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page, [401, 422]);
      await signIn(page, platform.url, producer);
      await page.goto(`${platform.url}/webhooks`);
      await page.getByRole('article', { name: 'Área de membros' }).getByRole('button', { name: say('webhooks.sendTest') }).click();
      const dialog = page.getByRole('dialog', { name: say('sendTest.title') });
      const payload = dialog.getByLabel(say('sendTest.payload'));
      await payload.locator('xpath=self::*[contains(., "ana.carolina.souza@example.com")]').waitFor();
      // not JSON: said next to the field, nothing sent
      const before = receiver.bodies.length;
      await payload.fill('{ "buyer": ');
      await dialog.getByRole('button', { name: say('sendTest.submit') }).click();
      await dialog.getByText(say('sendTest.notJson')).waitFor();
      assert.equal(receiver.bodies.length, before);
      await dialog.getByRole('button', { name: say('sendTest.resetSample') }).click();
      const edited = (await payload.inputValue()).replace('ana.carolina.souza@example.com', `teste-${view.name}@exemplo.com`);
      await payload.fill(edited);
      await dialog.getByRole('button', { name: say('sendTest.submit') }).click();
      await dialog.locator('.answer').getByText('HTTP 200').waitFor();
      await dialog.locator('.answer pre').getByText('"received":true').waitFor();
      assert.equal(JSON.parse(receiver.bodies.at(-1)!).data.buyer.email, `teste-${view.name}@exemplo.com`, 'the edited payload was sent');
      await shot(page, `send-test-inline-${view.name}`);
      assert.equal(await scrollsSideways(page), null);
      await dialog.getByRole('link', { name: say('sendTest.openDelivery') }).click();

      // the exact bytes, and a curl command that sends them again, signature and all
      await page.getByRole('heading', { name: say('delivery.sentPayload') }).waitFor();
      const sent = receiver.bodies.at(-1)!;
      // exactly the bytes received, but for the hottok, which the history keeps masked (test posts carry it)
      const masked = sent.replace(hottok, `********${hottok.slice(-4)}`);
      assert.equal(await page.locator('pre', { hasText: sent.slice(0, 40) }).first().innerText(), masked);
      // named by the words it shows, so a voice user who says them reaches it (WCAG 2.5.3, label in name)
      const copyCurl = page.getByRole('button', { name: say('delivery.copyCurl'), exact: true });
      assert.equal(await copyCurl.count(), 1, `a button named "${say('delivery.copyCurl')}", as it reads`);
      await copyCurl.click();
      const curl = await page.evaluate('navigator.clipboard.readText()') as string;
      assert.match(curl, /^curl -X POST /);
      const count = receiver.bodies.length;
      // asynchronously: the receiver answering curl lives in this process
      await promisify(execFile)('sh', ['-c', curl], { env: { ...process.env, POSTBACK_HOTTOK: hottok }, timeout: 10_000 });
      assert.equal(receiver.bodies.at(count), sent, 'curl sends the same bytes');

      // send once to another URL: refused for a private network, answered inline for an allowed one
      const replayUrl = page.getByLabel(say('replay.url'));
      await replayUrl.fill('http://10.1.2.3/hook');
      await page.getByRole('button', { name: say('replay.submit') }).click();
      await page.getByText(say('webhookForm.urlBlocked').slice(0, 40), { exact: false }).waitFor();
      const replays = other.bodies.length;
      await replayUrl.fill(`${other.url}/staging`);
      await page.getByRole('button', { name: say('replay.submit') }).click();
      await page.getByRole('region', { name: say('replay.title') }).locator('.answer').getByText('HTTP 200').waitFor();
      await page.getByText(say('replay.recorded'), { exact: true }).waitFor();
      assert.equal(other.bodies.at(replays), sent, 'the same body');
      await shot(page, `delivery-developer-${view.name}`);
      assert.equal(await scrollsSideways(page), null);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  await t.test('a 1.0.0 delivery shows its form text; replays are signed and audited', async () => {
    const sent = (await producer.call('POST', `/api/v1/webhooks/${form.id}/test`, { event: 'PURCHASE_APPROVED' })).body;
    await eventually('delivered', async () => ((await producer.call('GET', `/api/v1/deliveries/${sent.delivery.id}`)).body.status === 'delivered' ? true : undefined));
    const page = await pageIn(browser.context, views[0]!);
    await signIn(page, platform.url, producer);
    await page.goto(`${platform.url}/history/${sent.delivery.id}`);
    const exact = page.locator('pre', { hasText: 'hottok=********' });
    await exact.waitFor();
    assert.match(await exact.innerText(), /^[\w%.+-]+=[^\n]*&[\w%.+-]+=/, 'form text, not decoded JSON');
    await page.close();
    const replayed = await producer.call('POST', `/api/v1/deliveries/${sent.delivery.id}/replay`, { url: `${other.url}/form` });
    assert.equal(replayed.body.status_code, 200);
    const audit = await platform.store.listAudit(producer.accountId, { limit: 20 });
    assert.ok(audit.filter((entry) => entry.action === 'delivery.replayed').length >= 3, 'every replay is in the audit log');
    assert.equal((await producer.call('POST', `/api/v1/deliveries/${sent.delivery.id}/replay`, { url: 'http://169.254.169.254/latest' })).status, 422, 'cloud metadata refused');
    assert.ok(json.secret && new Webhook(json.secret));
  });
});
