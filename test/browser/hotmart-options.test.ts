// The dashboard's side of Hotmart fidelity, in a Brazilian browser: a configuration can put the hottok in the body
// (the form says why in one line), and a product id or ucode that no payload could carry is refused with a message
// that says what the field takes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount } from '../../src/accounts/create-account.ts';
import { createUser } from '../../src/accounts/create-user.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';

const user = { email: 'bia@example.com', password: 'bia password 12' };

test('hottok_in_body in the configuration form, and product ids that can match, in pt-BR', { timeout: 120_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  const account = await createAccount(platform.store, { name: 'Escola da Bia', kind: 'producer' }, Date.now());
  await createUser(platform.store, { accountId: account.account_id, ...user }, Date.now());

  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${platform.url}/`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Senha').fill(user.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Minhas configurações' }).waitFor();

  await page.getByRole('button', { name: 'Nova configuração' }).first().click();
  const form = page.getByRole('dialog', { name: 'Nova configuração' });
  await form.getByLabel('Nome').fill('Área de membros');
  await form.getByLabel('URL').fill('https://membros.example.com/hotmart');
  await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
  const option = form.getByRole('checkbox', { name: /Enviar o hottok também no corpo/ });
  assert.equal(await option.isChecked(), false, 'off by default');
  await form.getByText('Para receptores que leem o token só do corpo', { exact: false }).waitFor();
  await option.check();
  await form.getByRole('button', { name: 'Criar configuração' }).click();
  const webhooks = async () => (await platform.store.listWebhooks(account.account_id));
  const [saved] = await eventually('the configuration saved', async () => ((await webhooks()).length === 1 ? webhooks() : undefined));
  assert.equal(saved!.hottokInBody, true, 'the form sent the option');

  await page.goto(`${platform.url}/credentials`);
  await page.getByLabel('Id do produto (opcional)').fill('abc');
  await page.getByLabel('Nome', { exact: true }).fill('Curso de bolos');
  await page.getByRole('button', { name: 'Cadastrar produto' }).click();
  await page.getByText('só dígitos, como 3718245', { exact: false }).waitFor();
  assert.deepEqual(await platform.store.listProducts(account.account_id), [], 'nothing was written');
});
