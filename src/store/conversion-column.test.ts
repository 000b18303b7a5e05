import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { ConversionConfig } from '../domain/conversion.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { conversionColumn, readConversion, readConversionRoute } from './conversion-column.ts';

test('the postback column seals the network\'s credentials, reads back whole, and gives fan-out only the skip rule', () => {
  const box = createSecretBox(randomBytes(32));
  const config: ConversionConfig = {
    preset: 'meta', method: 'POST', body: { data: [{ event_name: '{goal}' }], access_token: '{access_token}' }, goals: { PURCHASE_APPROVED: { goal: 'Purchase', negative_value: false } },
    click_id_from: ['fbclid'], click_id_required: false, secrets: { access_token: 'EAABsbCS1iHgBAZCZD-token', app_secret: 'app-secret-value' },
  };
  const column = conversionColumn(config, box)!;
  assert.ok(!column.includes('EAABsbCS1iHgBAZCZD-token') && !column.includes('app-secret-value'), 'no credential in clear at rest');
  assert.deepEqual(readConversion(column, box), config);
  assert.deepEqual(readConversionRoute(column), { click_id_required: false, click_id_from: ['fbclid'] });
  assert.equal(conversionColumn(null, box), null);
  assert.equal(readConversion(null, box), null);
  assert.throws(() => readConversion(column, createSecretBox(randomBytes(32))), 'another key cannot open it');
});
