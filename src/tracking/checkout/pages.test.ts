// The buyer's order page says every state of the purchase lifecycle in words, in each language: an expired,
// canceled, disputed, refund-claimed or overdue order showed "Situação do pedido: expired" and an empty paragraph.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asAccountId } from '../../domain/ids.ts';
import { purchaseStateNames } from '../../domain/purchase-lifecycle.ts';
import type { Offer } from '../../store/offers.ts';
import { checkoutLanguages } from './messages.ts';
import { notFoundPage, orderPage } from './pages.ts';

const offer: Offer = { code: 'x7k2', accountId: asAccountId('a'), productId: '3718245', productName: 'Curso de Fotografia', productUcode: null, name: 'Oferta', priceCents: 49700, currency: 'BRL', createdAt: 0 };
const purchase = (state: string) => ({ transaction: 'HP1', state, data: { buyer: { name: 'Ana', email: 'ana@example.com' }, purchase: { payment: { type: 'PIX' } } }, createdAt: 0, updatedAt: 0 });
const statusOf = (html: string) => {
  const section = /<section class="status[^"]*" role="status"><h2>([^<]*)<\/h2><p>([^<]*)<\/p>/.exec(html);
  assert.ok(section, html);
  return { title: section[1]!, detail: section[2]! };
};

test('every lifecycle state has its own title and explanation in every language, never its code', () => {
  for (const language of checkoutLanguages) {
    const titles = new Set<string>();
    for (const state of purchaseStateNames) {
      const { title, detail } = statusOf(orderPage({ language, offer, purchase: purchase(state), demo: false }));
      assert.ok(detail.trim() !== '', `${language} ${state}: an explanation`);
      // English words may be the code's own (approved); elsewhere the code is never shown
      if (language !== 'en') assert.doesNotMatch(`${title} ${detail}`, new RegExp(`\\b${state}\\b`), `${language} ${state}: not the code`);
      titles.add(title);
    }
    assert.equal(titles.size, purchaseStateNames.length, `${language}: one title per state`);
  }
  assert.equal(statusOf(orderPage({ language: 'pt-BR', offer, purchase: purchase('expired'), demo: false })).title, 'Pedido expirado');
});

test('an order that is not found says so, not that the offer is missing', () => {
  const page = notFoundPage('pt-BR', 'order');
  assert.match(page, /Pedido não encontrado/);
  assert.doesNotMatch(page, /link de compra/);
});
