// Sale facts and search terms read from each family's payload shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleData } from '../catalog/index.ts';
import { saleFactsOf, searchKey, searchTermsOf } from './sale-facts.ts';

test('buyer, product and amount come from where each family keeps them', () => {
  assert.deepEqual(saleFactsOf('PURCHASE_APPROVED', sampleData('PURCHASE_APPROVED')), {
    buyer: { name: 'Ana Carolina Souza', email: 'ana.carolina.souza@example.com' },
    product: { id: '3718245', name: 'Curso Completo de Fotografia com Celular' },
    amount: { value: 497, currency: 'BRL' },
  });
  assert.deepEqual(saleFactsOf('SUBSCRIPTION_CANCELLATION', sampleData('SUBSCRIPTION_CANCELLATION')).buyer, { name: 'Ana Carolina Souza', email: 'ana.carolina.souza@example.com' });
  assert.deepEqual(saleFactsOf('SWITCH_PLAN', sampleData('SWITCH_PLAN')).buyer, { name: null, email: 'ana.carolina.souza@example.com' });
  assert.deepEqual(saleFactsOf('SWITCH_PLAN', sampleData('SWITCH_PLAN')).product, { id: '4102938', name: 'Clube da Fotografia Mobile - Assinatura Mensal' });
  assert.equal(saleFactsOf('CLUB_FIRST_ACCESS', sampleData('CLUB_FIRST_ACCESS')).buyer?.email, 'ana.carolina.souza@example.com');
  assert.equal(saleFactsOf('PURCHASE_OUT_OF_SHOPPING_CART', sampleData('PURCHASE_OUT_OF_SHOPPING_CART')).amount, null, 'no price, no amount');
  assert.deepEqual(saleFactsOf('PURCHASE_APPROVED', { buyer: 'odd', product: [1], purchase: { price: { value: 'x' } } }), { buyer: null, product: null, amount: null }, 'odd shapes say nothing');
  assert.deepEqual(saleFactsOf('UNKNOWN', null), { buyer: null, product: null, amount: null });
});

test('search keys fold case, accents and spaces; terms start at each word', () => {
  assert.equal(searchKey('  João   da SILVA '), 'joao da silva');
  assert.equal(searchKey('HP0042'), 'hp0042');
  const facts = { buyer: { name: 'José Conceição', email: 'Jose@Example.com' }, product: { id: '123', name: 'Curso de Bolos' }, amount: null };
  assert.deepEqual(searchTermsOf(facts, 'HP0042', '123'), {
    ofEvent: ['hp0042', 'jose@example.com', 'jose conceicao', 'conceicao'],
    ofProduct: ['123', 'curso de bolos', 'de bolos', 'bolos'],
  });
  assert.deepEqual(searchTermsOf(facts, 'HP0042', null), {
    ofEvent: ['hp0042', 'jose@example.com', 'jose conceicao', 'conceicao', '123', 'curso de bolos', 'de bolos', 'bolos'],
    ofProduct: [],
  }, 'without a product id, the product terms are the event\'s own');
  assert.deepEqual(searchTermsOf({ buyer: null, product: null, amount: null }, null, null), { ofEvent: [], ofProduct: [] });
});
