// Realistic sample `data` for the purchase family: a Brazilian online course sold for R$ 497,00.
// "Send test" deliveries carry these, so they must look like what a real sale sends.
import type * as z from 'zod';
import type { purchaseData } from '../schemas/purchase.ts';

type PurchaseData = z.input<typeof purchaseData>;
type PurchaseOrder = PurchaseData['purchase'];

const orderDate = 1741616585000; // 2025-03-10T14:23:05Z
const approvedDate = 1741616680000;

function baseSale(): PurchaseData {
  return {
    product: {
      id: 3718245,
      ucode: 'e35a1769-6b38-4401-aa19-0c37cedd7c93',
      name: 'Curso Completo de Fotografia com Celular',
      warranty_date: '2025-03-17T14:23:05.000Z',
      support_email: 'suporte@fotografiacomcelular.com.br',
      has_co_production: false,
      is_physical_product: false,
    },
    affiliates: [{ affiliate_code: 'K83412907T', name: 'Rafael Mendes' }],
    buyer: {
      email: 'ana.carolina.souza@gmail.com',
      name: 'Ana Carolina Souza',
      first_name: 'Ana Carolina',
      last_name: 'Souza',
      checkout_phone_code: '11',
      checkout_phone: '987654321',
      document: '52998224725',
      document_type: 'CPF',
      address: {
        zipcode: '01310100',
        country: 'Brasil',
        country_iso: 'BR',
        state: 'São Paulo',
        city: 'São Paulo',
        neighborhood: 'Bela Vista',
        address: 'Avenida Paulista',
        number: '1578',
        complement: 'Apto 42',
      },
    },
    producer: { name: 'Marina Duarte Educação Digital LTDA', document: '11444777000161', legal_nature: 'Pessoa Jurídica' },
    commissions: [
      { value: 49.65, source: 'MARKETPLACE', currency_value: 'BRL' },
      { value: 298.24, source: 'PRODUCER', currency_value: 'BRL' },
      { value: 149.11, source: 'AFFILIATE', currency_value: 'BRL' },
    ],
    purchase: {
      transaction: 'HP17416165852291',
      status: 'APPROVED',
      order_date: orderDate,
      approved_date: approvedDate,
      price: { value: 497, currency_value: 'BRL' },
      full_price: { value: 497, currency_value: 'BRL' },
      original_offer_price: { value: 497, currency_value: 'BRL' },
      offer: { code: 'x7k2m9pq', name: 'Oferta de lançamento' },
      payment: { type: 'CREDIT_CARD', installments_number: 12 },
      origin: { src: 'instagram', sck: 'stories_marco' },
      checkout_country: { name: 'Brasil', iso: 'BR' },
      order_bump: { is_order_bump: false },
      subscription_anticipation_purchase: false,
      is_funnel: false,
      business_model: 'I',
    },
  };
}

function withPurchase(changes: Partial<PurchaseOrder>, drop: (keyof PurchaseOrder)[] = []): PurchaseData {
  const sale = baseSale();
  const purchase: Record<string, unknown> = { ...sale.purchase, ...changes };
  for (const key of drop) delete purchase[key];
  return { ...sale, purchase: purchase as PurchaseOrder };
}

const boleto = {
  type: 'BILLET',
  installments_number: 1,
  billet_url: 'https://pay.example.com.br/boleto/HP17416165852291',
  billet_barcode: '34191.79001 01043.510047 91020.150008 1 10160000049700',
};

const neverApproved: (keyof PurchaseOrder)[] = ['approved_date'];

/** Sample `data` for a purchase event, given the `purchase.status` that event carries on the wire. */
export function purchaseSample(status: PurchaseOrder['status']): PurchaseData {
  switch (status) {
    case 'CANCELED':
      return withPurchase({ status, payment: { type: 'CREDIT_CARD', installments_number: 12, refusal_reason: 'Transaction refused by the card issuer' } }, neverApproved);
    case 'BILLET_PRINTED':
    case 'EXPIRED':
      return withPurchase({ status, payment: boleto }, neverApproved);
    case 'DELAYED':
      return delayedRecurrence();
    default:
      return withPurchase({ status });
  }
}

// PURCHASE_DELAYED concerns a recurring charge, so this sample is the third month of a subscription.
function delayedRecurrence(): PurchaseData {
  const sale = withPurchase(
    {
      status: 'DELAYED',
      transaction: 'HP17472139640374',
      order_date: 1747213964000,
      price: { value: 59.9, currency_value: 'BRL' },
      full_price: { value: 59.9, currency_value: 'BRL' },
      original_offer_price: { value: 59.9, currency_value: 'BRL' },
      payment: { type: 'CREDIT_CARD', installments_number: 1 },
      recurrence_number: 3,
      date_next_charge: 1748889611000,
    },
    neverApproved,
  );
  return {
    ...sale,
    product: { ...sale.product, id: 4102938, name: 'Clube da Fotografia Mobile - Assinatura Mensal' },
    commissions: [
      { value: 5.98, source: 'MARKETPLACE', currency_value: 'BRL' },
      { value: 53.92, source: 'PRODUCER', currency_value: 'BRL' },
    ],
    affiliates: [{ affiliate_code: '', name: '' }],
    subscription: { status: 'DELAYED', plan: { id: 1029384, name: 'Plano Mensal' }, subscriber: { code: 'R7PX3K2M' } },
  };
}
