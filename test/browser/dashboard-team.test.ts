// Team, roles, secrets and the audit log in Chromium: an owner invites a developer and a viewer by e-mail with a
// role (the link shown once); each joins from its link; the developer rotates a signing secret with a chosen overlap
// but cannot see it again; the owner reveals it (recorded); the viewer only reads and sees no secret; the audit
// log says who did what. The invitations waiting say who sent each; removing a member names the account credentials
// its role could see, with where to rotate them. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';

test('team, roles, secrets and the audit log', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  const owner = await member(platform, 'Escola da Vera', 'producer', 'vera@example.com');
  const webhook = (await owner.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  // what the audit screen must put in words too: a test send, a new URL (its password masked), a withdrawn invitation
  await owner.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' });
  await owner.call('PATCH', `/api/v1/webhooks/${webhook.id}`, { url: 'https://area:pw@example.com/h2' });
  const withdrawn = (await owner.call('POST', '/api/v1/team/invitations', { email: 'maybe@example.com', role: 'viewer' })).body;
  await owner.call('DELETE', `/api/v1/team/invitations/${withdrawn.id}`);

  for (const view of views) {
    await t.test(`invite, join, rotate, reveal, audit (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page, [401, 403, 404]);
      const invite = async (email: string, role: string): Promise<string> => {
        await signIn(page, platform.url, owner);
        await page.goto(`${platform.url}/team`);
        await page.getByLabel(say('field.email')).fill(email);
        await page.getByLabel(say('team.role'), { exact: true }).selectOption(role);
        await page.getByRole('button', { name: say('team.invite') }).click();
        const link = (await page.getByLabel(say('team.link'), { exact: true }).textContent()) ?? '';
        assert.match(link, /\/invite\/[A-Za-z0-9_-]{20,}$/);
        // the invitations waiting say who sent each (up to its date, which varies)
        const waiting = say('team.pendingItem', { email, role: say(`role.${role}`), by: owner.email }).split('{date}')[0]!;
        assert.ok(waiting.includes(owner.email), waiting);
        await page.locator('.pending-list li').filter({ hasText: waiting }).waitFor();
        return link;
      };
      const join = async (link: string) => {
        await page.locator('.account-menu button').click();
        await page.locator('form').filter({ has: page.locator('input[type="password"]') }).waitFor();
        await page.goto(link);
        await page.getByRole('heading', { name: say('invite.title') }).waitFor();
        await page.getByLabel(say('field.password')).fill('a good password');
        await page.getByRole('button', { name: say('invite.join') }).click();
        await page.locator('.account-menu').waitFor();
      };

      // a developer joins and rotates a signing secret with no overlap, but cannot see it again
      const devLink = await invite(`dev-${view.name}@example.com`, 'developer');
      await shot(page, `team-invite-${view.name}`);
      await join(devLink);
      await page.goto(`${platform.url}/webhooks`);
      await page.getByRole('article', { name: 'Área de membros' }).getByRole('button', { name: say('webhooks.secret') }).click();
      const secrets = page.getByRole('dialog', { name: say('secret.dialogTitle', { name: 'Área de membros' }) });
      await secrets.getByText(say('secret.revealOwnersOnly')).waitFor();
      await secrets.getByLabel(say('secret.overlap')).selectOption('0');
      await secrets.getByRole('button', { name: say('webhooks.rotate') }).click();
      const rotated = (await secrets.getByLabel(say('secret.label'), { exact: true }).textContent()) ?? '';
      assert.match(rotated, /^whsec_/);
      await shot(page, `secret-rotate-${view.name}`);
      await page.goto(`${platform.url}/team`);
      await page.getByRole('heading', { name: say('team.members') }).waitFor();
      assert.equal(await page.getByRole('heading', { name: say('team.inviteTitle') }).count(), 0, 'only owners invite');

      // the owner reveals the current secret again
      await signIn(page, platform.url, owner);
      await page.goto(`${platform.url}/webhooks`);
      await page.getByRole('article', { name: 'Área de membros' }).getByRole('button', { name: say('webhooks.secret') }).click();
      await page.getByRole('button', { name: say('secret.revealCurrent') }).click();
      await page.getByRole('dialog').getByText(rotated, { exact: true }).waitFor();

      // a viewer only reads: no changes offered, no secret shown
      const viewLink = await invite(`view-${view.name}@example.com`, 'viewer');
      // removing says what it does not end: the account's credentials the member's role could see, and where to rotate them
      const removeDialog = async (email: string, key: string, links: string[]) => {
        await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: say('team.remove') }).click();
        const dialog = page.getByRole('dialog', { name: say('team.removeTitle', { email }) });
        await dialog.getByText(say(key)).waitFor();
        assert.deepEqual(await dialog.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))), links);
        await shot(page, `team-remove-${key}-${view.name}`);
        await dialog.getByRole('button', { name: say('common.cancel') }).click();
      };
      await removeDialog(`dev-${view.name}@example.com`, 'team.removeDeveloperSecrets', ['/docs']);
      await removeDialog(owner.email, 'team.removeOwnerSecrets', ['/credentials', '/docs']);
      await shot(page, `team-pending-by-${view.name}`);
      await join(viewLink);
      await page.goto(`${platform.url}/webhooks`);
      await page.getByRole('article', { name: 'Área de membros' }).waitFor();
      assert.equal(await page.getByRole('button', { name: say('webhooks.new') }).count(), 0);
      assert.equal(await page.getByRole('article', { name: 'Área de membros' }).getByRole('button').filter({ hasText: say('common.edit') }).count(), 0);
      await page.goto(`${platform.url}/docs`);
      await page.getByText(say('hottok.hidden')).waitFor();
      assert.equal(await scrollsSideways(page), null);

      // the audit log: who did what
      await page.goto(`${platform.url}/audit`);
      const log = page.locator('.audit-table tbody');
      await log.getByRole('row').filter({ hasText: `dev-${view.name}@example.com` }).filter({ hasText: say('audit.secretRotated', { name: 'Área de membros' }) }).waitFor();
      await log.getByRole('row').filter({ hasText: 'vera@example.com' }).filter({ hasText: say('audit.secretRevealed', { name: 'Área de membros' }) }).first().waitFor();
      await log.getByRole('row').filter({ hasText: say('audit.memberJoined', { role: say('role.viewer') }) }).first().waitFor();
      await log.getByRole('row').filter({ hasText: say('audit.webhookTested', { name: 'Área de membros' }) }).waitFor();
      await log.getByRole('row').filter({ hasText: say('audit.webhookUrlChanged', { name: 'Área de membros', url: 'https://area:•••@example.com/h2' }) }).waitFor();
      await log.getByRole('row').filter({ hasText: say('audit.invitationRevokedOf', { name: 'maybe@example.com' }) }).waitFor();
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `audit-log-${view.name}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
