// Buyers' personal data never reaches the logs: a real server at the most verbose level, a payload full of sentinels,
// deliveries that fail in every way we log about (an error status, a refused connection, a disable), and every line read.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { accessToken, callJson, createAccountCli, eventually, freshDataDir, killAllChildren, startServe } from './helpers/process.ts';
import { approvedSaleData } from '../src/catalog/test-fixtures.ts';

after(killAllChildren);

const sentinels = {
  email: 'sentinel.buyer.7731@example.com', name: 'Sentinela Quatrocentos', first_name: 'Sentinela', last_name: 'Quatrocentos',
  document: '98765432100', checkout_phone: '999887766',
};

test('buyer email, name, document and phone appear in no log line, even at trace level with failing deliveries', { timeout: 60_000 }, async () => {
  const dataDir = await freshDataDir('postback-pii-');
  await using receiver = await startHttpReceiver((_req, res, body) => { res.statusCode = 500; res.end(body); });
  const account = await createAccountCli(dataDir);
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, LOG_LEVEL: 'trace', POSTBACK_RETRY_SCHEDULE: '0,50ms', POSTBACK_RETRY_JITTER: '0',
    POSTBACK_DISABLE_AFTER_FAILURES: '2', POSTBACK_DISABLE_AFTER: '0' });
  try {
    const token = await accessToken(server.url, account.basic);
    const auth = { authorization: `Bearer ${token}` };
    // one receiver echoes the payload back in a 500 (so it lands in the history), one port refuses connections
    await callJson('POST', `${server.url}/api/v1/webhooks`, { headers: auth, body: { name: 'echo', url: `${receiver.url}/echo`, events: ['PURCHASE_APPROVED'] } });
    await callJson('POST', `${server.url}/api/v1/webhooks`, { headers: auth, body: { name: 'refused', url: 'http://127.0.0.1:9/', events: ['PURCHASE_APPROVED'] } });
    const data = approvedSaleData();
    data.buyer = { ...data.buyer, ...sentinels };
    const published = await callJson('POST', `${server.url}/api/v1/events`, { headers: auth, body: { event: 'PURCHASE_APPROVED', data } });
    assert.equal(published.status, 202, published.text);
    // a rejected publish quotes nothing back into the logs either
    await callJson('POST', `${server.url}/api/v1/events`, { headers: auth, body: { event: 'PURCHASE_APPROVED', data: { ...data, buyer: { ...data.buyer, email: 42 } } } });
    await eventually('both webhooks disabled after their failures', async () => {
      const list = await callJson('GET', `${server.url}/api/v1/webhooks`, { headers: auth });
      return list.body.items.every((w: { enabled: boolean }) => !w.enabled) ? true : undefined;
    }, 20_000);
    assert.ok(receiver.requests.length >= 2, 'the echo receiver was tried');
  } finally {
    server.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
  const { stdout, stderr } = server.output();
  const lines = `${stdout}\n${stderr}`.split('\n').filter(Boolean);
  assert.ok(lines.some((line) => line.includes('webhook disabled automatically')), 'the run did log (the test would be empty otherwise)');
  for (const [field, value] of Object.entries(sentinels)) {
    const leaked = lines.filter((line) => line.includes(value));
    assert.deepEqual(leaked, [], `buyer ${field} leaked into the logs`);
  }
});
